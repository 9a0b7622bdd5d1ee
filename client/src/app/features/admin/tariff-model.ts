import { TariffBandDto } from '../../api/models';

/**
 * The admin's tariff editor as plain data: the week as a grid of half-hour slots, each holding the
 * hourly rate (in cents) that applies to it, turned to and from the API's bands (R-TARIFF-1); and money
 * typed as text turned into integer cents without floating point. No Angular, no I/O.
 */

export type IsoWeekday = TariffBandDto['days'][number];

export const WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];
export const WEEKDAY_NAMES = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

/** The grid's resolution: a band edge falls on the hour or the half hour. */
export const SLOT_MINUTES = 30;
export const SLOTS_PER_DAY = (24 * 60) / SLOT_MINUTES;

/**
 * The week: `slots[day][slot]` is the rate per hour in cents of that half hour (day 0 = Monday), or
 * `null` where no rate is painted (saving such a grid lets the API name the gap).
 */
export type WeekGrid = (number | null)[][];

export const emptyGrid = (): WeekGrid =>
  WEEKDAYS.map(() => Array.from({ length: SLOTS_PER_DAY }, () => null));

const pad = (n: number) => String(n).padStart(2, '0');

/** Minutes after midnight as "HH:MM"; 1440 is "24:00", the end of the day. */
export function clockTime(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** "HH:MM" (up to "24:00") as minutes after midnight. */
export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** "08:00–08:30": the local times a slot covers. */
export function slotRange(slot: number): string {
  return `${clockTime(slot * SLOT_MINUTES)}–${clockTime((slot + 1) * SLOT_MINUTES)}`;
}

export interface GridFromBands {
  grid: WeekGrid;
  /**
   * Whether some band edge is not on a half hour: each slot then shows the band in force at its start,
   * and saving the grid would move that edge.
   */
  approximated: boolean;
}

/** The bands laid on the week: each slot takes the band covering its first minute. */
export function bandsToGrid(bands: readonly TariffBandDto[]): GridFromBands {
  const grid = emptyGrid();
  let approximated = false;
  for (const band of bands) {
    const from = minutesOf(band.from);
    const to = minutesOf(band.to);
    if (from % SLOT_MINUTES !== 0 || to % SLOT_MINUTES !== 0) approximated = true;
    for (const day of band.days) {
      for (let slot = 0; slot < SLOTS_PER_DAY; slot++) {
        const start = slot * SLOT_MINUTES;
        if (start >= from && start < to) grid[day - 1][slot] = band.ratePerHourCents;
      }
    }
  }
  return { grid, approximated };
}

/**
 * The grid as bands: consecutive slots of one rate on a day make one span, and the same span at the
 * same rate on several days is one band listing those days. Unpainted slots are left out. Bands come
 * ordered by start time, then end time, then first day, so the same grid always gives the same bands.
 */
export function gridToBands(grid: WeekGrid): TariffBandDto[] {
  const byKey = new Map<string, TariffBandDto>();
  grid.forEach((slots, index) => {
    const day = WEEKDAYS[index];
    let start = 0;
    for (let slot = 1; slot <= SLOTS_PER_DAY; slot++) {
      if (slot < SLOTS_PER_DAY && slots[slot] === slots[start]) continue;
      const rate = slots[start];
      if (rate !== null) {
        const from = clockTime(start * SLOT_MINUTES);
        const to = clockTime(slot * SLOT_MINUTES);
        const key = `${from}-${to}-${rate}`;
        const band = byKey.get(key);
        if (band) band.days.push(day);
        else byKey.set(key, { days: [day], from, to, ratePerHourCents: rate });
      }
      start = slot;
    }
  });
  return [...byKey.values()].sort(
    (a, b) =>
      minutesOf(a.from) - minutesOf(b.from) ||
      minutesOf(a.to) - minutesOf(b.to) ||
      a.days[0] - b.days[0],
  );
}

/** The rates the grid uses, in the order they first appear in the week (Monday 00:00 onward). */
export function ratesInGrid(grid: WeekGrid): number[] {
  const seen = new Set<number>();
  for (const slots of grid) for (const rate of slots) if (rate !== null) seen.add(rate);
  return [...seen];
}

/**
 * An amount typed in currency units ("3", "3.5", "3.05") as integer cents, read digit by digit so no
 * floating-point rounding can creep in. Refused (null): more than two decimals, signs, spaces inside,
 * and any comma — "1,000.50" is one thousand in one locale and one in another, so grouping separators
 * and decimal commas are not guessed at.
 */
export function parseMoney(text: string): number | null {
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$|^\.(\d{1,2})$/.exec(text.trim());
  if (!match) return null;
  const units = match[1] ?? '0';
  const fraction = (match[2] ?? match[3] ?? '').padEnd(2, '0');
  return Number(units) * 100 + Number(fraction);
}

/** Cents as the text an amount field shows: 305 → "3.05", 1000 → "10.00". */
export function moneyText(cents: number): string {
  return `${Math.floor(cents / 100)}.${pad(cents % 100)}`;
}

/** What an amount field says when `parseMoney` refuses its text. */
export const MONEY_HINT = 'Enter an amount like 3.00: digits, a dot, at most two decimals';
