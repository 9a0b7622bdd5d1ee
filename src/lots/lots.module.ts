import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OccupancyModule } from '../occupancy/occupancy.module';
import { TariffsModule } from '../tariffs/tariffs.module';
import { Lot } from './entities/lot.entity';
import { LotTariff } from './entities/lot-tariff.entity';
import { Spot } from './entities/spot.entity';
import { LotTariffsController } from './lot-tariffs.controller';
import { LotTariffsRepository } from './lot-tariffs.repository';
import { LotTariffsService } from './lot-tariffs.service';
import { LotsController } from './lots.controller';
import { LotsRepository } from './lots.repository';
import { LotsService } from './lots.service';

/**
 * Lots and spots, the catalogue (R-LOT-*, R-SPOT-*), and each lot's tariff in versions (R-TARIFF-1, 2); who
 * holds which spot comes from the occupancy module.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Lot, Spot, LotTariff]), OccupancyModule, TariffsModule],
  controllers: [LotsController, LotTariffsController],
  providers: [LotsService, LotsRepository, LotTariffsService, LotTariffsRepository],
})
export class LotsModule {}
