import { addDays, dayRange, localDateOf, monthRange, previousDay, previousMonth, zonedToInstant } from './calendar';

const HOUR = 3_600_000;
const hours = (range: { start: Date; end: Date }) => (range.end.getTime() - range.start.getTime()) / HOUR;

describe('calendar periods in a time zone (R-STAT-1b)', () => {
  it('finds local midnight in UTC on both sides of a DST change', () => {
    expect(zonedToInstant('2026-03-28', 'Europe/Berlin').toISOString()).toBe('2026-03-27T23:00:00.000Z');
    expect(zonedToInstant('2026-03-30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(zonedToInstant('2026-11-02', 'America/New_York').toISOString()).toBe('2026-11-02T05:00:00.000Z');
    expect(zonedToInstant('2026-11-22', 'UTC', 8).toISOString()).toBe('2026-11-22T08:00:00.000Z');
  });

  it('makes the spring-forward day 23 hours and the fall-back day 25 hours long', () => {
    expect(hours(dayRange('2026-03-29', 'Europe/Berlin'))).toBe(23);
    expect(hours(dayRange('2026-10-25', 'Europe/Berlin'))).toBe(25);
    expect(hours(dayRange('2026-11-01', 'America/New_York'))).toBe(25);
    expect(hours(dayRange('2026-07-01', 'Europe/Berlin'))).toBe(24);
  });

  it('spans months from local midnight of the 1st, including December → January', () => {
    const march = monthRange('2026-03', 'Europe/Berlin');
    expect(march.start.toISOString()).toBe('2026-02-28T23:00:00.000Z');
    expect(march.end.toISOString()).toBe('2026-03-31T22:00:00.000Z');
    expect(hours(march)).toBe(31 * 24 - 1);
    expect(monthRange('2026-12', 'UTC').end.toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('reads the local date of an instant', () => {
    expect(localDateOf(new Date('2026-11-21T23:30:00Z'), 'Asia/Kolkata')).toBe('2026-11-22');
    expect(localDateOf(new Date('2026-11-22T03:30:00Z'), 'America/Los_Angeles')).toBe('2026-11-21');
  });

  it('knows the previous local day and month', () => {
    expect(previousDay(new Date('2026-03-01T07:00:00Z'), 'Europe/Berlin')).toBe('2026-02-28');
    expect(previousMonth(new Date('2026-01-01T00:00:00Z'), 'Europe/Berlin')).toBe('2025-12');
    expect(previousMonth(new Date('2026-01-01T00:00:00Z'), 'America/New_York')).toBe('2025-11');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});
