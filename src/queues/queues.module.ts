import { BullModule, getQueueToken } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { JobOptions, Queue } from 'bull';
import { AppConfig } from '../config/app-config';
import { ALL_QUEUES, QueueName } from './queue-names';

const DEFAULT_JOB_OPTIONS: JobOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: 1000,
  removeOnFail: false,
};

/**
 * Completed mail jobs are kept a day, by age and never by count. The outbox relay hands a message over
 * again when it could not mark it sent (a worker died in between, or PostgreSQL failed after Redis took
 * it), and the job id is what makes that second hand-over a no-op: Bull ignores an add whose job id
 * exists, but a job trimmed away is forgotten and would be mailed twice. A count would trim a burst (a
 * backlog drained after an outage) within seconds; a day covers any such gap. The policy is queue-wide:
 * Bull trims the completed set with the options of whichever job completes.
 */
export const MAIL_KEEP_COMPLETED_SECONDS = 24 * 3600;

/** Every queue of the product, for whoever watches them all (health, the dashboard). */
export const EVERY_QUEUE = Symbol('EVERY_QUEUE');

/**
 * Bull on Redis. Jobs retry three times with exponential backoff; completed jobs are trimmed, failed
 * ones kept so operators can inspect them (R-JOB-7).
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => {
        const { url, prefix } = config.get('redis', { infer: true });
        return { url, prefix: `${prefix}:bull`, defaultJobOptions: DEFAULT_JOB_OPTIONS };
      },
    }),
    BullModule.registerQueue(
      ...ALL_QUEUES.map((name) =>
        name === QueueName.Mail
          ? { name, defaultJobOptions: { ...DEFAULT_JOB_OPTIONS, removeOnComplete: { age: MAIL_KEEP_COMPLETED_SECONDS } } }
          : { name },
      ),
    ),
  ],
  providers: [{ provide: EVERY_QUEUE, inject: ALL_QUEUES.map((name) => getQueueToken(name)), useFactory: (...queues: Queue[]) => queues }],
  exports: [BullModule, EVERY_QUEUE],
})
export class QueuesModule {}
