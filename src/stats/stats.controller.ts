import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Role, Roles } from '../common/decorators/roles.decorator';
import { ErrorBodyDto } from '../common/errors/error-body.dto';
import { MyStatsDto } from './dto/stats.dto';
import { StatsService } from './stats.service';

@ApiTags('stats')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorBodyDto })
@Roles(Role.User)
@Controller('stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get('me')
  @ApiOkResponse({ type: MyStatsDto, description: "The caller's spending and parking (R-STAT-2)" })
  getMyStats(@CurrentUser() user: AuthUser) {
    return this.stats.myStats(user);
  }
}
