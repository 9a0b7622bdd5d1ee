import { AdminStatsDto } from '../../api/models';
import { adminStats as stats } from '../../../testing/admin-stats';
import {
  bookingsByStatusChart,
  bookingsByStatusLegend,
  bookingsByStatusSummary,
  bookingsPerDayChart,
  bookingsPerDaySummary,
  occupancyChart,
  occupancySummary,
  revenueChart,
  revenueSummary,
} from './dashboard-charts';

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

  it('draws bookings by status as a donut whose own legend lists every status, zero ones too', () => {
    const chart = bookingsByStatusChart(stats)!;
    expect(chart.type).toBe('doughnut');
    expect(chart.data.labels).toEqual([
      'Upcoming reservation',
      'Active',
      'Completed',
      'Cancelled',
      'Expired (no-show)',
    ]);
    expect(chart.data.datasets[0].data).toEqual([0, 1, 4, 0, 1]);
    // Chart.js's legend would drop entries that do not fit: the card lists them instead.
    expect(chart.options?.plugins?.legend?.display).toBe(false);
    expect(
      bookingsByStatusLegend(stats).map(({ label, value, share }) => [label, value, share]),
    ).toEqual([
      ['Upcoming reservation', '0', '0%'],
      ['Active', '1', '17%'],
      ['Completed', '4', '67%'],
      ['Cancelled', '0', '0%'],
      ['Expired (no-show)', '1', '17%'],
    ]);
    expect(bookingsByStatusSummary(stats)).toBe(
      'Bookings by status now, of 6 started in these days. Upcoming reservation: 0 (0%); ' +
        'Active: 1 (17%); Completed: 4 (67%); Cancelled: 0 (0%); Expired (no-show): 1 (17%)',
    );
  });

  it('writes large counts with thousands separators in the summaries and the legend', () => {
    const busy: AdminStatsDto = {
      ...stats,
      bookingsByStatus: { active: 0, reserved: 0, completed: 12345, expired: 0, cancelled: 0 },
      bookingsPerDay: [{ date: '2026-11-20', bookings: 12345 }],
      newUsersPerDay: [{ date: '2026-11-20', users: 1500 }],
      occupancyNow: [{ ...stats.occupancyNow[0], capacity: 2000, available: 1994 }],
    };
    expect(bookingsByStatusLegend(busy)[2]).toMatchObject({ value: '12,345', share: '100%' });
    expect(bookingsPerDaySummary(busy)).toMatch(
      /^Bookings per day: 12,345 in 3 days, most on .* \(12,345\)\. New drivers: 1,500\.$/,
    );
    expect(occupancySummary(busy)).toContain('1,994 free of 2,000');
  });

  it('has no chart to draw without lots or activity (the card says so instead)', () => {
    expect(revenueChart(empty)).toBeNull();
    expect(occupancyChart(empty)).toBeNull();
    expect(bookingsPerDayChart(empty)).toBeNull();
    expect(
      bookingsByStatusChart({
        ...empty,
        bookingsByStatus: { active: 0, reserved: 0, completed: 0, expired: 0, cancelled: 0 },
      }),
    ).toBeNull();
    expect(bookingsPerDaySummary(empty)).toBe('Bookings per day: 0 in 3 days. New drivers: 0.');
  });
});
