import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Role } from '../../common/decorators/roles.decorator';
import { PageOf, PageQueryDto } from '../../common/pagination';
import { BooleanQuery, Trim } from '../../common/validation/validators';
import { User } from '../entities/user.entity';

/** A user as the API shows it: never the password hash. */
export class UserDto {
  @ApiProperty({ description: 'User id', format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'E-mail address, lower-case', example: 'driver@example.com' })
  email: string;

  @ApiProperty({ description: 'Username, unique ignoring case', example: 'jane_doe' })
  username: string;

  @ApiProperty({ description: 'Full name', nullable: true, type: String, example: 'Jane Doe' })
  fullName: string | null;

  @ApiProperty({ description: 'Role', enum: Role, enumName: 'Role' })
  role: Role;

  @ApiProperty({ description: 'False once an admin deactivated the account' })
  isActive: boolean;

  @ApiProperty({ description: 'Whether the e-mail address was confirmed with its code' })
  emailVerified: boolean;

  @ApiProperty({ description: 'When the account was created', format: 'date-time' })
  createdAt: string;

  static from(user: User): UserDto {
    return {
      id: user.id,
      email: user.email,
      username: user.username,
      fullName: user.fullName,
      role: user.role,
      isActive: user.isActive,
      emailVerified: user.emailVerifiedAt !== null,
      createdAt: user.createdAt.toISOString(),
    };
  }
}

/** A user in the admin list, with their booking activity. */
export class AdminUserDto extends UserDto {
  @ApiProperty({ description: 'Number of bookings ever made (any state)' })
  bookingsCount: number;

  @ApiProperty({ description: 'Sum of the costs of completed and expired bookings, minor units' })
  totalSpentCents: number;

  @ApiProperty({ description: 'ISO 4217 currency of totalSpentCents', example: 'USD' })
  currency: string;

  @ApiProperty({ description: 'Start of the most recent booking', format: 'date-time', nullable: true, type: String })
  lastBookingAt: string | null;
}

export const AdminUserPageDto = PageOf(AdminUserDto, 'AdminUserPage');

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Matches e-mail, username or full name (case-insensitive, substring)' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  search?: string;

  @ApiPropertyOptional({ description: 'Only users of this role', enum: Role, enumName: 'Role' })
  @IsOptional()
  @IsIn(Object.values(Role))
  role?: Role;

  @ApiPropertyOptional({ description: 'Only active (true) or deactivated (false) users', type: Boolean })
  @IsOptional()
  @BooleanQuery()
  isActive?: boolean;
}

export class UpdateUserDto {
  @ApiProperty({ description: 'False deactivates the account (no login, no booking); true reactivates it' })
  @IsBoolean()
  isActive: boolean;
}
