/**
 * What is wrong with a tariff, in words an admin acts on (R-TARIFF-1): each field out of range, each
 * malformed band, and every gap and overlap of the bands' coverage of the week, named as day and time
 * ranges ("Gap: Monday 18:00–19:00", "Overlap: Tuesday 08:00–09:00 (bands 1 and 3)"). Bands are numbered
 * from 1 in the order given. An empty list means the tariff can be priced.
 *
 * Choices where the spec is silent (docs/PRICING.md):
 * - a band's rate may be 0 (a free night or Sunday); it is at most 1,000,000 cents per hour, the upper
 *   bound of a lot's `pricePerHourCents` (whose own lower bound, 1, stays for that one-band shortcut);
 * - the first period's price and the daily maximum are at most 100,000,000 cents;
 * - the time zone is any name Intl knows from the tz database (aliases such as "US/Eastern" included),
 *   spelt with the database's letter case; UTC offsets like "+05:30" are not zones;
 * - a gap or overlap that runs over midnight is named per day.
 */
import { INCREMENT_MINUTES, Tariff, TariffBand } from './tariff';
import { resolvedTimeZone } from './time-zone';
import { bandSpan, clockTime, isIsoWeekday, isRatePerHourCents, MAX_RATE_PER_HOUR_CENTS, MINUTES_PER_DAY, minuteOfDay, WEEKDAY_NAMES } from './week';

export const MAX_GRACE_MINUTES = 120;
export const MAX_FIRST_PERIOD_MINUTES = 1440;
export const MAX_AMOUNT_CENTS = 100_000_000;

const shown = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : String(value));
const grouped = (n: number) => n.toLocaleString('en-US');
const isWholeIn = (value: unknown, min: number, max: number) => Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
const listed = (words: string[], conjunction = 'and') => (words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`);

export function tariffProblems(tariff: Tariff): string[] {
  const bands: unknown = tariff?.bands;
  return [
    ...timeZoneProblems(tariff?.timeZone),
    ...ruleProblems(tariff),
    ...(Array.isArray(bands) && bands.length > 0
      ? [...bands.flatMap(bandProblems), ...coverageProblems(bands)]
      : ['The tariff has no bands: add bands that cover every minute of the week']),
  ];
}

/** Problems of the valid zone names seen so far (none, or their letter case): Intl is slow to ask. */
const knownZoneProblems = new Map<string, string[]>();

export function timeZoneProblems(timeZone: unknown): string[] {
  const known = typeof timeZone === 'string' ? knownZoneProblems.get(timeZone) : undefined;
  if (known) return known;
  // Intl may also take offsets ("+05:30") as zones; a lot's clock follows a place, not a fixed offset.
  const spelt = typeof timeZone === 'string' && /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(timeZone) ? resolvedTimeZone(timeZone) : null;
  if (spelt === null) return [`Time zone ${shown(timeZone)} is not a known time zone: use an IANA time zone name such as "Europe/Berlin"`];
  const zone = timeZone as string;
  if (spelt !== zone && spelt.toLowerCase() === zone.toLowerCase()) return [`Time zone ${shown(zone)} is spelt "${spelt}"`];
  knownZoneProblems.set(zone, []);
  return [];
}

/** Whether `value` names a time zone a lot, an export or a tariff may use (the rules of timeZoneProblems). */
export function isIanaTimeZone(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 64 && timeZoneProblems(value).length === 0;
}

/** Problems of the grace period, billing step, first period and daily maximum. */
export function ruleProblems(tariff: Tariff): string[] {
  const problems: string[] = [];
  const { graceMinutes, incrementMinutes, firstPeriod, dailyMaxCents } = tariff ?? {};
  if (!isWholeIn(graceMinutes, 0, MAX_GRACE_MINUTES)) {
    problems.push(`Grace period must be a whole number of minutes from 0 to ${MAX_GRACE_MINUTES} (got ${shown(graceMinutes)})`);
  }
  if (!(INCREMENT_MINUTES as readonly unknown[]).includes(incrementMinutes)) {
    problems.push(`Billing step must be ${listed(INCREMENT_MINUTES.map(String), 'or')} minutes (got ${shown(incrementMinutes)})`);
  }
  if (firstPeriod !== null && typeof firstPeriod !== 'object') {
    problems.push(`First period must be a number of minutes and a price, or none (got ${shown(firstPeriod)})`);
  } else if (firstPeriod) {
    if (!isWholeIn(firstPeriod.minutes, 1, MAX_FIRST_PERIOD_MINUTES)) {
      problems.push(`First period must last a whole number of minutes from 1 to ${grouped(MAX_FIRST_PERIOD_MINUTES)} (got ${shown(firstPeriod.minutes)})`);
    }
    if (!isWholeIn(firstPeriod.cents, 0, MAX_AMOUNT_CENTS)) {
      problems.push(`First period price must be a whole number of cents from 0 to ${grouped(MAX_AMOUNT_CENTS)} (got ${shown(firstPeriod.cents)})`);
    }
  }
  if (dailyMaxCents !== null && !isWholeIn(dailyMaxCents, 0, MAX_AMOUNT_CENTS)) {
    problems.push(`Daily maximum must be a whole number of cents from 0 to ${grouped(MAX_AMOUNT_CENTS)}, or none (got ${shown(dailyMaxCents)})`);
  }
  return problems;
}

function bandProblems(band: TariffBand, index: number): string[] {
  const name = `Band ${index + 1}`;
  if (typeof band !== 'object' || band === null) return [`${name} is not a band (days, from, to and a rate)`];
  const problems: string[] = [];
  const from = minuteOfDay(band.from);
  const to = minuteOfDay(band.to);
  if (from === null || from === MINUTES_PER_DAY) problems.push(`${name}: the start must be a time "HH:MM" from 00:00 to 23:59 (got ${shown(band.from)})`);
  if (to === null || to === 0) problems.push(`${name}: the end must be a time "HH:MM" from 00:01 to 24:00 (got ${shown(band.to)})`);
  if (from !== null && to !== null && to !== 0 && from < MINUTES_PER_DAY && from >= to) {
    problems.push(
      `${name}: it starts at ${band.from} but ends at ${band.to}; a band must end after it starts ` +
        `(a night rate is two bands, ${band.from}–24:00 and 00:00–${band.to})`,
    );
  }
  if (!Array.isArray(band.days) || band.days.length === 0) problems.push(`${name}: choose at least one day`);
  else {
    const wrong = band.days.filter((day) => !isIsoWeekday(day));
    if (wrong.length) problems.push(`${name}: days are 1 (Monday) to 7 (Sunday) (got ${wrong.map(shown).join(', ')})`);
    const repeated = band.days.filter((day, at) => isIsoWeekday(day) && band.days.indexOf(day) !== at);
    for (const day of new Set(repeated)) problems.push(`${name}: ${WEEKDAY_NAMES[day - 1]} is listed more than once`);
  }
  if (!isRatePerHourCents(band.ratePerHourCents)) {
    problems.push(`${name}: the rate must be a whole number of cents per hour from 0 to ${grouped(MAX_RATE_PER_HOUR_CENTS)} (got ${shown(band.ratePerHourCents)})`);
  }
  return problems;
}

/**
 * Gaps and overlaps, day by day: the day is cut at every start and end of the well-formed bands that
 * include it, each piece is covered by some set of bands, and neighbouring pieces with the same set (none:
 * a gap; two or more: an overlap) are named as one range.
 */
function coverageProblems(bands: TariffBand[]): string[] {
  const spans = bands.map((band) => (band && typeof band === 'object' ? bandSpan(band) : null));
  const problems: string[] = [];
  for (let day = 1; day <= 7; day++) {
    const onDay = bands
      .map((band, index) => ({ index, span: spans[index], days: band?.days }))
      .filter(({ span, days }) => span && Array.isArray(days) && days.includes(day as never)) as Array<{ index: number; span: { from: number; to: number } }>;
    const cuts = [...new Set([0, MINUTES_PER_DAY, ...onDay.flatMap(({ span }) => [span.from, span.to])])].sort((a, b) => a - b);
    let open: { from: number; to: number; covering: string } | null = null;
    const close = () => {
      if (!open) return;
      const range = `${WEEKDAY_NAMES[day - 1]} ${clockTime(open.from)}–${clockTime(open.to)}`;
      const covering = open.covering.split(',').filter(Boolean);
      if (covering.length === 0) problems.push(`Gap: ${range}`);
      if (covering.length > 1) problems.push(`Overlap: ${range} (bands ${listed(covering)})`);
      open = null;
    };
    for (let j = 0; j + 1 < cuts.length; j++) {
      const covering = onDay
        .filter(({ span }) => span.from <= cuts[j] && cuts[j] < span.to)
        .map(({ index }) => index + 1)
        .join(',');
      if (open && open.covering === covering) open.to = cuts[j + 1];
      else {
        close();
        open = { from: cuts[j], to: cuts[j + 1], covering };
      }
    }
    close();
  }
  return problems;
}
