const MINUTE_MS = 60_000;
const MINUTES_PER_HOUR = 60;
const MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR;

/**
 * A duration in whole minutes as a driver reads it: `45 min`, `2 h 15 min`, `3 h`, `3 d 2 h` (from a day
 * on, the minutes no longer matter). Never decimal hours like `0.17 h`.
 */
export function formatDuration(totalMinutes: number): string {
  const minutes = Math.max(0, Math.floor(totalMinutes));
  if (minutes < MINUTES_PER_HOUR) return `${minutes} min`;
  if (minutes < MINUTES_PER_DAY) {
    const [hours, rest] = [Math.floor(minutes / MINUTES_PER_HOUR), minutes % MINUTES_PER_HOUR];
    return rest ? `${hours} h ${rest} min` : `${hours} h`;
  }
  const [days, hours] = [
    Math.floor(minutes / MINUTES_PER_DAY),
    Math.floor((minutes % MINUTES_PER_DAY) / MINUTES_PER_HOUR),
  ];
  return hours ? `${days} d ${hours} h` : `${days} d`;
}

type Instant = string | number | Date;

/** Started minutes between two instants, never negative: what the API bills (R-PRICE-2). */
export function billableMinutes(from: Instant, to: Instant): number {
  return Math.max(0, Math.ceil((+new Date(to) - +new Date(from)) / MINUTE_MS));
}

/**
 * The minutes a car has been on its spot as the bill counts them: the minute under way counts, so a
 * stay charging its first minute never reads "0 min".
 */
export function startedMinutes(since: Instant, now: Instant): number {
  return Math.max(1, billableMinutes(since, now));
}
