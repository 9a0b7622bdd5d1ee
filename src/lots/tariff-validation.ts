import type { Tariff, TariffBand } from '../pricing/tariff';

/**
 * What a tariff's bands must do besides their own fields (R-TARIFF-1): cover every minute of the week
 * exactly once. The fields themselves (weekdays, "HH:MM", from < to, grace, increment, first period) are
 * checked by the DTO's class-validator rules before this runs.
 *
 * The pricing module brings `tariffProblems` (src/pricing/tariff-problems), the one validation of a whole
 * tariff; until it is in, the lots module calls this file's function of the same name and signature.
 */

export const MINUTES_PER_DAY = 1440;
export const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

/** Indexed by ISO weekday − 1. */
export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** Minutes after local midnight of "HH:MM" ("24:00" is the end of the day). */
export function clockMinutes(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

const clockTime = (minuteOfDay: number) => `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;

/**
 * Every gap and overlap of the bands, as a sentence each, in week order: "Gap: Monday 18:00–19:00",
 * "Overlap: Tuesday 08:00–09:00". A span is named per day, as the bands are written, so a night with no
 * band reads "Gap: Monday 22:00–24:00" and "Gap: Tuesday 00:00–06:00". [] when every minute of the week
 * has exactly one band. A band whose `from` is not before its `to` covers nothing.
 */
export function coverageProblems(bands: TariffBand[]): string[] {
  const bandsAt = new Uint16Array(MINUTES_PER_WEEK);
  for (const band of bands) {
    const [from, to] = [clockMinutes(band.from), clockMinutes(band.to)];
    for (const day of new Set(band.days)) {
      const dayStart = (day - 1) * MINUTES_PER_DAY;
      for (let minute = from; minute < to; minute++) bandsAt[dayStart + minute]++;
    }
  }
  const problems: string[] = [];
  for (let day = 0; day < 7; day++) {
    const dayStart = day * MINUTES_PER_DAY;
    const kindAt = (minute: number) => (bandsAt[dayStart + minute] === 0 ? 'Gap' : bandsAt[dayStart + minute] > 1 ? 'Overlap' : undefined);
    for (let start = 0; start < MINUTES_PER_DAY; ) {
      const kind = kindAt(start);
      let end = start + 1;
      while (end < MINUTES_PER_DAY && kindAt(end) === kind) end++;
      if (kind) problems.push(`${kind}: ${WEEKDAY_NAMES[day]} ${clockTime(start)}–${clockTime(end)}`);
      start = end;
    }
  }
  return problems;
}

/** The problems of a tariff whose fields are valid: here its coverage of the week. */
export function tariffProblems(tariff: Tariff): string[] {
  return coverageProblems(tariff.bands);
}
