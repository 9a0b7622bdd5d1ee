import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config';
import { startCronTicks } from '../queues/cron-ticks';
import { ScheduledJobName, SCHEDULES } from './report-jobs';
import { ReportQueue } from './report-queue.service';

/**
 * The reports' schedules (R-JOB-2..4), registered at start-up because `@Cron` cannot take the
 * configured time zone. A tick only enqueues; the deterministic job id makes it run once per period
 * however many workers tick (R-JOB-7).
 */
@Injectable()
export class ReportsSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReportsSchedule.name);
  private readonly timeZone: string;

  constructor(
    private readonly queue: ReportQueue,
    private readonly registry: SchedulerRegistry,
    config: ConfigService<AppConfig, true>,
  ) {
    this.timeZone = config.get('app', { infer: true }).timeZone;
  }

  onApplicationBootstrap(): void {
    startCronTicks(this.registry, SCHEDULES, this.timeZone, (name) => this.tick(name));
  }

  /** Enqueues the period's job. With Redis down the tick is lost and logged; an admin can run the period from /admin/jobs. */
  async tick(name: ScheduledJobName): Promise<string | undefined> {
    try {
      const jobId = await this.queue.tick(name);
      this.logger.log(`Enqueued ${jobId}`);
      return jobId;
    } catch (error) {
      this.logger.error(`The ${name} tick could not enqueue: ${(error as Error).message}`);
      return undefined;
    }
  }
}
