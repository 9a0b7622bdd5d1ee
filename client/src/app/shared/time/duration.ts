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
