/**
 * The price of a stay under a tariff (R-TARIFF-3), with the breakdown a quote shows (R-QUOTE-1). Pure: no
 * I/O; the only state is what is cached about tariffs (their week table, by object) and time zones (their
 * offsets, time-zone.ts).
 *
 * Instead of pricing B minutes one by one, the billed minutes are walked from boundary to boundary, where
 * a boundary is the end of the first period, a 24-hour window edge, a change of the zone's UTC offset or
 * the end of a band's interval of the week: between two boundaries every minute has the same rate, so a
 * run of n minutes at rate r adds n·r to its window. A week on a 14-band tariff is a few dozen steps.
 */
import { Tariff } from './tariff';
import { offsetChanges, utcOffsetAt } from './time-zone';
import { ruleProblems, tariffProblems, timeZoneProblems } from './validation';
import { intervalAt, MINUTE_MS, MINUTES_PER_DAY, MINUTES_PER_WEEK, WeekRates, weekMinuteOfLocal, weekRatesOf } from './week';

/** Consecutive band-priced minutes of one rate within a window. */
export interface PricedSegment {
  from: Date;
  to: Date;
  minutes: number;
  ratePerHourCents: number;
}

/** Billed minutes 1440k ≤ i < 1440(k + 1) of a stay, from `from` to `to` (the last one ends with the billed minutes). */
export interface PricedWindow {
  from: Date;
  to: Date;
  /** Every billed minute of the window, first-period minutes included. */
  billedMinutes: number;
  /** Band price rounded half up, plus the first period's price in window 0, at most the daily maximum. */
  cents: number;
  /** Whether the daily maximum lowered the window's price. */
  capped: boolean;
  /** The band-priced minutes only (the first period's are not), in order. */
  segments: PricedSegment[];
}

export interface StayPrice {
  totalCents: number;
  /** m: started minutes of the stay, at least 1. */
  minutes: number;
  /** B: m rounded up to the billing step; 0 when the grace period applies (nothing is billed). */
  billedMinutes: number;
  /** m ≤ graceMinutes: the stay is free and has no windows. */
  graceApplied: boolean;
  /** The first period's flat price, counted in window 0 (before its cap); 0 without a first period or in grace. */
  firstPeriodCents: number;
  /** Their `cents` add up to `totalCents`. */
  windows: PricedWindow[];
}

/** A tariff `tariffProblems` finds fault with: it cannot be priced. */
export class InvalidTariffError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid tariff: ${problems.join('; ')}`);
    this.name = 'InvalidTariffError';
  }
}

/** Tariffs are values (a stored version never changes): each object is checked and laid on the week once. */
const weekTables = new WeakMap<Tariff, WeekRates>();

function weekRatesOfValid(tariff: Tariff): WeekRates {
  let week = weekTables.get(tariff);
  if (!week) {
    const checked = timeZoneProblems(tariff.timeZone).length === 0 && ruleProblems(tariff).length === 0 ? weekRatesOf(tariff.bands) : null;
    if (!checked) throw new InvalidTariffError(tariffProblems(tariff));
    week = checked;
    weekTables.set(tariff, week);
  }
  return week;
}

/** round-half-up(Σ rate / 60) over band-priced minutes, in integers: Σ rate is in cent-minutes per hour. */
const bandCents = (rateMinutes: number) => Math.floor((2 * rateMinutes + 60) / 120);

/** The band rate in force at an instant: the rate of the band containing its local wall-clock time. */
export function rateAt(tariff: Tariff, instant: Date): number {
  const week = weekRatesOfValid(tariff);
  const at = instant.getTime();
  return week.rates[intervalAt(week, weekMinuteOfLocal(at + utcOffsetAt(tariff.timeZone, at)))];
}

interface WindowTally {
  rateMinutes: number;
  /** Segments as minute indices of the stay: [from, to, rate] each. */
  runs: number[];
}

/**
 * The price of a stay from `start` to `end` (R-TARIFF-3). An end before the start counts as one minute
 * (m is at least 1), as R-PRICE-2 does. Throws InvalidTariffError for a tariff with problems.
 */
export function priceStay(tariff: Tariff, start: Date, end: Date): StayPrice {
  const week = weekRatesOfValid(tariff);
  const s = start.getTime();
  const e = end.getTime();
  if (!Number.isFinite(s) || !Number.isFinite(e)) throw new RangeError('A stay needs a valid start and end');

  const minutes = Math.max(1, Math.ceil((e - s) / MINUTE_MS));
  if (minutes <= tariff.graceMinutes) {
    return { totalCents: 0, minutes, billedMinutes: 0, graceApplied: true, firstPeriodCents: 0, windows: [] };
  }
  const step = tariff.incrementMinutes;
  const billed = Math.ceil(minutes / step) * step;
  const firstPeriodEnd = tariff.firstPeriod ? Math.min(tariff.firstPeriod.minutes, billed) : 0;
  const tallies: WindowTally[] = Array.from({ length: Math.ceil(billed / MINUTES_PER_DAY) }, () => ({ rateMinutes: 0, runs: [] }));

  if (firstPeriodEnd < billed) walkBands(tariff.timeZone, week, s, firstPeriodEnd, billed, tallies);

  const firstPeriodCents = tariff.firstPeriod?.cents ?? 0;
  const windows = tallies.map((tally, k): PricedWindow => {
    const from = k * MINUTES_PER_DAY;
    const to = Math.min(from + MINUTES_PER_DAY, billed);
    const uncapped = bandCents(tally.rateMinutes) + (k === 0 ? firstPeriodCents : 0);
    const capped = tariff.dailyMaxCents !== null && uncapped > tariff.dailyMaxCents;
    const segments: PricedSegment[] = [];
    for (let j = 0; j < tally.runs.length; j += 3) {
      const [runFrom, runTo, ratePerHourCents] = [tally.runs[j], tally.runs[j + 1], tally.runs[j + 2]];
      segments.push({ from: new Date(s + runFrom * MINUTE_MS), to: new Date(s + runTo * MINUTE_MS), minutes: runTo - runFrom, ratePerHourCents });
    }
    return {
      from: new Date(s + from * MINUTE_MS),
      to: new Date(s + to * MINUTE_MS),
      billedMinutes: to - from,
      cents: capped ? (tariff.dailyMaxCents as number) : uncapped,
      capped,
      segments,
    };
  });
  return {
    totalCents: windows.reduce((sum, window) => sum + window.cents, 0),
    minutes,
    billedMinutes: billed,
    graceApplied: false,
    firstPeriodCents,
    windows,
  };
}

/**
 * Adds the band-priced minutes `first` ≤ i < `billed` to their windows. Minute i starts at s + i minutes
 * and is priced by the band containing that instant's local time; while the zone's offset stays the same,
 * minute i + 1 is the next local minute of the week, so the walk moves from boundary to boundary.
 */
function walkBands(timeZone: string, week: WeekRates, s: number, first: number, billed: number, tallies: WindowTally[]): void {
  const { changes, offsets } = offsetChanges(timeZone, s + first * MINUTE_MS, s + (billed - 1) * MINUTE_MS);
  // Minute i takes the offset of its start: a change at instant c applies from minute ceil((c − s) / 1 min).
  const changeAt = changes.map((change) => Math.ceil((change - s) / MINUTE_MS));
  let change = 0;
  let offsetUntil = changeAt.length > 0 ? changeAt[0] : billed;
  let weekMinute = weekMinuteOfLocal(s + first * MINUTE_MS + offsets[0]);
  let interval = intervalAt(week, weekMinute);
  let window = Math.floor(first / MINUTES_PER_DAY);
  let windowEnd = Math.min((window + 1) * MINUTES_PER_DAY, billed);

  for (let i = first; i < billed; ) {
    const stop = Math.min(windowEnd, offsetUntil, i + week.ends[interval] - weekMinute);
    const rate = week.rates[interval];
    const tally = tallies[window];
    tally.rateMinutes += (stop - i) * rate;
    const last = tally.runs.length - 3;
    if (last >= 0 && tally.runs[last + 1] === i && tally.runs[last + 2] === rate) tally.runs[last + 1] = stop;
    else tally.runs.push(i, stop, rate);
    weekMinute += stop - i;
    i = stop;
    if (i === billed) break;
    if (i === offsetUntil) {
      // Several changes may fall within one minute: the last one before the minute starts holds.
      while (change < changeAt.length && changeAt[change] === i) change++;
      offsetUntil = change < changeAt.length ? changeAt[change] : billed;
      weekMinute = weekMinuteOfLocal(s + i * MINUTE_MS + offsets[change]);
      interval = intervalAt(week, weekMinute);
    } else if (weekMinute === week.ends[interval]) {
      interval = (interval + 1) % week.starts.length;
      if (weekMinute === MINUTES_PER_WEEK) weekMinute = 0;
    }
    if (i === windowEnd) {
      window++;
      windowEnd = Math.min(windowEnd + MINUTES_PER_DAY, billed);
    }
  }
}
