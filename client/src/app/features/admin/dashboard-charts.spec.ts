import { AdminStatsDto } from '../../api/models';
import {
  bookingsPerDayChart,
  bookingsPerDaySummary,
  occupancyChart,
  occupancySummary,
  revenueChart,
  revenueSummary,
} from './dashboard-charts';

const stats: AdminStatsDto = {
  currency: 'USD',
  generatedAt: '2026-11-22T10:00:00Z',
  range: {
    from: '2026-11-20',
    to: '2026-11-22',
    days: 3,
    startAt: '2026-11-20T00:00:00Z',
    endAt: '2026-11-23T00:00:00Z',
    timeZone: 'UTC',
  },
  totalRevenueCents: 1750,
  averageStayMinutes: 42,
  bookingsByStatus: { active: 1, reserved: 0, completed: 4, expired: 1, cancelled: 0 },
  bookingsPerDay: [
    { date: '2026-11-20', bookings: 1 },
    { date: '2026-11-21', bookings: 4 },
    { date: '2026-11-22', bookings: 1 },
  ],
  newUsersPerDay: [
    { date: '2026-11-20', users: 0 },
    { date: '2026-11-21', users: 2 },
    { date: '2026-11-22', users: 0 },
  ],
  revenueByLot: [
    { lotId: 'a', lotName: 'Central', archived: false, bookings: 4, revenueCents: 1500 },
    { lotId: 'b', lotName: 'Old Yard', archived: true, bookings: 1, revenueCents: 250 },
  ],
  occupancyNow: [
    {
      lotId: 'a',
      lotName: 'Central',
      capacity: 10,
      occupied: 3,
      reserved: 1,
      outOfService: 2,
      available: 4,
    },
  ],
  occupancyByHourOfWeek: [],
  topDrivers: [],
};

const empty: AdminStatsDto = {
  ...stats,
  revenueByLot: [],
  occupancyNow: [],
  bookingsPerDay: stats.bookingsPerDay.map((day) => ({ ...day, bookings: 0 })),
  newUsersPerDay: stats.newUsersPerDay.map((day) => ({ ...day, users: 0 })),
};

describe('dashboard charts', () => {
  it('draws revenue per lot in major units, naming archived lots', () => {
    const chart = revenueChart(stats)!;
    expect(chart.data.labels).toEqual(['Central', 'Old Yard (archived)']);
    expect(chart.data.datasets[0].data).toEqual([15, 2.5]);
    expect(revenueSummary(stats)).toBe(
      'Revenue per lot. Central: $15.00; Old Yard (archived): $2.50',
    );
  });

  it('draws bookings and new drivers per day, and says where the peak is', () => {
    const chart = bookingsPerDayChart(stats)!;
    expect(chart.data.datasets.map((d) => d.data)).toEqual([
      [1, 4, 1],
      [0, 2, 0],
    ]);
    expect(bookingsPerDaySummary(stats)).toMatch(
      /^Bookings per day: 6 in 3 days, most on .*21 \(4\)\. New drivers: 2\.$/,
    );
  });

  it("stacks each lot's spots by status, in the spot grid's colours", () => {
    const chart = occupancyChart(stats)!;
    expect(chart.data.datasets.map((d) => [d.label, d.data])).toEqual([
      ['Occupied', [3]],
      ['Reserved', [1]],
      ['Out of service', [2]],
      ['Free', [4]],
    ]);
    expect(occupancySummary(stats)).toBe(
      'Occupancy now. Central: 3 occupied, 1 reserved, 2 out of service, 4 free of 10',
    );
  });

  it('has no chart to draw without lots or activity (the card says so instead)', () => {
    expect(revenueChart(empty)).toBeNull();
    expect(occupancyChart(empty)).toBeNull();
    expect(bookingsPerDayChart(empty)).toBeNull();
    expect(bookingsPerDaySummary(empty)).toBe('Bookings per day: 0 in 3 days. New drivers: 0.');
  });
});
