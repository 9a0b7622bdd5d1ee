import { randomUUID } from 'node:crypto';
import type { JobOptions } from 'bull';
import { localDateOf, previousDay, previousMonth } from '../common/calendar';
import { JobName } from '../queues/queue-names';

/** What each job of the reports queue carries: the period is fixed when the job is planned, so a retry covers the same one. */
export interface DailyRemindersData {
  /** The local date of the run (`YYYY-MM-DD`): one reminder per driver and date. */
  date: string;
  /** The instant "the last 7 days" are counted back from. */
  at: string;
}
export interface DailyReportData {
  date: string;
}
export interface MonthlyReportData {
  month: string;
}
export interface DriverMonthlyReportData {
  month: string;
  userId: string;
}
export interface PlannedJob<T = unknown> {
  name: JobName;
  data: T;
  jobId: string;
}

/**
 * Completed jobs of the reports queue are kept 35 days, then trimmed by age. Bull ignores an `add` whose
 * job id still exists, so this is what makes the deterministic ids below dedupe: a second worker's tick,
 * or a month re-run by an admin during the next month, finds the period's jobs and adds nothing.
 * The policy must be the same for every job of the queue: Bull trims the whole completed set with the
 * options of whichever job completes. Failed jobs are kept (the queue's default) for operators.
 */
export const KEEP_COMPLETED_SECONDS = 35 * 24 * 3600;
export const REPORT_JOB_OPTIONS: JobOptions = { removeOnComplete: { age: KEEP_COMPLETED_SECONDS } };

/** R-JOB-2 at 18:00: reminders of the local day the tick falls on. */
export function dailyRemindersJob(now: Date, timeZone: string): PlannedJob<DailyRemindersData> {
  const date = localDateOf(now, timeZone);
  return { name: JobName.DailyReminders, data: { date, at: now.toISOString() }, jobId: `daily-reminders:${date}` };
}

/** R-JOB-3 at 08:00: the previous local day. */
export function dailyReportJob(now: Date, timeZone: string): PlannedJob<DailyReportData> {
  const date = previousDay(now, timeZone);
  return { name: JobName.DailyReport, data: { date }, jobId: `daily-report:${date}` };
}

/** R-JOB-4 on the 1st at 00:00: the previous local month. */
export function monthlyReportJob(now: Date, timeZone: string): PlannedJob<MonthlyReportData> {
  const month = previousMonth(now, timeZone);
  return { name: JobName.MonthlyReport, data: { month }, jobId: `monthly-report:${month}` };
}

/** One per driver and month, fanned out by the month's job: a re-run of the month finds it and adds nothing. */
export function driverMonthlyReportJob(month: string, userId: string): PlannedJob<DriverMonthlyReportData> {
  return { name: JobName.DriverMonthlyReport, data: { month, userId }, jobId: `driver-monthly-report:${month}:${userId}` };
}

/** Ids of this queue's jobs: a job name, a colon, then the period and whatever makes it unique. */
export const REPORT_JOB_ID = /^[a-z][a-z-]{0,39}:[A-Za-z0-9:._-]{1,160}$/;

/** What an admin's run adds to the id of the period's scheduled job. */
const MANUAL_RUN = ':manual-';

/** An admin's "run it now" (R-JOB-6): the period of a scheduled run, under an id of its own so it always runs. */
export function manualRun<T>(job: PlannedJob<T>): PlannedJob<T> {
  return { ...job, jobId: `${job.jobId}${MANUAL_RUN}${randomUUID()}` };
}

/** Whether a job of this queue was started by an admin (manualRun) rather than by a schedule or a fan-out. */
export const isManualRun = (jobId: string) => jobId.includes(MANUAL_RUN);

/** Ids of the mail jobs: the mail queue ignores a second mail with the same id. */
export const mailJobIds = {
  reminder: (date: string, userId: string) => `reminder:${date}:${userId}`,
  driverMonthlyReport: (month: string, userId: string) => `monthly-driver-mail:${month}:${userId}`,
  /** Per run of an admin report: a retry of the run sends no second mail, an admin's manual run does. */
  adminReport: (reportJobId: string, adminId: string) => `${reportJobId}:mail:${adminId}`,
};

/**
 * Cron ticks read the clock when the timer fires, which may be a few milliseconds before the minute it
 * was set for: the nearest minute is the one it was meant for (00:00 on the 1st must not name the
 * month before).
 */
export function nearestMinute(at: Date): Date {
  return new Date(Math.round(at.getTime() / 60_000) * 60_000);
}

/** The schedules of the reports, in the configured time zone (R-JOB-2..4). */
export const SCHEDULES = [
  { name: JobName.DailyReminders, cron: '0 18 * * *', plan: dailyRemindersJob },
  { name: JobName.DailyReport, cron: '0 8 * * *', plan: dailyReportJob },
  { name: JobName.MonthlyReport, cron: '0 0 1 * *', plan: monthlyReportJob },
] as const;

export type ScheduledJobName = (typeof SCHEDULES)[number]['name'];
