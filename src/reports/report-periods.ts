import { addDays, dayRange, localDateOf, monthRange } from '../common/calendar';
import type { Period } from './reports.repository';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** `YYYY-MM-DD` naming a real calendar date (not 2025-02-30). */
export const isCalendarDate = (date: string) => DATE.test(date) && addDays(date, 0) === date;

/** `YYYY-MM`. */
export const isMonth = (month: string) => MONTH.test(month);

/**
 * A local day as the report queries take it. Job data comes from Redis: a date that is not a real
 * calendar date is refused, so such a job fails with a reason instead of reporting on nothing.
 */
export function dayPeriod(date: string, timeZone: string): Period {
  if (!isCalendarDate(date)) throw new Error(`"${date}" is not a calendar date (YYYY-MM-DD)`);
  return { ...dayRange(date, timeZone), timeZone, firstDate: date, endDate: addDays(date, 1) };
}

export function monthPeriod(month: string, timeZone: string): Period {
  if (!isMonth(month)) throw new Error(`"${month}" is not a month (YYYY-MM)`);
  const range = monthRange(month, timeZone);
  return { ...range, timeZone, firstDate: `${month}-01`, endDate: localDateOf(range.end, timeZone) };
}
