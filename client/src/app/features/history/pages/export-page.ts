import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { Router } from '@angular/router';
import { ExportFormat, ExportLayout } from '../../../api/models';
import { ExportsApi } from '../../../api/services';
import { Notifier } from '../../../core/errors/notifier';
import { ExportFormatPicker } from '../../../shared/exports/export-format-picker';
import { ExportStatus } from '../../../shared/exports/export-status';
import { injectExportTracker } from '../../../shared/exports/export-tracker';

/**
 * R-JOB-5: the driver's history as csv or xlsx, written in the background; a progress bar while it
 * runs, then a download button. The job id sits in the URL (`?job=`), so a reload keeps following it.
 * The file is written for people (times in the browser's time zone) unless the driver asks for the
 * machine-friendly columns.
 */
@Component({
  selector: 'app-export-page',
  imports: [MatButtonModule, MatCardModule, MatCheckboxModule, ExportFormatPicker, ExportStatus],
  templateUrl: './export-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExportPage {
  /** Query parameter: the export being followed. */
  readonly job = input<string>();

  private readonly api = inject(ExportsApi);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  protected readonly formats = [
    { format: 'csv' as const, label: 'CSV (any spreadsheet or script)' },
    { format: 'xlsx' as const, label: 'Excel workbook (.xlsx)' },
  ];
  protected readonly format = signal<ExportFormat>('csv');
  protected readonly forScripts = signal(false);
  /** The browser's IANA zone: the export writes its times on the driver's own calendar. */
  protected readonly timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  protected readonly exports = injectExportTracker();
  protected readonly busy = signal(false);

  constructor() {
    effect(() => {
      const jobId = this.job();
      untracked(() => (jobId ? void this.exports.follow(jobId) : this.exports.forget()));
    });
  }

  protected async start(): Promise<void> {
    this.busy.set(true);
    try {
      const layout: ExportLayout = this.forScripts() ? 'machine' : 'readable';
      const { jobId } = await this.api.createExport({
        body: { format: this.format(), layout, timeZone: this.timeZone },
      });
      await this.router.navigate([], { queryParams: { job: jobId } });
    } catch (error) {
      this.notifier.error(error);
    } finally {
      this.busy.set(false);
    }
  }
}
