/**
 * The week a tariff's bands are laid on: minute 0 is Monday 00:00 local time, minute 10,079 Sunday 23:59.
 * Bands are read into a table of rate intervals over these minutes once per tariff (`weekRatesOf`).
 */
import { IsoWeekday, TariffBand } from './tariff';

export const MINUTE_MS = 60_000;
export const MINUTES_PER_DAY = 1440;
export const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
export const MAX_RATE_PER_HOUR_CENTS = 1_000_000;

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** The epoch (1970-01-01) was a Thursday: local minute 0 since the epoch is week minute 3 × 1440. */
const EPOCH_WEEK_MINUTE = 3 * MINUTES_PER_DAY;

const mod = (value: number, by: number) => ((value % by) + by) % by;

/** The week minute of a local wall-clock instant given as milliseconds since the epoch in local time. */
export function weekMinuteOfLocal(localMs: number): number {
  return mod(Math.floor(localMs / MINUTE_MS) + EPOCH_WEEK_MINUTE, MINUTES_PER_WEEK);
}

const digitAt = (text: string, index: number) => {
  const digit = text.charCodeAt(index) - 48;
  return digit >= 0 && digit <= 9 ? digit : NaN;
};

/** "HH:MM" (00:00–24:00) as minutes since midnight, or null when it is not such a time. */
export function minuteOfDay(clock: unknown): number | null {
  if (typeof clock !== 'string' || clock.length !== 5 || clock[2] !== ':') return null;
  // Read digit by digit: tariffs are read on every pricing of a freshly loaded tariff.
  const hours = digitAt(clock, 0) * 10 + digitAt(clock, 1);
  const minutes = digitAt(clock, 3) * 10 + digitAt(clock, 4);
  if (!(minutes <= 59 && hours <= 24) || (hours === 24 && minutes > 0)) return null;
  return hours * 60 + minutes;
}

/** Minutes since midnight as "HH:MM" (1440 → "24:00"). */
export function clockTime(minute: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
}

export const isIsoWeekday = (day: unknown): day is IsoWeekday => Number.isInteger(day) && (day as number) >= 1 && (day as number) <= 7;

export const isRatePerHourCents = (rate: unknown): rate is number => Number.isInteger(rate) && (rate as number) >= 0 && (rate as number) <= MAX_RATE_PER_HOUR_CENTS;

/** A band's local span in minutes since midnight, when its times are well formed and `from` < `to`. */
export function bandSpan(band: TariffBand): { from: number; to: number } | null {
  const from = minuteOfDay(band?.from);
  const to = minuteOfDay(band?.to);
  return from === null || to === null || from >= to ? null : { from, to };
}

/**
 * The week as rate intervals: interval j covers week minutes [starts[j], ends[j]) at rates[j]; together they
 * cover [0, 10080) in order, and neighbours have different rates (a merged run of one rate).
 */
export interface WeekRates {
  starts: number[];
  ends: number[];
  rates: number[];
}

/**
 * The bands as a week table, or null unless every band is well formed (times, days without repeats, rate)
 * and together they cover every minute of the week exactly once: what pricing needs, checked in one sort.
 * `tariffProblems` says what is wrong in words.
 */
export function weekRatesOf(bands: readonly TariffBand[]): WeekRates | null {
  if (!Array.isArray(bands)) return null;
  const pieces: Array<[start: number, end: number, rate: number]> = [];
  for (const band of bands) {
    const span = bandSpan(band);
    if (!span || !isRatePerHourCents(band.ratePerHourCents) || !Array.isArray(band.days) || band.days.length === 0) return null;
    for (const day of band.days) {
      if (!isIsoWeekday(day)) return null;
      const dayStart = (day - 1) * MINUTES_PER_DAY;
      pieces.push([dayStart + span.from, dayStart + span.to, band.ratePerHourCents]);
    }
  }
  pieces.sort((a, b) => a[0] - b[0]);
  const week: WeekRates = { starts: [], ends: [], rates: [] };
  let covered = 0;
  for (const [start, end, rate] of pieces) {
    // A repeated day or an overlap starts before `covered`, a gap after it.
    if (start !== covered) return null;
    const last = week.rates.length - 1;
    if (last >= 0 && week.rates[last] === rate) week.ends[last] = end;
    else {
      week.starts.push(start);
      week.ends.push(end);
      week.rates.push(rate);
    }
    covered = end;
  }
  return covered === MINUTES_PER_WEEK ? week : null;
}

/** The index of the interval of `week` that contains `weekMinute` (0 ≤ weekMinute < 10080). */
export function intervalAt(week: WeekRates, weekMinute: number): number {
  let low = 0;
  let high = week.starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (week.starts[middle] <= weekMinute) low = middle;
    else high = middle - 1;
  }
  return low;
}
