import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, Roles } from '../common/decorators/roles.decorator';
import { AdminStatsDto, AdminStatsQueryDto } from './dto/stats.dto';
import { StatsService } from './stats.service';

@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('admin/stats')
export class AdminStatsController {
  constructor(private readonly stats: StatsService) {}

  @Get()
  @ApiOperation({ summary: 'Analytics of a range of days: revenue, occupancy, bookings, drivers' })
  @ApiOkResponse({ type: AdminStatsDto, description: 'Analytics of a range of local days (R-STAT-1), default the last 30 ending today' })
  getAdminStats(@Query() query: AdminStatsQueryDto) {
    return this.stats.adminStats(query);
  }
}
