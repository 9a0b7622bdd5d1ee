import { addDays, localDateOf, monthRange, zonedToInstant } from '../common/calendar';
import { DomainError } from '../common/errors/domain-error';

/** Without `from`, a range covers this many local days ending with `to` (today by default). */
export const DEFAULT_RANGE_DAYS = 30;
/** Longer ranges are refused: a year and a day is enough for any dashboard. */
export const MAX_RANGE_DAYS = 366;
/** /stats/me shows spend for the current local month and the months before it. */
export const SPEND_MONTHS = 12;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` naming a real calendar day (2026-02-30 is not one). */
export function isLocalDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = LOCAL_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whole local days from `from` to `to`, both included, as calendar dates (not 24-hour blocks). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** A range of whole local days and the instants it spans: [startAt, endAt), midnight to midnight. */
export interface StatsRange {
  from: string;
  to: string;
  days: string[];
  startAt: Date;
  endAt: Date;
}

/**
 * `?from&to` of R-STAT-1: local calendar dates in the app's time zone, both included. Without `to`, today;
 * without `from`, the 30 days ending with `to`. `to` before `from`, or more than 366 days, is a 400.
 */
export function resolveRange(query: { from?: string; to?: string }, now: Date, timeZone: string): StatsRange {
  const to = query.to ?? localDateOf(now, timeZone);
  const from = query.from ?? addDays(to, 1 - DEFAULT_RANGE_DAYS);
  if (to < from) {
    throw new DomainError('VALIDATION_FAILED', `The range ends (${to}) before it starts (${from})`, [{ field: 'to', errors: ['to must not be before from'] }]);
  }
  const span = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  if (span > MAX_RANGE_DAYS) {
    throw new DomainError('VALIDATION_FAILED', `The range spans ${span} days; at most ${MAX_RANGE_DAYS} are allowed`, [
      { field: 'from', errors: [`the range must span at most ${MAX_RANGE_DAYS} days`] },
    ]);
  }
  return { from, to, days: daysBetween(from, to), startAt: zonedToInstant(from, timeZone), endAt: zonedToInstant(addDays(to, 1), timeZone) };
}

/** The local month of `now` and the `count − 1` before it, oldest first, with the instant the first begins. */
export function recentMonths(now: Date, timeZone: string, count = SPEND_MONTHS): { months: string[]; startAt: Date } {
  const [year, month] = localDateOf(now, timeZone).split('-').map(Number);
  const months = Array.from({ length: count }, (_, i) => {
    const index = year * 12 + (month - 1) - (count - 1 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
  return { months, startAt: monthRange(months[0], timeZone).start };
}
