import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { BookingsService } from './bookings.service';

/**
 * The no-show expiry of R-BOOK-6, every 5 minutes in the worker. Several workers may tick at once:
 * the batch is taken with SKIP LOCKED, so each reservation is expired exactly once.
 */
@Injectable()
export class BookingsSchedule {
  private readonly logger = new Logger(BookingsSchedule.name);

  constructor(private readonly bookings: BookingsService) {}

  @Cron(CronExpression.EVERY_5_MINUTES, { name: 'expire-no-shows' })
  async expireNoShows(): Promise<void> {
    try {
      await this.bookings.expireNoShows();
    } catch (error) {
      this.logger.error(`No-show expiry failed: ${(error as Error).message}`);
    }
  }
}
