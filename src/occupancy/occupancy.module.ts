import { Module } from '@nestjs/common';
import { OccupancyService } from './occupancy.service';

/** The one owner of "which spot holds which booking when" (R-OCC-1); see occupancy.sql.ts. */
@Module({
  providers: [OccupancyService],
  exports: [OccupancyService],
})
export class OccupancyModule {}
