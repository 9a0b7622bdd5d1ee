import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ExportStatusDto } from '../../api/models';
import { ExportsApi } from '../../api/services';
import { Notifier } from '../../core/errors/notifier';
import { attachmentName, saveFile, withJsonErrorBody } from '../save-file';

/**
 * An export's state (R-JOB-5): progress while it is written, then a download button. The file is an
 * xlsx workbook, a CSV of the driver's bookings, or the admin's CSVs in a zip.
 */
@Component({
  selector: 'app-export-status',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule],
  template: `
    <section class="job" aria-live="polite" data-testid="export-status">
      <h2 class="job-title">Export {{ status().jobId }} ({{ extension() }})</h2>
      @switch (status().state) {
        @case ('completed') {
          <p>Ready: {{ status().rowCount }} {{ status().rowCount === 1 ? 'row' : 'rows' }}.</p>
          <mat-progress-bar mode="determinate" value="100" aria-label="Export progress" />
          <div class="form-actions">
            <button mat-flat-button (click)="download()" [disabled]="downloading()">
              <mat-icon aria-hidden="true">download</mat-icon>Download
            </button>
          </div>
        }
        @case ('failed') {
          <p>
            The export failed{{ status().error ? ': ' + status().error : '' }}. Please try again.
          </p>
        }
        @case ('expired') {
          <p>This file was deleted after 7 days. Export again for a fresh one.</p>
        }
        @default {
          <p>
            {{ status().state === 'waiting' ? 'Waiting to start…' : 'Writing your file…' }}
            {{ status().progress }}%
          </p>
          <mat-progress-bar
            mode="determinate"
            [value]="status().progress"
            aria-label="Export progress"
          />
        }
      }
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExportStatus {
  readonly status = input.required<ExportStatusDto>();

  private readonly api = inject(ExportsApi);
  private readonly notifier = inject(Notifier);
  protected readonly downloading = signal(false);
  protected readonly extension = computed(() => {
    const { format, kind } = this.status();
    return format === 'xlsx' ? 'xlsx' : kind === 'all' ? 'zip' : 'csv';
  });

  protected async download(): Promise<void> {
    const { jobId, kind } = this.status();
    const extension = this.extension();
    this.downloading.set(true);
    try {
      const params = { jobId };
      const response =
        extension === 'xlsx'
          ? await this.api.downloadExport$VndOpenxmlformatsOfficedocumentSpreadsheetmlSheet$Response(
              params,
            )
          : extension === 'zip'
            ? await this.api.downloadExport$Zip$Response(params)
            : await this.api.downloadExport$Csv$Response(params);
      saveFile(
        response.body,
        attachmentName(response.headers.get('Content-Disposition')) ?? `${kind}.${extension}`,
      );
    } catch (error) {
      this.notifier.error(await withJsonErrorBody(error));
    } finally {
      this.downloading.set(false);
    }
  }
}
