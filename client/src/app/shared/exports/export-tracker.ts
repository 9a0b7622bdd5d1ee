import { computed, inject, signal } from '@angular/core';
import { ExportStatusDto } from '../../api/models';
import { ExportsApi } from '../../api/services';
import { Notifier } from '../../core/errors/notifier';
import { repeatWhileVisible } from '../timers';

const POLL_MS = 1000;
const FINISHED: ExportStatusDto['state'][] = ['completed', 'failed', 'expired'];

/** Follows one export job (R-JOB-5): its status, re-read every second until it has finished. */
export function injectExportTracker() {
  const api = inject(ExportsApi);
  const notifier = inject(Notifier);
  const status = signal<ExportStatusDto | null>(null);
  const running = computed(() => {
    const state = status()?.state;
    return state !== undefined && !FINISHED.includes(state);
  });

  async function check(jobId: string): Promise<void> {
    try {
      status.set(await api.getExport({ jobId }));
    } catch (error) {
      notifier.error(error);
      status.set(null);
    }
  }

  repeatWhileVisible(() => {
    const current = status();
    if (current && running()) void check(current.jobId);
  }, POLL_MS);

  return {
    status: status.asReadonly(),
    running,
    follow: (jobId: string) => check(jobId),
    forget: () => status.set(null),
  };
}
