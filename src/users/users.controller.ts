import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Role, Roles } from '../common/decorators/roles.decorator';
import { ErrorBodyDto } from '../common/errors/error-body.dto';
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
  @ApiOkResponse({ type: AdminUserPageDto })
  listUsers(@Query() query: ListUsersQueryDto) {
    return this.users.list(query);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  updateUser(@CurrentUser() actor: AuthUser, @Param('id', UuidParam) id: string, @Body() body: UpdateUserDto) {
    return this.users.setActive(actor, id, body.isActive);
  }
}
