import { DynamicModule, Module } from '@nestjs/common';
import { OccupancyModule } from '../occupancy/occupancy.module';
import { QuotesModule } from '../quotes/quotes.module';
import { TariffsModule } from '../tariffs/tariffs.module';
import { AdminBookingsController } from './admin-bookings.controller';
import { BookingsController } from './bookings.controller';
import { BookingsRepository } from './bookings.repository';
import { BookingsProcessor } from './bookings.processor';
import { BookingsSchedule } from './bookings.schedule';
import { BookingsService } from './bookings.service';
import { LotReviewsController } from './lot-reviews.controller';
import { PaymentsService } from './payments.service';
import { ReviewsService } from './reviews.service';

@Module({})
export class BookingsModule {
  /** The worker also runs the bookings' schedules and their processor (no-show expiry, re-seats, stay notices). */
  static forRoot({ worker }: { worker: boolean }): DynamicModule {
    return {
      module: BookingsModule,
      imports: [OccupancyModule, TariffsModule, QuotesModule],
      controllers: [BookingsController, AdminBookingsController, LotReviewsController],
      providers: [BookingsRepository, BookingsService, PaymentsService, ReviewsService, ...(worker ? [BookingsProcessor, BookingsSchedule] : [])],
      exports: [BookingsService],
    };
  }
}
