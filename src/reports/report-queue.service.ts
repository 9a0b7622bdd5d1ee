import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Queue } from 'bull';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { queueCallFromRequest } from '../queues/queue-call';
import { QueueName } from '../queues/queue-names';
import { ReportJobStatus, reportJobStatus } from './report-job-status';
import { manualRun, nearestMinute, PlannedJob, REPORT_JOB_OPTIONS, SCHEDULES, ScheduledJobName } from './report-jobs';

/** The producer side of the reports queue: schedules and admins only ever add jobs here. */
@Injectable()
export class ReportQueue {
  private readonly timeZone: string;

  constructor(
    @InjectQueue(QueueName.Reports) private readonly queue: Queue,
    private readonly clock: Clock,
    config: ConfigService<AppConfig, true>,
  ) {
    this.timeZone = config.get('app', { infer: true }).timeZone;
  }

  /** A schedule's tick: the period's job under its deterministic id, so however many workers tick, it runs once (R-JOB-7). */
  tick(name: ScheduledJobName): Promise<string> {
    return this.add(this.plan(name, nearestMinute(this.clock.now())));
  }

  /**
   * R-JOB-6: the run a tick would make now, under a fresh id so it runs even when the period already ran.
   * An admin's request waits for Redis only so long: without it the answer is 503, not a hang.
   */
  runNow(name: ScheduledJobName): Promise<string> {
    return queueCallFromRequest(this.add(manualRun(this.plan(name, this.clock.now()))));
  }

  /** Where a job of this queue stands, for the admin who started it; an unknown id is a 404. */
  async status(jobId: string): Promise<ReportJobStatus> {
    const job = await queueCallFromRequest(this.queue.getJob(jobId));
    if (!job) throw DomainError.notFound('Job');
    const state = await queueCallFromRequest(job.getState());
    return reportJobStatus(job, state);
  }

  async add(job: PlannedJob): Promise<string> {
    await this.queue.add(job.name, job.data, { ...REPORT_JOB_OPTIONS, jobId: job.jobId });
    return job.jobId;
  }

  /** Many jobs in one round trip; a job whose id exists is left as it is. */
  async addBulk(jobs: PlannedJob[]): Promise<void> {
    await this.queue.addBulk(jobs.map((job) => ({ name: job.name, data: job.data, opts: { ...REPORT_JOB_OPTIONS, jobId: job.jobId } })));
  }

  /** Which of these job ids the queue holds, in whatever state: one round trip (a pipeline of EXISTS on the jobs' keys). */
  async held(jobIds: string[]): Promise<Set<string>> {
    if (!jobIds.length) return new Set();
    const replies = (await this.queue.client.pipeline(jobIds.map((id) => ['exists', this.queue.toKey(id)])).exec()) ?? [];
    const failed = replies.find(([error]) => error);
    if (failed || replies.length !== jobIds.length) throw failed?.[0] ?? new Error('Redis did not answer every EXISTS');
    return new Set(jobIds.filter((_, i) => replies[i][1] === 1));
  }

  private plan(name: ScheduledJobName, now: Date): PlannedJob {
    const schedule = SCHEDULES.find((candidate) => candidate.name === name)!;
    return schedule.plan(now, this.timeZone);
  }
}
