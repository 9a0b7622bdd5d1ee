import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Role, Roles } from '../common/decorators/roles.decorator';
import { MyStatsDto } from './dto/stats.dto';
import { StatsService } from './stats.service';

@ApiTags('stats')
@ApiBearerAuth()
@Roles(Role.User)
@Controller('stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get('me')
  @ApiOperation({ summary: 'The caller’s spending and parking figures' })
  @ApiOkResponse({ type: MyStatsDto, description: "The caller's spending and parking (R-STAT-2)" })
  getMyStats(@CurrentUser() user: AuthUser) {
    return this.stats.myStats(user);
  }
}
