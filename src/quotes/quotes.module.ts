import { Module } from '@nestjs/common';
import { TariffsModule } from '../tariffs/tariffs.module';
import { QuotesController } from './quotes.controller';
import { QuotesRepository } from './quotes.repository';
import { QuotesService } from './quotes.service';

/** Quotes (R-QUOTE-1, 2): priced with the tariff versions of the tariffs module; bookings redeem them. */
@Module({
  imports: [TariffsModule],
  controllers: [QuotesController],
  providers: [QuotesService, QuotesRepository],
  exports: [QuotesService],
})
export class QuotesModule {}
