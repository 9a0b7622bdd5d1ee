import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { JobName, QueueName } from '../queues/queue-names';
import { RemindersService } from './reminders.service';
import { DailyRemindersData, DailyReportData, DriverMonthlyReportData, MonthlyReportData } from './report-jobs';
import { ReportsService } from './reports.service';

/**
 * The worker side of the reports queue: one handler per job name, each a call to a service. Failures are
 * retried by Bull (3 attempts, exponential backoff) and end in the failed set with their reason.
 */
@Processor(QueueName.Reports)
export class ReportsProcessor {
  constructor(
    private readonly reports: ReportsService,
    private readonly reminders: RemindersService,
  ) {}

  @Process(JobName.DailyReminders)
  sendReminders(job: Job<DailyRemindersData>) {
    return this.reminders.sendReminders(job.data.date, new Date(job.data.at), (mailed) => job.progress({ mailed }));
  }

  @Process(JobName.DailyReport)
  sendDailyReport(job: Job<DailyReportData>) {
    return this.reports.sendDailyReport(job.data.date, String(job.id));
  }

  @Process(JobName.MonthlyReport)
  async sendMonthlyReports(job: Job<MonthlyReportData>) {
    const { admins } = await this.reports.sendMonthlyAdminReport(job.data.month, String(job.id));
    const drivers = await this.reports.fanOutDriverReports(job.data.month, (soFar) => job.progress({ admins, ...soFar }));
    return { admins, ...drivers };
  }

  // PDF layout is CPU work and each job waits on PostgreSQL and Redis in between: a few at a time.
  @Process({ name: JobName.DriverMonthlyReport, concurrency: 4 })
  sendDriverMonthlyReport(job: Job<DriverMonthlyReportData>) {
    return this.reports.sendDriverMonthlyReport(job.data.month, job.data.userId);
  }
}
