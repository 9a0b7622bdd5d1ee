import { Module } from '@nestjs/common';
import { TariffBook } from './tariff-book';

/** Tariff versions as pricing reads them (R-TARIFF-2): immutable, cached in the process. */
@Module({
  providers: [TariffBook],
  exports: [TariffBook],
})
export class TariffsModule {}
