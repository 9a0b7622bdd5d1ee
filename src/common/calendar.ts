/**
 * Calendar days and months in a time zone (R-STAT-1b): a day is local midnight to local midnight, which
 * is 23 or 25 hours long across a daylight-saving change. Dates are `YYYY-MM-DD`, months `YYYY-MM`.
 */

export interface Range {
  start: Date;
  end: Date;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Building a formatter is far dearer than using one: one per zone, made on first use. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function partsIn(date: Date, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  const parts = formatterFor(timeZone).formatToParts(date);
  const get = (type: string) => Number(parts.find((part) => part.type === type)!.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** Milliseconds the zone's wall clock is ahead of UTC at this instant. */
function offsetMs(date: Date, timeZone: string): number {
  const p = partsIn(date, timeZone);
  const wallAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wallAsUtc - Math.floor(date.getTime() / 1000) * 1000;
}

/** The instant of a local wall-clock time; the offset is looked up twice so a DST change in between is honoured. */
export function zonedToInstant(localDate: string, timeZone: string, hour = 0): Date {
  const [year, month, day] = localDate.split('-').map(Number);
  const wallAsUtc = Date.UTC(year, month - 1, day, hour);
  const first = wallAsUtc - offsetMs(new Date(wallAsUtc), timeZone);
  return new Date(wallAsUtc - offsetMs(new Date(first), timeZone));
}

/** The local date of an instant. */
export function localDateOf(instant: Date, timeZone: string): string {
  const p = partsIn(instant, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

export function addDays(localDate: string, days: number): string {
  const [year, month, day] = localDate.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

export function dayRange(localDate: string, timeZone: string): Range {
  return { start: zonedToInstant(localDate, timeZone), end: zonedToInstant(addDays(localDate, 1), timeZone) };
}

export function monthRange(month: string, timeZone: string): Range {
  const [year, monthNumber] = month.split('-').map(Number);
  const next = monthNumber === 12 ? `${year + 1}-01` : `${year}-${pad(monthNumber + 1)}`;
  return { start: zonedToInstant(`${month}-01`, timeZone), end: zonedToInstant(`${next}-01`, timeZone) };
}

/** The local day before the one `now` falls in: what the 08:00 daily report covers. */
export function previousDay(now: Date, timeZone: string): string {
  return addDays(localDateOf(now, timeZone), -1);
}

/** The local month before the one `now` falls in: what the reports of the 1st cover. */
export function previousMonth(now: Date, timeZone: string): string {
  const [year, month] = localDateOf(now, timeZone).split('-').map(Number);
  return month === 1 ? `${year - 1}-12` : `${year}-${pad(month - 1)}`;
}
