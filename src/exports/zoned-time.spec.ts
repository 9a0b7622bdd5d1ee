import { ZonedTimeFormat } from './zoned-time';

describe('ZonedTimeFormat', () => {
  it('writes a time on the zone’s calendar with its offset, to the minute: winter and summer in Berlin', () => {
    const berlin = new ZonedTimeFormat('Europe/Berlin');
    expect(berlin.pg('2026-12-08 13:05:42+00')).toBe('2026-12-08 14:05 +01:00');
    expect(berlin.pg('2026-07-01 07:30:00.123456+00')).toBe('2026-07-01 09:30 +02:00');
    // Past midnight locally: the local day, not the UTC one.
    expect(berlin.pg('2026-12-31 23:30:00+00')).toBe('2027-01-01 00:30 +01:00');
    expect(berlin.pg(null)).toBeNull();
  });

  it('writes negative, half-hour and zero offsets', () => {
    expect(new ZonedTimeFormat('America/New_York').pg('2026-01-15 12:00:00+00')).toBe('2026-01-15 07:00 -05:00');
    expect(new ZonedTimeFormat('Asia/Kolkata').pg('2026-01-15 12:00:00+00')).toBe('2026-01-15 17:30 +05:30');
    expect(new ZonedTimeFormat('America/St_Johns').pg('2026-01-15 12:00:00+00')).toBe('2026-01-15 08:30 -03:30');
    expect(new ZonedTimeFormat('UTC').pg('2026-01-15 12:00:00+00')).toBe('2026-01-15 12:00 +00:00');
  });

  it('follows the daylight-saving changes to the minute, also for times read in any order', () => {
    const berlin = new ZonedTimeFormat('Europe/Berlin');
    // Spring forward on 2026-03-29 at 01:00 UTC: 01:59 +01:00 is followed by 03:00 +02:00.
    expect(berlin.pg('2026-03-29 01:00:00+00')).toBe('2026-03-29 03:00 +02:00');
    expect(berlin.pg('2026-03-29 00:59:00+00')).toBe('2026-03-29 01:59 +01:00');
    // Fall back on 2026-10-25 at 01:00 UTC: 02:30 happens twice, told apart by the offset.
    expect(berlin.pg('2026-10-25 00:30:00+00')).toBe('2026-10-25 02:30 +02:00');
    expect(berlin.pg('2026-10-25 01:30:00+00')).toBe('2026-10-25 02:30 +01:00');
    // Lord Howe Island moves its clock by half an hour, at a half hour of UTC.
    const lordHowe = new ZonedTimeFormat('Australia/Lord_Howe');
    expect(lordHowe.pg('2026-04-04 14:59:00+00')).toBe('2026-04-05 01:59 +11:00');
    expect(lordHowe.pg('2026-04-04 15:00:00+00')).toBe('2026-04-05 01:30 +10:30');
  });

  it('agrees with Intl for every 7 minutes of a year (the hourly offset cache is exact)', () => {
    const zone = 'America/Santiago';
    const format = new ZonedTimeFormat(zone);
    const intl = new Intl.DateTimeFormat('en-CA', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    const start = Date.UTC(2026, 0, 1);
    const disagreements: string[] = [];
    for (let t = start; t < start + 365 * 86_400_000; t += 7 * 60_000) {
      const [ours, theirs] = [format.format(t).slice(0, 16), intl.format(t).replace(', ', ' ')];
      if (ours !== theirs) disagreements.push(`${new Date(t).toISOString()}: ${ours} ≠ ${theirs}`);
    }
    expect(disagreements).toEqual([]);
  });
});
