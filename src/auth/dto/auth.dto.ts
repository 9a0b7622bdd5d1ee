import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Length, Matches, MaxLength, MinLength } from 'class-validator';
import { Trim, TrimLowerCase } from '../../common/validation/validators';
import { UserDto } from '../../users/dto/users.dto';

const PASSWORD_RULE = /^(?=.*[A-Za-z])(?=.*\d).+$/;
const PASSWORD_MESSAGE = '$property must contain at least one letter and one digit';

/** A new password (R-AUTH-1): 8–128 characters with a letter and a digit. */
function NewPassword(): PropertyDecorator {
  return (target, key) => {
    IsString()(target, key);
    MinLength(8)(target, key);
    MaxLength(128)(target, key);
    Matches(PASSWORD_RULE, { message: PASSWORD_MESSAGE })(target, key);
  };
}

/** An e-mail address, trimmed and lower-cased before it is checked. */
function EmailField(): PropertyDecorator {
  return (target, key) => {
    TrimLowerCase()(target, key);
    IsEmail({}, { message: '$property must be a valid e-mail address' })(target, key);
    MaxLength(254)(target, key);
  };
}

export class RegisterDto {
  @ApiProperty({ description: 'E-mail address (stored lower-case, unique)', maxLength: 254, example: 'jane@example.com' })
  @EmailField()
  email: string;

  @ApiProperty({ description: 'Username: 3–32 of letters, digits, "_", "." and "-"; unique ignoring case', example: 'jane_doe' })
  @Trim()
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{3,32}$/, { message: '$property must be 3–32 letters, digits, "_", "." or "-"' })
  username: string;

  @ApiProperty({ description: 'Password: 8–128 characters with at least one letter and one digit', minLength: 8, maxLength: 128, example: 'secret123' })
  @NewPassword()
  password: string;

  @ApiPropertyOptional({ description: 'Full name', maxLength: 100, example: 'Jane Doe' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100)
  fullName?: string;
}

export class VerifyEmailDto {
  @ApiProperty({ description: 'The e-mail address the code was sent to', example: 'jane@example.com' })
  @EmailField()
  email: string;

  @ApiProperty({ description: 'The 6-digit code from the e-mail', example: '123456' })
  @Matches(/^\d{6}$/, { message: '$property must be 6 digits' })
  code: string;
}

export class EmailDto {
  @ApiProperty({ description: 'E-mail address of the account', example: 'jane@example.com' })
  @EmailField()
  email: string;
}

export class LoginDto {
  @ApiProperty({ description: 'E-mail address or username', example: 'jane_doe' })
  @Trim()
  @IsString()
  @Length(1, 254)
  login: string;

  @ApiProperty({ description: 'Password', example: 'secret123' })
  @IsString()
  @Length(1, 128)
  password: string;
}

export class RefreshTokenDto {
  @ApiProperty({ description: 'The refresh token from the last login or refresh' })
  @IsString()
  @Length(1, 200)
  refreshToken: string;
}

export class ResetPasswordDto {
  @ApiProperty({ description: 'E-mail address of the account', example: 'jane@example.com' })
  @EmailField()
  email: string;

  @ApiProperty({ description: 'The 6-digit code from the password-reset e-mail', example: '123456' })
  @Matches(/^\d{6}$/, { message: '$property must be 6 digits' })
  code: string;

  @ApiProperty({ description: 'New password: 8–128 characters with at least one letter and one digit', minLength: 8, maxLength: 128 })
  @NewPassword()
  newPassword: string;
}

export class TokensDto {
  @ApiProperty({ description: 'Access JWT for the Authorization: Bearer header' })
  accessToken: string;

  @ApiProperty({ description: 'Opaque refresh token; single use — each refresh returns a new one' })
  refreshToken: string;

  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 })
  expiresIn: number;

  @ApiProperty({ description: 'Always "Bearer"', example: 'Bearer' })
  tokenType: 'Bearer';

  @ApiProperty({ description: 'The signed-in user', type: UserDto })
  user: UserDto;
}

export class MessageDto {
  @ApiProperty({ description: 'What happened, for people', example: 'If the account exists, a code has been sent' })
  message: string;
}
