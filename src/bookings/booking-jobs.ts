import type { JobOptions } from 'bull';
import { JobName } from '../queues/queue-names';

/** The bookings' own schedules: each tick enqueues one job per period slot, whatever the number of workers. */
export const BOOKING_SCHEDULES = [
  /** R-BOOK-6: reservations not checked in by their end expire. */
  { name: JobName.ExpireNoShows, cron: '*/5 * * * *', periodMs: 5 * 60_000 },
  /** R-OCC-3: reservations starting within the hour move off spots where a car overstays. */
  { name: JobName.ReseatAhead, cron: '*/5 * * * *', periodMs: 5 * 60_000 },
  /** R-OCC-4 and R-OCC-2: the ending-soon reminders and the overstay notices. */
  { name: JobName.StayNotices, cron: '* * * * *', periodMs: 60_000 },
] as const;

export type BookingJobName = (typeof BOOKING_SCHEDULES)[number]['name'];

/**
 * The job id of a tick: its name and the nearest period start, so a tick a little early or late still
 * names its own slot and a second worker's tick adds nothing.
 */
export function bookingJobId(name: BookingJobName, now: Date): string {
  const { periodMs } = BOOKING_SCHEDULES.find((schedule) => schedule.name === name)!;
  return `${name}:${new Date(Math.round(now.getTime() / periodMs) * periodMs).toISOString()}`;
}

/** Completed jobs are kept a day (Bull ignores an add whose id exists: that is what dedupes the ticks), then trimmed. */
export const BOOKING_JOB_OPTIONS: JobOptions = { removeOnComplete: { age: 24 * 3600 }, attempts: 3 };
