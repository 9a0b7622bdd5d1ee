import { BookingStatus } from '../bookings/entities/booking.entity';
import { averageStayMinutes, countByStatus, hourOfWeekGrid, zeroFilled } from './stats-figures';

describe('stats figures', () => {
  it('fills every key in order, zeros included, ignoring keys outside', () => {
    const filled = zeroFilled(['a', 'b', 'c'], [
      { key: 'c', value: 2 },
      { key: 'a', value: 1 },
      { key: 'c', value: 3 },
      { key: 'z' as 'a', value: 9 },
    ]);
    expect([...filled]).toEqual([
      ['a', 1],
      ['b', 0],
      ['c', 5],
    ]);
  });

  it('counts every status, summing the rows of each day', () => {
    const rows = [
      { status: BookingStatus.Completed, bookings: 2 },
      { status: BookingStatus.Completed, bookings: 3 },
      { status: BookingStatus.Cancelled, bookings: 1 },
    ];
    expect(countByStatus(rows)).toEqual({ reserved: 0, active: 0, completed: 5, cancelled: 1, expired: 0 });
  });

  it('averages the stay of completed bookings only, in minutes', () => {
    const rows = [
      { status: BookingStatus.Completed, bookings: 2, parked_seconds: 3 * 3600 },
      { status: BookingStatus.Completed, bookings: 1, parked_seconds: 1800 },
      { status: BookingStatus.Active, bookings: 5, parked_seconds: null },
    ];
    expect(averageStayMinutes(rows)).toBe(70);
    expect(averageStayMinutes([{ status: BookingStatus.Active, bookings: 1, parked_seconds: null }])).toBeNull();
  });

  it('lays out 168 hours from Monday 0:00, dividing spot-seconds by the hours’ length', () => {
    const grid = hourOfWeekGrid([
      { iso_weekday: 7, hour: 2, spot_seconds: 3 * 3600, seconds: 2 * 3600 },
      { iso_weekday: 1, hour: 0, spot_seconds: 0, seconds: 3600 },
    ]);
    expect(grid).toHaveLength(168);
    expect(grid[0]).toEqual({ isoWeekday: 1, hour: 0, averageOccupiedSpots: 0, hours: 1 });
    expect(grid[6 * 24 + 2]).toEqual({ isoWeekday: 7, hour: 2, averageOccupiedSpots: 1.5, hours: 2 });
    expect(grid[167]).toEqual({ isoWeekday: 7, hour: 23, averageOccupiedSpots: null, hours: 0 });
  });
});
