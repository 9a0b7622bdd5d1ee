import { LocalHours } from './local-hours';

describe('local weekday and hour lookup', () => {
  const at = (table: LocalHours, iso: string) => table.at(Date.parse(iso));

  it('follows the daylight-saving changes of the zone', () => {
    const berlin = new LocalHours(new Date('2026-03-28T00:00:00Z'), new Date('2026-10-26T00:00:00Z'), 'Europe/Berlin');
    expect(at(berlin, '2026-03-29T00:59:00Z')).toEqual({ isoWeekday: 7, hour: 1 });
    expect(at(berlin, '2026-03-29T01:00:00Z')).toEqual({ isoWeekday: 7, hour: 3 });
    expect(at(berlin, '2026-10-25T00:30:00Z')).toEqual({ isoWeekday: 7, hour: 2 });
    expect(at(berlin, '2026-10-25T01:30:00Z')).toEqual({ isoWeekday: 7, hour: 2 });
    expect(at(berlin, '2026-10-25T23:30:00Z')).toEqual({ isoWeekday: 1, hour: 0 });
  });

  it('handles zones whose hours start at half past the UTC hour', () => {
    const kolkata = new LocalHours(new Date('2026-11-20T00:07:00Z'), new Date('2026-11-23T00:00:00Z'), 'Asia/Kolkata');
    expect(at(kolkata, '2026-11-21T18:29:00Z')).toEqual({ isoWeekday: 6, hour: 23 });
    expect(at(kolkata, '2026-11-21T18:30:00Z')).toEqual({ isoWeekday: 7, hour: 0 });
  });
});
