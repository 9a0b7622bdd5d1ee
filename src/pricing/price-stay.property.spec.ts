import fc from 'fast-check';
import { localWeekdayAndMinute, referencePrice } from '../../test/support/pricing-reference';
import { priceStay, rateAt, StayPrice } from './price-stay';
import { INCREMENT_MINUTES, IsoWeekday, Tariff, TariffBand } from './tariff';
import { tariffProblems } from './validation';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** Offset changes of 2026/2027 (UTC): stays are drawn around them as often as anywhere in the two years. */
const TRANSITIONS: Record<string, string[]> = {
  'Europe/Berlin': ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2027-03-28T01:00:00Z', '2027-10-31T01:00:00Z'],
  'America/New_York': ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z', '2027-03-14T07:00:00Z', '2027-11-07T06:00:00Z'],
  'Australia/Lord_Howe': ['2026-04-04T15:00:00Z', '2026-10-03T15:30:00Z', '2027-04-03T15:00:00Z', '2027-10-02T15:30:00Z'],
  'Asia/Kolkata': [],
  'Asia/Kathmandu': [],
  UTC: [],
};
const ZONES = Object.keys(TRANSITIONS);

const rate = fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000 }), fc.constantFrom(0, 1, 29, 30, 31, 90, 100, 599, 600));
/** A cut of the day: anywhere, or where the clocks change (Berlin 02:00–03:00, New York 01:00–03:00, Lord Howe 01:30–02:30). */
const cutMinute = fc.oneof(fc.integer({ min: 1, max: 1439 }), fc.constantFrom(60, 90, 105, 120, 135, 150, 165, 180));

/** Bands from a few day templates (cut points and rates), each weekday following one: bands with several days. */
const templateBands = fc
  .record({
    templates: fc.array(fc.record({ cuts: fc.uniqueArray(cutMinute, { maxLength: 4 }), rates: fc.array(rate, { minLength: 5, maxLength: 5 }) }), { minLength: 1, maxLength: 3 }),
    templateOfDay: fc.array(fc.nat(), { minLength: 7, maxLength: 7 }),
  })
  .map(({ templates, templateOfDay }) =>
    templates.flatMap((template, t): TariffBand[] => {
      const days = ([1, 2, 3, 4, 5, 6, 7] as IsoWeekday[]).filter((day) => templateOfDay[day - 1] % templates.length === t);
      const edges = [0, ...[...template.cuts].sort((a, b) => a - b), 1440];
      return days.length === 0 ? [] : edges.slice(1).map((to, j) => ({ days, from: clock(edges[j]), to: clock(to), ratePerHourCents: template.rates[j % 5] }));
    }),
  );

/** Bands from a partition of the whole week (pieces run over midnight), one band per day of each piece. */
const weekBands = fc
  .record({ cuts: fc.uniqueArray(fc.integer({ min: 1, max: 10_079 }), { maxLength: 12 }), rates: fc.array(rate, { minLength: 13, maxLength: 13 }) })
  .map(({ cuts, rates }) => {
    const edges = [0, ...[...cuts].sort((a, b) => a - b), 10_080];
    const bands: TariffBand[] = [];
    edges.slice(1).forEach((end, piece) => {
      for (let from = edges[piece]; from < end; from = Math.floor(from / 1440) * 1440 + 1440) {
        const day = Math.floor(from / 1440);
        const to = Math.min(end, (day + 1) * 1440);
        bands.push({ days: [(day + 1) as IsoWeekday], from: clock(from % 1440), to: clock(to - day * 1440), ratePerHourCents: rates[piece] });
      }
    });
    return bands;
  });

const shuffled = <T>(items: T[]) => fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length });

const tariffArb: fc.Arbitrary<Tariff> = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    bands: fc.oneof(templateBands, weekBands).chain(shuffled),
    graceMinutes: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 120 })),
    incrementMinutes: fc.constantFrom(...INCREMENT_MINUTES),
    firstPeriod: fc.option(fc.record({ minutes: fc.oneof(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 1440 })), cents: fc.integer({ min: 0, max: 5_000 }) })),
    dailyMaxCents: fc.option(fc.oneof(fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 0, max: 5_000_000 }))),
  })
  .map((tariff) => tariff as Tariff);

const YEARS_2026_2027 = { min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') };

/** A stay at a random millisecond (rarely minute-aligned), often ending after a change of the zone's clocks. */
const stayIn = (timeZone: string) =>
  fc
    .record({
      start: fc.oneof(
        fc.integer(YEARS_2026_2027),
        fc.tuple(fc.constantFrom(...(TRANSITIONS[timeZone].length ? TRANSITIONS[timeZone] : TRANSITIONS['Europe/Berlin'])), fc.integer({ min: -8 * DAY, max: DAY })).map(([at, shift]) => Date.parse(at) + shift),
      ),
      duration: fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 0, max: 180 * MINUTE }) },
        { weight: 3, arbitrary: fc.integer({ min: 0, max: 2 * DAY }) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 8 * DAY }) },
        { weight: 1, arbitrary: fc.integer({ min: -MINUTE, max: 0 }) },
      ),
    })
    .map(({ start, duration }) => ({ start: new Date(start), end: new Date(start + duration) }));

const tariffAndStay = tariffArb.chain((tariff) => stayIn(tariff.timeZone).map((stay) => ({ tariff, ...stay })));

/**
 * What every price must satisfy whatever the tariff: the breakdown adds up and tiles the billed minutes.
 * Collected as words and asserted once (thousands of `expect` calls per stay would dominate the run).
 */
function breakdownFaults(tariff: Tariff, start: Date, price: StayPrice): string[] {
  const faults: string[] = [];
  const check = (holds: boolean, fault: string) => holds || faults.push(fault);
  check(price.windows.reduce((sum, window) => sum + window.cents, 0) === price.totalCents, 'window cents do not add up to the total');
  check(price.windows.reduce((sum, window) => sum + window.billedMinutes, 0) === price.billedMinutes, 'window minutes do not add up to B');
  const firstPeriodMinutes = Math.min(tariff.firstPeriod?.minutes ?? 0, price.billedMinutes);
  price.windows.forEach((window, k) => {
    const from = start.getTime() + k * DAY;
    check(window.from.getTime() === from, `window ${k} does not start 24 h × ${k} after the start`);
    check(window.to.getTime() === Math.min(from + DAY, start.getTime() + price.billedMinutes * MINUTE), `window ${k} has the wrong end`);
    const firstPeriodHere = Math.max(0, Math.min(firstPeriodMinutes - k * 1440, window.billedMinutes));
    const segmentMinutes = window.segments.reduce((sum, segment) => sum + segment.minutes, 0);
    check(segmentMinutes + firstPeriodHere === window.billedMinutes, `window ${k}: segment and first-period minutes are not its billed minutes`);
    let cursor = from + firstPeriodHere * MINUTE;
    window.segments.forEach((segment, j) => {
      const where = `window ${k} segment ${j}`;
      check(segment.from.getTime() === cursor && segment.to.getTime() === cursor + segment.minutes * MINUTE, `${where} does not follow on`);
      check(segment.minutes > 0, `${where} is empty`);
      check(segment.ratePerHourCents === rateAt(tariff, segment.from), `${where} is not at the rate in force at its start`);
      check(j === 0 || segment.ratePerHourCents !== window.segments[j - 1].ratePerHourCents, `${where} has its predecessor's rate`);
      cursor = segment.to.getTime();
    });
    check(cursor === window.to.getTime(), `window ${k}: segments stop before its end`);
    check(!window.capped || window.cents === tariff.dailyMaxCents, `window ${k} is capped below or above the daily maximum`);
  });
  return faults;
}

describe('priceStay against the minute-by-minute reference (R-TARIFF-3)', () => {
  it('gives the reference total and window prices for random tariffs, zones and stays up to 8 days', () => {
    fc.assert(
      fc.property(tariffAndStay, ({ tariff, start, end }) => {
        expect(tariffProblems(tariff)).toEqual([]);
        const price = priceStay(tariff, start, end);
        const reference = referencePrice(tariff, start, end);
        expect(price.totalCents).toBe(reference.totalCents);
        expect(price.windows.map((window) => [window.cents, window.billedMinutes])).toEqual(reference.windows.map((window) => [window.cents, window.billedMinutes]));
        expect([price.billedMinutes, price.graceApplied]).toEqual([reference.billedMinutes, reference.graceApplied]);
        expect(breakdownFaults(tariff, start, price)).toEqual([]);
      }),
      { numRuns: 2_000 },
    );
  });

  it('breaks every price down into windows and segments that add up (more stays, no reference)', () => {
    fc.assert(
      fc.property(tariffAndStay, ({ tariff, start, end }) => {
        const price = priceStay(tariff, start, end);
        expect(price.minutes).toBe(Math.max(1, Math.ceil((end.getTime() - start.getTime()) / MINUTE)));
        expect(price.graceApplied).toBe(price.minutes <= tariff.graceMinutes);
        expect(breakdownFaults(tariff, start, price)).toEqual([]);
      }),
      { numRuns: 5_000 },
    );
  });

  it('reads the rate in force from the band of the local weekday and time', () => {
    fc.assert(
      fc.property(tariffArb, fc.integer(YEARS_2026_2027), (tariff, instant) => {
        const [weekday, minute] = localWeekdayAndMinute(tariff.timeZone, instant);
        const clockNow = clock(minute);
        const band = tariff.bands.find((b) => b.days.includes(weekday as IsoWeekday) && b.from <= clockNow && clockNow < b.to);
        expect(rateAt(tariff, new Date(instant))).toBe(band?.ratePerHourCents);
      }),
      { numRuns: 2_000 },
    );
  });
});
