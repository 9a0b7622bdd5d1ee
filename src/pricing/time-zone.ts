/**
 * UTC offsets of IANA time zones, read from Intl once and kept: pricing needs the offset in force at a
 * stay's start and every instant it changes during the stay (DST), and must not call Intl per minute.
 *
 * Per zone and UTC calendar month the offset is sampled every 6 hours and each change between two samples
 * is bisected to the second (changes fall on any minute: Australia/Lord_Howe moves by 30 minutes at 02:00
 * local). Assumed: a zone does not change its offset and change it back within 6 hours, true of the tz
 * database for every zone in this century. A month costs about 130 Intl calls the first time it is
 * needed, nothing after.
 */
const SECOND_MS = 1000;
const SAMPLE_MS = 6 * 3600 * SECOND_MS;

/** The offsets of one zone in one UTC month [start, end): `offsets[j]` holds from `changes[j - 1]` on. */
interface MonthOffsets {
  changes: number[];
  offsets: number[];
}

interface Zone {
  formatter: Intl.DateTimeFormat;
  months: Map<number, MonthOffsets>;
}

const zones = new Map<string, Zone>();

/**
 * The spelling the tz database gives a zone name Intl knows (an IANA name or one of its aliases, in any
 * letter case: "europe/berlin" → "Europe/Berlin", "US/Eastern" → "America/New_York"), else null.
 */
export function resolvedTimeZone(timeZone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/**
 * The zone's cache; throws a RangeError for a name Intl does not know. Pricing reaches it only with the
 * names of valid tariffs (validation.ts), so the cache holds real zones, not whatever a request spelt.
 */
function zoneNamed(timeZone: string): Zone {
  let zone = zones.get(timeZone);
  if (!zone) {
    const formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zone = { formatter, months: new Map() };
    zones.set(timeZone, zone);
  }
  return zone;
}

/** Local wall-clock time minus UTC at a whole second, in milliseconds, straight from Intl. */
function intlOffset(zone: Zone, secondMs: number): number {
  const fields: Record<string, string> = {};
  for (const part of zone.formatter.formatToParts(secondMs)) fields[part.type] = part.value;
  const year = fields.era === 'BC' || fields.era === 'B' ? 1 - Number(fields.year) : Number(fields.year);
  const local = new Date(0);
  local.setUTCFullYear(year, Number(fields.month) - 1, Number(fields.day));
  local.setUTCHours(Number(fields.hour), Number(fields.minute), Number(fields.second), 0);
  return local.getTime() - secondMs;
}

const monthKeyOf = (instantMs: number) => {
  const date = new Date(instantMs);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
};

function monthOffsets(zone: Zone, key: number): MonthOffsets {
  const cached = zone.months.get(key);
  if (cached) return cached;
  const start = Date.UTC(Math.floor(key / 12), key % 12, 1);
  const end = Date.UTC(Math.floor(key / 12), (key % 12) + 1, 1);
  const month: MonthOffsets = { changes: [], offsets: [intlOffset(zone, start)] };
  let known = start;
  let knownOffset = month.offsets[0];
  for (let sample = Math.min(start + SAMPLE_MS, end); ; sample = Math.min(sample + SAMPLE_MS, end)) {
    const sampleOffset = intlOffset(zone, sample);
    while (sampleOffset !== knownOffset) {
      // The offset changes somewhere in (known, sample]: bisect to the first second of the new offset.
      let before = known;
      let after = sample;
      while (after - before > SECOND_MS) {
        const middle = before + Math.floor((after - before) / 2 / SECOND_MS) * SECOND_MS;
        if (intlOffset(zone, middle) === knownOffset) before = middle;
        else after = middle;
      }
      known = after;
      knownOffset = intlOffset(zone, after);
      if (after < end) {
        month.changes.push(after);
        month.offsets.push(knownOffset);
      }
    }
    known = sample;
    if (sample === end) break;
  }
  zone.months.set(key, month);
  return month;
}

/** The zone's UTC offset (local − UTC, ms) in force at an instant. */
export function utcOffsetAt(timeZone: string, instantMs: number): number {
  const month = monthOffsets(zoneNamed(timeZone), monthKeyOf(instantMs));
  let index = 0;
  while (index < month.changes.length && month.changes[index] <= instantMs) index++;
  return month.offsets[index];
}

/**
 * The offsets in force from `fromMs` through `toMs`: `offsets[0]` at `fromMs`, `offsets[j]` from the
 * instant `changes[j - 1]` on, every change in (fromMs, toMs] in order.
 */
export function offsetChanges(timeZone: string, fromMs: number, toMs: number): { changes: number[]; offsets: number[] } {
  const zone = zoneNamed(timeZone);
  const result = { changes: [] as number[], offsets: [utcOffsetAt(timeZone, fromMs)] };
  for (let key = monthKeyOf(fromMs), last = monthKeyOf(toMs); key <= last; key++) {
    const month = monthOffsets(zone, key);
    for (let j = 0; j < month.changes.length; j++) {
      if (month.changes[j] > fromMs && month.changes[j] <= toMs) {
        result.changes.push(month.changes[j]);
        result.offsets.push(month.offsets[j + 1]);
      }
    }
  }
  return result;
}
