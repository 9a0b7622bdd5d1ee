import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Role, Roles } from '../common/decorators/roles.decorator';
import { ErrorBodyDto } from '../common/errors/error-body.dto';
import { AdminStatsDto, AdminStatsQueryDto } from './dto/stats.dto';
import { StatsService } from './stats.service';

@ApiTags('admin')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorBodyDto })
@Roles(Role.Admin)
@Controller('admin/stats')
export class AdminStatsController {
  constructor(private readonly stats: StatsService) {}

  @Get()
  @ApiOkResponse({ type: AdminStatsDto, description: 'Analytics of a range of local days (R-STAT-1), default the last 30 ending today' })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'VALIDATION_FAILED: a date is malformed, to is before from, or the range exceeds 366 days' })
  getAdminStats(@Query() query: AdminStatsQueryDto) {
    return this.stats.adminStats(query);
  }
}
