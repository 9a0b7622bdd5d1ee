import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import {
  ExportFormat,
  JobAcceptedDto,
  MonthlyReportPreviewDto,
  ReportJobStatusDto,
} from '../../../api/models';
import { AdminApi } from '../../../api/services';
import { Notifier } from '../../../core/errors/notifier';
import { ConfirmDialogData, injectConfirm } from '../../../shared/confirm-dialog';
import { ExportFormatPicker } from '../../../shared/exports/export-format-picker';
import { ExportStatus } from '../../../shared/exports/export-status';
import { injectExportTracker } from '../../../shared/exports/export-tracker';
import { repeatWhileVisible } from '../../../shared/timers';

const POLL_MS = 1000;
/** Where the API serves the queue dashboard (R-OPS-5), once openQueueDashboard has set its cookie. */
const QUEUE_DASHBOARD_URL = '/api/admin/queues';

/** A scheduled job an admin can run at once (R-JOB-6). */
interface ReportJob {
  /** The button. */
  action: string;
  /** What the job is called until the API names the run (its status's `label`). */
  title: string;
  description: string;
  /** What to ask before running, from what the API says the run would do; none: it runs at once. */
  confirmation?: (api: AdminApi) => Promise<ConfirmDialogData>;
  run: (api: AdminApi) => Promise<JobAcceptedDto>;
}

const REPORT_JOBS: ReportJob[] = [
  {
    action: 'Send the reminders',
    title: 'Reminders',
    description: "Today's reminder to every driver who has not parked in the last 7 days.",
    run: (api) => api.runDailyReminders(),
  },
  {
    action: 'Send the daily report',
    title: 'Daily report',
    description: "Yesterday's figures, mailed to every admin.",
    run: (api) => api.runDailyReport(),
  },
  {
    action: 'Send the monthly reports',
    title: 'Monthly report',
    description: "Last month's report to every admin, and each driver's personal report.",
    // It mails every driver: say to how many, for which month, before it goes.
    confirmation: async (api) => monthlyConfirmation(await api.previewMonthlyReport()),
    run: (api) => api.runMonthlyReport(),
  },
];

/** A job started from this page, as last read. */
interface StartedJob {
  jobId: string;
  /** The job's title until its status names the run. */
  title: string;
  status: ReportJobStatusDto | null;
  /** Why the job cannot be followed (e.g. the API no longer knows it). */
  lost?: string;
}

const isFinished = (job: StartedJob) =>
  job.lost !== undefined || job.status?.state === 'completed' || job.status?.state === 'failed';

/**
 * Runs the scheduled reports now and follows each to its end; exports everything (R-JOB-5) with a
 * download when ready; opens the queue dashboard for a closer look.
 */
@Component({
  selector: 'app-admin-jobs-page',
  imports: [
    DatePipe,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    ExportFormatPicker,
    ExportStatus,
  ],
  templateUrl: './admin-jobs-page.html',
  styleUrl: './admin-jobs-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminJobsPage {
  private readonly api = inject(AdminApi);
  private readonly notifier = inject(Notifier);
  private readonly confirm = injectConfirm();
  protected readonly reportJobs = REPORT_JOBS;
  /** Newest first. */
  protected readonly started = signal<StartedJob[]>([]);
  protected readonly starting = signal(false);

  protected readonly exportFormats = [
    { format: 'xlsx' as const, label: 'Excel workbook, one sheet per table' },
    { format: 'csv' as const, label: 'CSV files in a zip' },
  ];
  protected readonly exportFormat = signal<ExportFormat>('xlsx');
  protected readonly exports = injectExportTracker();

  constructor() {
    repeatWhileVisible(() => void this.checkRunning(), POLL_MS);
  }

  protected async run(job: ReportJob): Promise<void> {
    this.starting.set(true);
    const accepted = await this.notifier.attempt(async () =>
      (await this.confirmed(job)) ? job.run(this.api) : undefined,
    );
    this.starting.set(false);
    if (!accepted) return;
    // A job the queue already had (same id) moves to the top instead of being listed twice.
    this.started.update((jobs) => [
      { jobId: accepted.jobId, title: job.title, status: null },
      ...jobs.filter((started) => started.jobId !== accepted.jobId),
    ]);
    await this.check(accepted.jobId);
  }

  private async confirmed(job: ReportJob): Promise<boolean> {
    return !job.confirmation || this.confirm(await job.confirmation(this.api));
  }

  protected async exportAll(): Promise<void> {
    this.starting.set(true);
    const created = await this.notifier.attempt(() =>
      this.api.createAdminExport({ body: { format: this.exportFormat() } }),
    );
    this.starting.set(false);
    if (created) await this.exports.follow(created.jobId);
  }

  protected async openQueueDashboard(): Promise<void> {
    if (await this.notifier.attempt(() => this.api.openQueueDashboard().then(() => true)))
      window.open(QUEUE_DASHBOARD_URL, '_blank', 'noopener');
  }

  protected readonly resultOf = resultInWords;

  private async checkRunning(): Promise<void> {
    await Promise.all(
      this.started()
        .filter((job) => !isFinished(job))
        .map((job) => this.check(job.jobId)),
    );
  }

  private async check(jobId: string): Promise<void> {
    const change = await this.api.getAdminJob({ jobId }).then(
      (status): Partial<StartedJob> => ({ status }),
      (error): Partial<StartedJob> => ({ lost: this.notifier.error(error).message }),
    );
    this.started.update((jobs) =>
      jobs.map((job) => (job.jobId === jobId ? { ...job, ...change } : job)),
    );
  }
}

/** `3 drivers`, `1 driver`. */
const howMany = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** What the monthly run would do, in the words of its confirmation. */
function monthlyConfirmation(preview: MonthlyReportPreviewDto): ConfirmDialogData {
  const { periodLabel: month, drivers, alreadySent } = preview;
  const toDrivers =
    drivers === 0
      ? alreadySent === 0
        ? `No driver has bookings in ${month}, so no driver gets a report.`
        : `Every driver with bookings in ${month} already has their report, so no driver gets one.`
      : `${howMany(drivers, 'driver')} will get their ${month} report by e-mail.`;
  const skipped =
    drivers > 0 && alreadySent > 0
      ? ` ${howMany(alreadySent, 'driver')} already had it and will not get it again.`
      : '';
  return {
    title: `Send the ${month} reports?`,
    message: `${toDrivers}${skipped} ${howMany(preview.admins, 'admin')} will get the admin report.`,
    confirm: drivers === 0 ? 'Send the admin report' : `Send to ${howMany(drivers, 'driver')}`,
  };
}

/**
 * What a finished run did, in words: how many it sent, and (monthly) how many drivers it skipped because
 * they had the month's report already. Figures of any other job are listed as they come.
 */
function resultInWords({ name, counts, periodLabel }: ReportJobStatusDto): string {
  const { admins = 0, drivers = 0, alreadySent = 0, mailed = 0 } = counts;
  switch (name) {
    case 'daily-reminders':
      return `Reminded ${howMany(mailed, 'driver')}.`;
    case 'daily-report':
      return `Sent to ${howMany(admins, 'admin')}.`;
    case 'monthly-report': {
      const had = alreadySent
        ? `; ${howMany(alreadySent, 'driver')} already had the ${periodLabel} report`
        : '';
      return `Sent to ${howMany(admins, 'admin')} and ${howMany(drivers, 'driver')}${had}.`;
    }
    default:
      return Object.entries(counts)
        .map(
          ([figure, count]) =>
            `${figure.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}: ${count}`,
        )
        .join(', ');
  }
}
