import { offsetChanges, resolvedTimeZone, utcOffsetAt } from './time-zone';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
const MINUTE = 60_000;

describe('utcOffsetAt', () => {
  it.each([
    ['Europe/Berlin', '2026-03-29T00:59:59Z', 1 * HOUR],
    ['Europe/Berlin', '2026-03-29T01:00:00Z', 2 * HOUR],
    ['America/New_York', '2026-11-01T05:59:59.999Z', -4 * HOUR],
    ['America/New_York', '2026-11-01T06:00:00Z', -5 * HOUR],
    ['Australia/Lord_Howe', '2026-10-03T15:29:59Z', 10 * HOUR + 30 * MINUTE],
    ['Australia/Lord_Howe', '2026-10-03T15:30:00Z', 11 * HOUR],
    ['Asia/Kolkata', '2026-06-10T03:00:00Z', 5 * HOUR + 30 * MINUTE],
    ['Asia/Kathmandu', '2027-01-01T00:00:00Z', 5 * HOUR + 45 * MINUTE],
    ['UTC', '2026-06-10T03:00:00Z', 0],
  ])('%s at %s is %i ms ahead of UTC', (zone, instant, offset) => {
    expect(utcOffsetAt(zone, at(instant))).toBe(offset);
  });
});

describe('offsetChanges', () => {
  it('finds each change to the second, also across months', () => {
    expect(offsetChanges('Europe/Berlin', at('2026-03-01T00:00:00Z'), at('2026-11-30T00:00:00Z'))).toEqual({
      changes: [at('2026-03-29T01:00:00Z'), at('2026-10-25T01:00:00Z')],
      offsets: [HOUR, 2 * HOUR, HOUR],
    });
    expect(offsetChanges('Australia/Lord_Howe', at('2026-03-31T12:00:00Z'), at('2026-04-10T00:00:00Z'))).toEqual({
      changes: [at('2026-04-04T15:00:00Z')],
      offsets: [11 * HOUR, 10 * HOUR + 30 * MINUTE],
    });
  });

  it('counts a change at the end of the span but not at its start', () => {
    const change = at('2026-03-08T07:00:00Z');
    expect(offsetChanges('America/New_York', change - HOUR, change).changes).toEqual([change]);
    expect(offsetChanges('America/New_York', change, change + HOUR)).toEqual({ changes: [], offsets: [-4 * HOUR] });
  });

  it('finds none in a zone without daylight saving', () => {
    expect(offsetChanges('Asia/Kolkata', at('2026-01-01T00:00:00Z'), at('2027-12-31T00:00:00Z'))).toEqual({ changes: [], offsets: [5.5 * HOUR] });
  });
});

describe('resolvedTimeZone', () => {
  it('spells known names and aliases as the tz database does, and knows no others', () => {
    expect(resolvedTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(resolvedTimeZone('US/Eastern')).toBe('America/New_York');
    expect(resolvedTimeZone('Nowhere/Special')).toBeNull();
  });
});
