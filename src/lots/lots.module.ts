import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Lot } from './entities/lot.entity';
import { Spot } from './entities/spot.entity';
import { LotsController } from './lots.controller';
import { LotsRepository } from './lots.repository';
import { LotsService } from './lots.service';

/** Lots and spots (R-LOT-*, R-SPOT-*). The bookings module uses LotsService.requireBookableLot. */
@Module({
  imports: [TypeOrmModule.forFeature([Lot, Spot])],
  controllers: [LotsController],
  providers: [LotsService, LotsRepository],
  exports: [LotsService],
})
export class LotsModule {}
