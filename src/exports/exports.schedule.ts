import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import type { Queue } from 'bull';
import { Clock } from '../common/clock';
import { JobName, QueueName } from '../queues/queue-names';
import { EXPORT_JOB_OPTIONS } from './export-formats';

/**
 * The daily expiry of export files (R-JOB-5, R-JOB-7). The tick only enqueues; the job id is the day, so
 * however many workers tick, Bull keeps one job and one worker runs it.
 */
@Injectable()
export class ExportsSchedule {
  private readonly logger = new Logger(ExportsSchedule.name);

  constructor(
    @InjectQueue(QueueName.Exports) private readonly queue: Queue,
    private readonly clock: Clock,
  ) {}

  @Cron(CronExpression.EVERY_DAY_AT_3AM, { name: JobName.CleanupExports, timeZone: 'UTC' })
  async enqueueCleanup(): Promise<void> {
    const day = this.clock.now().toISOString().slice(0, 10);
    try {
      await this.queue.add(JobName.CleanupExports, {}, { ...EXPORT_JOB_OPTIONS, jobId: `${JobName.CleanupExports}:${day}` });
    } catch (error) {
      this.logger.error(`The export clean-up of ${day} was not queued: ${(error as Error).message}`);
    }
  }
}
