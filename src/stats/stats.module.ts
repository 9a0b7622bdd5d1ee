import { Module } from '@nestjs/common';
import { AdminStatsController } from './admin-stats.controller';
import { StatsController } from './stats.controller';
import { StatsRepository } from './stats.repository';
import { StatsService } from './stats.service';

/** Analytics (R-STAT-1, R-STAT-2): HTTP only, nothing for the worker. */
@Module({
  controllers: [StatsController, AdminStatsController],
  providers: [StatsRepository, StatsService],
})
export class StatsModule {}
