import type { Job, JobStatus } from 'bull';
import { JobName } from '../queues/queue-names';
import { periodLabel } from './report-format';
import { isManualRun } from './report-jobs';

export const REPORT_JOB_STATES = ['waiting', 'active', 'completed', 'failed'] as const;
export type ReportJobState = (typeof REPORT_JOB_STATES)[number];

export const REPORT_JOB_TRIGGERS = ['manual', 'scheduled'] as const;
export type ReportJobTrigger = (typeof REPORT_JOB_TRIGGERS)[number];

/** What each job of the reports queue is called where people read it. */
const JOB_TITLES: Record<string, string> = {
  [JobName.DailyReminders]: 'Reminders',
  [JobName.DailyReport]: 'Daily report',
  [JobName.MonthlyReport]: 'Monthly report',
  [JobName.DriverMonthlyReport]: "A driver's monthly report",
};

export interface ReportJobStatus {
  jobId: string;
  name: string;
  label: string;
  period: string | null;
  periodLabel: string | null;
  trigger: ReportJobTrigger;
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
  const jobId = String(job.id);
  const period = periodOf(job.data);
  const trigger: ReportJobTrigger = isManualRun(jobId) ? 'manual' : 'scheduled';
  const named = period === null ? null : periodLabel(period);
  return {
    jobId,
    name: job.name,
    label: [JOB_TITLES[job.name] ?? job.name, named, trigger].filter(Boolean).join(' · '),
    period,
    periodLabel: named,
    trigger,
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

/** The month or day a job covers, as its data carries it (report-jobs.ts). */
function periodOf(data: unknown): string | null {
  if (!data || typeof data !== 'object') return null;
  const { month, date } = data as { month?: unknown; date?: unknown };
  if (typeof month === 'string') return month;
  return typeof date === 'string' ? date : null;
}

/** The numeric fields of what a job reported; anything else (a bare number, null) carries no counts. */
function numbersOf(value: unknown): Record<string, number> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
}
