import { DynamicModule, Module } from '@nestjs/common';
import { AdminBookingsController } from './admin-bookings.controller';
import { BookingsController } from './bookings.controller';
import { BookingsRepository } from './bookings.repository';
import { BookingsService } from './bookings.service';
import { LotReviewsController } from './lot-reviews.controller';
import { PaymentsService } from './payments.service';
import { ReviewsService } from './reviews.service';

@Module({})
export class BookingsModule {
  /** The no-show expiry of R-BOOK-6 is ticked by the reports schedule in the worker (src/reports). */
  static forRoot(_options: { worker: boolean }): DynamicModule {
    return {
      module: BookingsModule,
      controllers: [BookingsController, AdminBookingsController, LotReviewsController],
      providers: [BookingsRepository, BookingsService, PaymentsService, ReviewsService],
      exports: [BookingsService],
    };
  }
}
