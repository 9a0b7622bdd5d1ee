import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { Queue } from 'bull';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { startCronTicks } from '../queues/cron-ticks';
import { QueueName } from '../queues/queue-names';
import { BOOKING_JOB_OPTIONS, BOOKING_SCHEDULES, BookingJobName, bookingJobId } from './booking-jobs';

/** The worker's booking schedules (R-BOOK-6, R-OCC-2..4): a tick only enqueues, under the slot's id. */
@Injectable()
export class BookingsSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger(BookingsSchedule.name);
  private readonly timeZone: string;

  constructor(
    @InjectQueue(QueueName.Bookings) private readonly queue: Queue,
    private readonly registry: SchedulerRegistry,
    private readonly clock: Clock,
    config: ConfigService<AppConfig, true>,
  ) {
    this.timeZone = config.get('app', { infer: true }).timeZone;
  }

  onApplicationBootstrap(): void {
    startCronTicks(this.registry, BOOKING_SCHEDULES, this.timeZone, (name) => this.tick(name));
  }

  /** With Redis down the tick is lost and logged; the next one covers what it would have done. */
  async tick(name: BookingJobName): Promise<string | undefined> {
    const jobId = bookingJobId(name, this.clock.now());
    try {
      await this.queue.add(name, {}, { ...BOOKING_JOB_OPTIONS, jobId });
      this.logger.debug(`Enqueued ${jobId}`);
      return jobId;
    } catch (error) {
      this.logger.warn(`The ${name} tick could not enqueue: ${(error as Error).message}`);
      return undefined;
    }
  }
}
