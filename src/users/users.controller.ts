import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Role, Roles } from '../common/decorators/roles.decorator';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { UuidParam } from '../common/validation/validators';
import { AdminUserPageDto, ListUsersQueryDto, UpdateUserDto, UserDto } from './dto/users.dto';
import { UsersService } from './users.service';

@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('admin/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Search users, with their booking activity' })
  @ApiOkResponse({ type: AdminUserPageDto })
  listUsers(@Query() query: ListUsersQueryDto) {
    return this.users.list(query);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Activate or deactivate a user' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors('NOT_FOUND', 'CANNOT_DEACTIVATE_SELF')
  updateUser(@CurrentUser() actor: AuthUser, @Param('id', UuidParam) id: string, @Body() body: UpdateUserDto) {
    return this.users.setActive(actor, id, body.isActive);
  }
}
