import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Lot } from './entities/lot.entity';
import { Spot } from './entities/spot.entity';
import { LotsController } from './lots.controller';
import { LotsRepository } from './lots.repository';
import { LotsService } from './lots.service';

/** Lots and spots (R-LOT-*, R-SPOT-*). Bookings read lots and spots in their own SQL (BookingsRepository). */
@Module({
  imports: [TypeOrmModule.forFeature([Lot, Spot])],
  controllers: [LotsController],
  providers: [LotsService, LotsRepository],
})
export class LotsModule {}
