import { DynamicModule, Module } from '@nestjs/common';
import { LotsModule } from '../lots/lots.module';
import { AdminBookingsController } from './admin-bookings.controller';
import { BookingsController } from './bookings.controller';
import { BookingsRepository } from './bookings.repository';
import { BookingsSchedule } from './bookings.schedule';
import { BookingsService } from './bookings.service';
import { LotReviewsController } from './lot-reviews.controller';
import { PaymentsService } from './payments.service';
import { ReviewsService } from './reviews.service';

@Module({})
export class BookingsModule {
  /** The worker adds the schedules; the API process only serves requests. */
  static forRoot({ worker }: { worker: boolean }): DynamicModule {
    return {
      module: BookingsModule,
      imports: [LotsModule],
      controllers: [BookingsController, AdminBookingsController, LotReviewsController],
      providers: [BookingsRepository, BookingsService, PaymentsService, ReviewsService, ...(worker ? [BookingsSchedule] : [])],
      exports: [BookingsService],
    };
  }
}
