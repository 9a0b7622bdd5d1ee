import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OccupancyModule } from '../occupancy/occupancy.module';
import { Lot } from './entities/lot.entity';
import { Spot } from './entities/spot.entity';
import { LotsController } from './lots.controller';
import { LotsRepository } from './lots.repository';
import { LotsService } from './lots.service';

/** Lots and spots, the catalogue (R-LOT-*, R-SPOT-*); who holds which spot comes from the occupancy module. */
@Module({
  imports: [TypeOrmModule.forFeature([Lot, Spot]), OccupancyModule],
  controllers: [LotsController],
  providers: [LotsService, LotsRepository],
})
export class LotsModule {}
