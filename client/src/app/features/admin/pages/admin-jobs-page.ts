import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ExportFormat, JobAcceptedDto, ReportJobStatusDto } from '../../../api/models';
import { AdminApi } from '../../../api/services';
import { Notifier } from '../../../core/errors/notifier';
import { ExportFormatPicker } from '../../../shared/exports/export-format-picker';
import { ExportStatus } from '../../../shared/exports/export-status';
import { injectExportTracker } from '../../../shared/exports/export-tracker';
import { repeatWhileVisible } from '../../../shared/timers';

const POLL_MS = 1000;
/** Where the API serves the queue dashboard (R-OPS-5), once openQueueDashboard has set its cookie. */
const QUEUE_DASHBOARD_URL = '/api/admin/queues';

/** A scheduled job an admin can run at once (R-JOB-6). */
interface ReportJob {
  label: string;
  description: string;
  run: (api: AdminApi) => Promise<JobAcceptedDto>;
}

const REPORT_JOBS: ReportJob[] = [
  {
    label: 'Send the reminders',
    description: "Today's reminder to every driver who has not parked in the last 7 days.",
    run: (api) => api.runDailyReminders(),
  },
  {
    label: 'Send the daily report',
    description: "Yesterday's figures, mailed to every admin.",
    run: (api) => api.runDailyReport(),
  },
  {
    label: 'Send the monthly reports',
    description: "Last month's report to every admin, and each driver's personal report.",
    run: (api) => api.runMonthlyReport(),
  },
];

/** A job started from this page, as last read. */
interface StartedJob {
  jobId: string;
  label: string;
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
    const accepted = await this.notifier.attempt(() => job.run(this.api));
    this.starting.set(false);
    if (!accepted) return;
    // A job the queue already had (same id) moves to the top instead of being listed twice.
    this.started.update((jobs) => [
      { jobId: accepted.jobId, label: job.label, status: null },
      ...jobs.filter((started) => started.jobId !== accepted.jobId),
    ]);
    await this.check(accepted.jobId);
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

  protected countsOf(status: ReportJobStatusDto): string {
    return Object.entries(status.counts)
      .map(([name, count]) => `${humanise(name)}: ${count}`)
      .join(', ');
  }

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

/** `driverReportsQueued` → `driver reports queued`. */
function humanise(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
