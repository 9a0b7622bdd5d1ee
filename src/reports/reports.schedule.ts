import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig } from '../config/app-config';
import { JobName } from '../queues/queue-names';
import { ScheduledJobName, SCHEDULES } from './report-jobs';
import { ReportQueue } from './report-queue.service';

/**
 * The worker's schedules (R-JOB-2..4, R-BOOK-6), registered at start-up because `@Cron` cannot take the
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
    for (const { name, cron } of SCHEDULES) {
      const job = CronJob.from({
        cronTime: cron,
        timeZone: this.timeZone,
        onTick: () => void this.tick(name),
        // A tick late by less than this still runs (the default, 250 ms, would skip a month's report on a busy host).
        threshold: 60_000,
      });
      // The registry stops every job when the app shuts down.
      this.registry.addCronJob(name, job);
      job.start();
    }
  }

  /** Enqueues the period's job. With Redis down the tick is lost and logged; an admin can run the period from /admin/jobs. */
  async tick(name: ScheduledJobName): Promise<string | undefined> {
    try {
      const jobId = await this.queue.tick(name);
      // The expiry ticks 288 times a day: only the reports' ticks are worth a line at info level.
      if (name === JobName.ExpireNoShows) this.logger.debug(`Enqueued ${jobId}`);
      else this.logger.log(`Enqueued ${jobId}`);
      return jobId;
    } catch (error) {
      this.logger.error(`The ${name} tick could not enqueue: ${(error as Error).message}`);
      return undefined;
    }
  }
}
