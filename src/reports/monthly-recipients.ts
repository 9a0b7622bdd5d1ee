import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { queueCallFromRequest } from '../queues/queue-call';
import { monthLabel } from './report-format';
import { DriverMonthlyReportData, driverMonthlyReportJob, monthlyReportJob, PlannedJob } from './report-jobs';
import { monthPeriod } from './report-periods';
import { ReportQueue } from './report-queue.service';
import { ReportsRepository } from './reports.repository';

/** Drivers read per round trip to PostgreSQL and Redis. */
export const RECIPIENTS_PAGE = 1000;

export interface RecipientCounts {
  /** Drivers whose report of the month is still to send. */
  drivers: number;
  /** Drivers whose report of the month is sent or on its way. */
  alreadySent: number;
}

/** One page of a month's drivers: the report jobs still to add, and how many of the page already have theirs. */
export interface RecipientPage {
  toSend: PlannedJob<DriverMonthlyReportData>[];
  alreadySent: number;
}

export interface MonthlyReportPreview extends RecipientCounts {
  period: string;
  periodLabel: string;
  admins: number;
}

/**
 * Who gets a month's personal report (R-JOB-4), and who already has it (R-JOB-7): the active drivers with
 * bookings in the month, less those whose report job the reports queue holds — done, or on its way. The
 * job ids are per driver and month, and the queue keeps finished ones 35 days, longer than the month can
 * still be run. The run and its preview both walk the drivers here, so what an admin is told before a run
 * is what the run does.
 */
@Injectable()
export class MonthlyRecipients {
  private readonly timeZone: string;

  constructor(
    private readonly reports: ReportsRepository,
    private readonly queue: ReportQueue,
    private readonly clock: Clock,
    config: ConfigService<AppConfig, true>,
  ) {
    this.timeZone = config.get('app', { infer: true }).timeZone;
  }

  /**
   * The month's drivers a page at a time (keyset on the id), each page handed to `onPage` with the counts so
   * far; the totals at the end. From a request, Redis is given only so long (503 rather than a hang).
   */
  async each(
    month: string,
    { onPage, fromRequest = false }: { onPage?: (page: RecipientPage, soFar: RecipientCounts) => Promise<void>; fromRequest?: boolean } = {},
  ): Promise<RecipientCounts> {
    const period = monthPeriod(month, this.timeZone);
    const counts: RecipientCounts = { drivers: 0, alreadySent: 0 };
    for (let afterId: string | null = null; ; ) {
      const ids = await this.reports.driversWithBookings(period, afterId, RECIPIENTS_PAGE);
      const jobs = ids.map((userId) => driverMonthlyReportJob(month, userId));
      const asking = this.queue.held(jobs.map((job) => job.jobId));
      const held = await (fromRequest ? queueCallFromRequest(asking) : asking);
      const page = { toSend: jobs.filter((job) => !held.has(job.jobId)), alreadySent: held.size };
      counts.drivers += page.toSend.length;
      counts.alreadySent += page.alreadySent;
      await onPage?.(page, { ...counts });
      if (ids.length < RECIPIENTS_PAGE) return counts;
      afterId = ids[ids.length - 1];
    }
  }

  /** What an admin's run of the monthly reports would do now (R-JOB-6): the month it covers and whom it mails. */
  async preview(): Promise<MonthlyReportPreview> {
    const { month } = monthlyReportJob(this.clock.now(), this.timeZone).data;
    const [counts, admins] = await Promise.all([this.each(month, { fromRequest: true }), this.reports.activeAdmins()]);
    return { period: month, periodLabel: monthLabel(month), ...counts, admins: admins.length };
  }
}
