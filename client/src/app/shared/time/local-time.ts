const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` in the browser's zone: the value format of `<input type="date">`. */
export function toLocalDateValue(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `YYYY-MM-DDTHH:mm` in the browser's zone: the value format of `<input type="datetime-local">`. */
export function toLocalInputValue(date: Date): string {
  return `${toLocalDateValue(date)}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * A datetime-local value (the user's wall clock) as ISO-8601 with the user's offset at that moment,
 * e.g. `2026-11-23T09:00:00+01:00`: the API refuses timestamps without one (R-ERR-2).
 */
export function toOffsetIso(localValue: string): string {
  const date = new Date(localValue); // a date-time without offset is read as local time
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${toLocalInputValue(date)}:${pad(date.getSeconds())}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * A date input's day as its local midnight with offset, for the API's `from`/`to` filters; `nextDay`
 * gives the midnight after it, an exclusive end that still includes the whole day.
 */
export function localDayStartIso(date: string, nextDay = false): string | undefined {
  if (!date) return undefined;
  const day = new Date(`${date}T00:00`); // a date-time without offset is read as local time
  return toOffsetIso(toLocalInputValue(nextDay ? addDays(day, 1) : day));
}

/** The local calendar day `days` after (or before, when negative) `date`. */
export function addDays(date: Date, days: number): Date {
  const moved = new Date(date);
  moved.setDate(moved.getDate() + days);
  return moved;
}

/**
 * A moment as read off a clock, in the user's locale and time zone: `3:45 PM` today, `tomorrow 7:30 AM`,
 * the weekday within the week ahead (`Tue 7:30 AM`), else the date (`Dec 2, 7:30 AM`).
 */
export function formatTimeOfDay(at: string | Date, now: Date = new Date()): string {
  const date = new Date(at);
  const clock: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };
  const day = toLocalDateValue(date);
  if (day === toLocalDateValue(now)) return date.toLocaleTimeString(undefined, clock);
  if (day === toLocalDateValue(addDays(now, 1)))
    return `tomorrow ${date.toLocaleTimeString(undefined, clock)}`;
  const withinWeek = date > now && date < addDays(now, 6);
  return date.toLocaleString(
    undefined,
    withinWeek ? { weekday: 'short', ...clock } : { month: 'short', day: 'numeric', ...clock },
  );
}
