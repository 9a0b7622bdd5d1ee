/**
 * R-TARIFF-3 read literally, minute by minute: the reference the segment-based `priceStay` is checked
 * against (src/pricing/price-stay.property.spec.ts) and timed against (bench/pricing.ts). Deliberately
 * slow and independent of src/pricing: each billed minute's local weekday and time come straight from
 * Intl, and its band is found by scanning the tariff's bands.
 */
import type { Tariff } from '../../src/pricing/tariff';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The local ISO weekday (1 = Monday) and minute of the day of an instant, e.g. "Sun 01:59" → [7, 119]. */
export function localWeekdayAndMinute(timeZone: string, instantMs: number): [weekday: number, minute: number] {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, formatter);
  }
  const text = formatter.format(instantMs);
  const weekday = WEEKDAYS.indexOf(text.slice(0, 3)) + 1;
  const minute = Number(text.slice(4, 6)) * 60 + Number(text.slice(7, 9));
  if (weekday === 0 || !Number.isInteger(minute)) throw new Error(`Unexpected local time "${text}"`);
  return [weekday, minute];
}

const clockMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

export interface ReferencePrice {
  totalCents: number;
  billedMinutes: number;
  graceApplied: boolean;
  /** Per 24-hour window: its cents and its billed minutes (first-period ones included). */
  windows: Array<{ cents: number; billedMinutes: number }>;
}

export function referencePrice(tariff: Tariff, start: Date, end: Date): ReferencePrice {
  const s = start.getTime();
  const m = Math.max(1, Math.ceil((end.getTime() - s) / 60_000));
  if (m <= tariff.graceMinutes) return { totalCents: 0, billedMinutes: 0, graceApplied: true, windows: [] };
  const billed = Math.ceil(m / tariff.incrementMinutes) * tariff.incrementMinutes;
  const rateSums: number[] = [];
  const minutesIn: number[] = [];
  for (let i = 0; i < billed; i++) {
    const window = Math.floor(i / 1440);
    rateSums[window] = rateSums[window] ?? 0;
    minutesIn[window] = (minutesIn[window] ?? 0) + 1;
    if (tariff.firstPeriod && i < tariff.firstPeriod.minutes) continue;
    const [weekday, minute] = localWeekdayAndMinute(tariff.timeZone, s + i * 60_000);
    const band = tariff.bands.find((b) => b.days.includes(weekday as never) && clockMinutes(b.from) <= minute && minute < clockMinutes(b.to));
    if (!band) throw new Error(`No band covers weekday ${weekday} minute ${minute}`);
    rateSums[window] += band.ratePerHourCents;
  }
  const windows = rateSums.map((sum, window) => {
    let cents = Math.floor((2 * sum + 60) / 120) + (window === 0 && tariff.firstPeriod ? tariff.firstPeriod.cents : 0);
    if (tariff.dailyMaxCents !== null) cents = Math.min(cents, tariff.dailyMaxCents);
    return { cents, billedMinutes: minutesIn[window] };
  });
  return { totalCents: windows.reduce((sum, w) => sum + w.cents, 0), billedMinutes: billed, graceApplied: false, windows };
}
