/**
 * The pricing function (src/pricing/price-stay.ts) on the issue's hard case: a 7-day stay on a 14-band
 * tariff with a daily cap in Europe/Berlin, across the autumn change of the clocks. Not a test. Timed in the
 * same run as the minute-by-minute reference (test/support/pricing-reference.ts), which must give the same
 * cents. No server and no database: the function is pure. Targets: under 50 µs per call, at least 100×
 * faster than the reference.
 *
 *   npx ts-node --transpile-only bench/pricing.ts
 *
 * BENCH_ROUNDS (7), BENCH_CALLS (20000 calls of priceStay per round), BENCH_REFERENCE_CALLS (3 per round).
 * Two figures for priceStay: the same tariff object on every call (its week table cached), and a fresh
 * copy per call, as a tariff read from the database arrives (the table is rebuilt and checked each time).
 */
import { priceStay } from '../src/pricing/price-stay';
import { IsoWeekday, Tariff, TariffBand } from '../src/pricing/tariff';
import { referencePrice } from '../test/support/pricing-reference';
import { machineLine, percentile, say } from './lib';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const CALLS = Number(process.env.BENCH_CALLS ?? 20_000);
const REFERENCE_CALLS = Number(process.env.BENCH_REFERENCE_CALLS ?? 3);

const band = (days: IsoWeekday[], from: string, to: string, ratePerHourCents: number): TariffBand => ({ days, from, to, ratePerHourCents });
const MON_THU: IsoWeekday[] = [1, 2, 3, 4];

/** 14 bands: rush hours on weekdays, a long Friday evening, a Saturday day rate, a cheap Sunday. */
const TARIFF: Tariff = {
  timeZone: 'Europe/Berlin',
  bands: [
    band(MON_THU, '00:00', '07:00', 100),
    band(MON_THU, '07:00', '10:00', 450),
    band(MON_THU, '10:00', '16:00', 300),
    band(MON_THU, '16:00', '19:00', 450),
    band(MON_THU, '19:00', '24:00', 150),
    band([5], '00:00', '07:00', 100),
    band([5], '07:00', '10:00', 450),
    band([5], '10:00', '16:00', 300),
    band([5], '16:00', '24:00', 350),
    band([6], '00:00', '09:00', 100),
    band([6], '09:00', '18:00', 250),
    band([6], '18:00', '24:00', 200),
    band([7], '00:00', '12:00', 80),
    band([7], '12:00', '24:00', 120),
  ],
  graceMinutes: 10,
  incrementMinutes: 15,
  firstPeriod: { minutes: 60, cents: 250 },
  dailyMaxCents: 4500,
};
/** Wednesday 16:07:31.25 CEST to the next Wednesday 15:07:31.25 CET: 7 days, the clocks go back on Sunday. */
const START = new Date('2026-10-21T14:07:31.250Z');
const END = new Date(START.getTime() + 7 * 24 * 60 * 60_000);
/** For scale: one hour from the same start. */
const ONE_HOUR_END = new Date(START.getTime() + 60 * 60_000);

/** µs per call in each round (sorted), a round timing `calls` calls of `run(i)` after `prepare()`. */
function microsecondsPerCall(calls: number, run: (i: number) => unknown, prepare: () => void = () => undefined): number[] {
  const perRound: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    prepare();
    const started = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) run(i);
    perRound.push(Number(process.hrtime.bigint() - started) / 1000 / calls);
  }
  return perRound.sort((a, b) => a - b);
}

function main(): void {
  say(machineLine());
  const price = priceStay(TARIFF, START, END);
  const reference = referencePrice(TARIFF, START, END);
  const segments = price.windows.reduce((sum, window) => sum + window.segments.length, 0);
  say(`stay ${START.toISOString()} → ${END.toISOString()} (Europe/Berlin): ${price.billedMinutes} billed minutes, ${price.windows.length} windows, ${segments} segments, ${price.windows.filter((w) => w.capped).length} capped`);
  say(`priceStay ${price.totalCents} cents, reference ${reference.totalCents} cents, windows ${JSON.stringify(price.windows.map((w) => w.cents))}`);
  if (price.totalCents !== reference.totalCents || price.windows.some((window, k) => window.cents !== reference.windows[k].cents)) {
    throw new Error('priceStay and the reference disagree: the timings would compare different things');
  }

  // Warm-up: the zone's months are read from Intl and the code is optimised before anything is timed.
  for (let i = 0; i < CALLS; i++) priceStay(TARIFF, START, END);

  let copies: Tariff[] = [];
  const cached = microsecondsPerCall(CALLS, () => priceStay(TARIFF, START, END));
  const fresh = microsecondsPerCall(
    CALLS,
    (i) => priceStay(copies[i], START, END),
    () => (copies = Array.from({ length: CALLS }, () => structuredClone(TARIFF))),
  );
  const oneHour = microsecondsPerCall(CALLS, () => priceStay(TARIFF, START, ONE_HOUR_END));
  const minuteByMinute = microsecondsPerCall(REFERENCE_CALLS, () => referencePrice(TARIFF, START, END));

  const median = (sorted: number[]) => percentile(sorted, 50);
  const row = (name: string, sorted: number[], calls: number, compared = true) =>
    `| ${name} | ${calls.toLocaleString('en-US')} × ${ROUNDS} | ${median(sorted).toFixed(2)} | ${sorted[0].toFixed(2)}–${sorted[sorted.length - 1].toFixed(2)} | ${compared ? `${(median(minuteByMinute) / median(sorted)).toFixed(0)}×` : '—'} |`;
  say();
  say('| pricing the 7-day stay | calls | µs per call (median round) | range of rounds | reference ÷ this |');
  say('| --- | --- | --- | --- | --- |');
  say(row('priceStay, same tariff object', cached, CALLS));
  say(row('priceStay, fresh tariff copy per call', fresh, CALLS));
  say(row('minute-by-minute reference', minuteByMinute, REFERENCE_CALLS));
  say(row('for scale: priceStay of a 1-hour stay from the same start', oneHour, CALLS, false));
  say();
  const worst = Math.max(median(cached), median(fresh));
  const met = worst < 50 && median(minuteByMinute) / worst >= 100;
  say(`targets (< 50 µs per call, ≥ 100× the reference): ${met ? 'met' : 'NOT met'}`);
}

main();
