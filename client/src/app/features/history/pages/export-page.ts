import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { Router } from '@angular/router';
import { ExportFormat, ExportStatusDto } from '../../../api/models';
import { ExportsApi } from '../../../api/services';
import { Notifier } from '../../../core/errors/notifier';
import { attachmentName, saveFile } from '../../../shared/save-file';
import { repeatWhileVisible } from '../../../shared/timers';

const POLL_MS = 1000;
const FINISHED: ExportStatusDto['state'][] = ['completed', 'failed', 'expired'];

/**
 * R-JOB-5: the driver's history as csv or xlsx, written in the background; a progress bar while it
 * runs, then a download button. The job id sits in the URL (`?job=`), so a reload keeps following it.
 */
@Component({
  selector: 'app-export-page',
  imports: [
    FormsModule,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    MatRadioModule,
  ],
  templateUrl: './export-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExportPage {
  /** Query parameter: the export being followed. */
  readonly job = input<string>();

  private readonly api = inject(ExportsApi);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  protected readonly format = signal<ExportFormat>('csv');
  protected readonly status = signal<ExportStatusDto | null>(null);
  protected readonly busy = signal(false);
  protected readonly running = computed(() => {
    const state = this.status()?.state;
    return state !== undefined && !FINISHED.includes(state);
  });

  constructor() {
    effect(() => {
      const jobId = this.job();
      untracked(() => (jobId ? void this.check(jobId) : this.status.set(null)));
    });
    repeatWhileVisible(() => {
      const status = this.status();
      if (status && this.running()) void this.check(status.jobId);
    }, POLL_MS);
  }

  protected async start(): Promise<void> {
    this.busy.set(true);
    try {
      const { jobId } = await this.api.createExport({ body: { format: this.format() } });
      await this.router.navigate([], { queryParams: { job: jobId } });
    } catch (error) {
      this.notifier.error(error);
    } finally {
      this.busy.set(false);
    }
  }

  protected async download(status: ExportStatusDto): Promise<void> {
    this.busy.set(true);
    try {
      const params = { jobId: status.jobId };
      const response =
        status.format === 'xlsx'
          ? await this.api.downloadExport$VndOpenxmlformatsOfficedocumentSpreadsheetmlSheet$Response(
              params,
            )
          : await this.api.downloadExport$Csv$Response(params);
      saveFile(
        response.body,
        attachmentName(response.headers.get('Content-Disposition')) ?? `bookings.${status.format}`,
      );
    } catch (error) {
      this.notifier.error(await withJsonBody(error));
    } finally {
      this.busy.set(false);
    }
  }

  private async check(jobId: string): Promise<void> {
    try {
      this.status.set(await this.api.getExport({ jobId }));
    } catch (error) {
      this.notifier.error(error);
      this.status.set(null);
    }
  }
}

/** A file request's error body arrives as a Blob; read it so the toast shows the API's message. */
async function withJsonBody(error: unknown): Promise<unknown> {
  if (!(error instanceof HttpErrorResponse) || !(error.error instanceof Blob)) return error;
  try {
    const body = JSON.parse(await error.error.text());
    return new HttpErrorResponse({
      error: body,
      status: error.status,
      statusText: error.statusText,
      url: error.url ?? undefined,
    });
  } catch {
    return error;
  }
}
