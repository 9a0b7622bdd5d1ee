import type { Job, JobStatus } from 'bull';

export const REPORT_JOB_STATES = ['waiting', 'active', 'completed', 'failed'] as const;
export type ReportJobState = (typeof REPORT_JOB_STATES)[number];

export interface ReportJobStatus {
  jobId: string;
  name: string;
  state: ReportJobState;
  progress: number;
  counts: Record<string, number>;
  attemptsMade: number;
  failedReason?: string;
  createdAt: string;
  finishedAt?: string;
}

/**
 * A reports-queue job as an admin sees it. The jobs count what they do (`{ mailed: 120 }`) rather than
 * report a share, because the number of recipients is only known once the last page is read: `counts`
 * carries those figures (the result once completed) and `progress` is 100 once the job is done.
 */
export function reportJobStatus(job: Job, bullState: JobStatus | 'stuck'): ReportJobStatus {
  const state = visibleState(bullState);
  const counts = numbersOf(state === 'completed' ? job.returnvalue : job.progress());
  return {
    jobId: String(job.id),
    name: job.name,
    state,
    progress: state === 'completed' ? 100 : 0,
    counts,
    attemptsMade: job.attemptsMade,
    ...(state === 'failed' && job.failedReason ? { failedReason: job.failedReason } : {}),
    createdAt: new Date(job.timestamp).toISOString(),
    ...(job.finishedOn ? { finishedAt: new Date(job.finishedOn).toISOString() } : {}),
  };
}

function visibleState(state: JobStatus | 'stuck'): ReportJobState {
  if (state === 'active' || state === 'completed' || state === 'failed') return state;
  // waiting, delayed (a retry's back-off), paused, stuck: not running now.
  return 'waiting';
}

/** The numeric fields of what a job reported; anything else (a bare number, null) carries no counts. */
function numbersOf(value: unknown): Record<string, number> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
}
