import { ChartConfiguration } from 'chart.js';
import { AdminStatsDto } from '../../api/models';
import { ChartLegendEntry } from '../../shared/chart-card';
import { MoneyPipe } from '../../shared/money.pipe';
import { formatFigure, formatShare } from '../../shared/number-format';
import { BOOKING_STATUS_LOOK, BOOKING_STATUSES } from './booking-status';
import { SPOT_STATUS_LOOK } from './spot-status';

// The dashboard's charts built from GET /admin/stats (R-STAT-1), each with its content in words: a
// canvas says nothing to a screen reader. A chart with nothing to show is null (the card says so).

const money = new MoneyPipe();

const SIZED_BY_CARD = { responsive: true, maintainAspectRatio: false } as const;

/** A count axis's tick, written like every other figure on the dashboard. */
const countTick = (value: string | number) => formatFigure(Number(value));

/** `2026-03-05` → `Mar 5` in the admin's language; the day is a calendar day, not an instant. */
export function dayLabel(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(year, month - 1, day).toLocaleDateString(undefined, {
    month: 'short',
    day: 'numeric',
  });
}

const lotName = (lot: { lotName: string; archived: boolean }) =>
  lot.archived ? `${lot.lotName} (archived)` : lot.lotName;

export function revenueChart(stats: AdminStatsDto): ChartConfiguration<'bar'> | null {
  if (!stats.revenueByLot.length) return null;
  return {
    type: 'bar',
    data: {
      labels: stats.revenueByLot.map(lotName),
      datasets: [
        {
          label: `Revenue (${stats.currency})`,
          data: stats.revenueByLot.map((lot) => lot.revenueCents / 100),
        },
      ],
    },
    options: {
      ...SIZED_BY_CARD,
      plugins: { legend: { display: false } },
      scales: {
        y: {
          beginAtZero: true,
          ticks: { callback: (value) => money.transform(Number(value) * 100, stats.currency) },
        },
      },
    },
  };
}

export function revenueSummary(stats: AdminStatsDto): string {
  const lots = stats.revenueByLot.map(
    (lot) => `${lotName(lot)}: ${money.transform(lot.revenueCents, stats.currency)}`,
  );
  return `Revenue per lot. ${lots.join('; ')}`;
}

export function bookingsPerDayChart(stats: AdminStatsDto): ChartConfiguration<'line'> | null {
  const bookings = stats.bookingsPerDay.map((day) => day.bookings);
  const newUsers = stats.newUsersPerDay.map((day) => day.users);
  if (![...bookings, ...newUsers].some(Boolean)) return null;
  return {
    type: 'line',
    data: {
      labels: stats.bookingsPerDay.map((day) => dayLabel(day.date)),
      datasets: [
        { label: 'Bookings', data: bookings, tension: 0.2 },
        { label: 'New drivers', data: newUsers, tension: 0.2 },
      ],
    },
    options: {
      ...SIZED_BY_CARD,
      plugins: { legend: { position: 'bottom' } },
      scales: { y: { beginAtZero: true, ticks: { precision: 0, callback: countTick } } },
    },
  };
}

export function bookingsPerDaySummary(stats: AdminStatsDto): string {
  const total = stats.bookingsPerDay.reduce((sum, day) => sum + day.bookings, 0);
  const busiest = stats.bookingsPerDay.reduce(
    (best, day) => (day.bookings > (best?.bookings ?? 0) ? day : best),
    undefined as (typeof stats.bookingsPerDay)[number] | undefined,
  );
  const newUsers = stats.newUsersPerDay.reduce((sum, day) => sum + day.users, 0);
  const peak = busiest
    ? `, most on ${dayLabel(busiest.date)} (${formatFigure(busiest.bookings)})`
    : '';
  return `Bookings per day: ${formatFigure(total)} in ${stats.range.days} days${peak}. New drivers: ${formatFigure(newUsers)}.`;
}

/** The parts of a lot's capacity, in the order they stack: spot statuses and the lot's counts alike. */
const OCCUPANCY_PARTS = ['occupied', 'reserved', 'outOfService', 'available'] as const;

export function occupancyChart(stats: AdminStatsDto): ChartConfiguration<'bar'> | null {
  if (!stats.occupancyNow.length) return null;
  return {
    type: 'bar',
    data: {
      labels: stats.occupancyNow.map((lot) => lot.lotName),
      datasets: OCCUPANCY_PARTS.map((part) => ({
        label: SPOT_STATUS_LOOK[part].label,
        data: stats.occupancyNow.map((lot) => lot[part]),
        backgroundColor: SPOT_STATUS_LOOK[part].color,
      })),
    },
    options: {
      ...SIZED_BY_CARD,
      indexAxis: 'y',
      plugins: { legend: { position: 'bottom' } },
      scales: {
        x: { stacked: true, ticks: { precision: 0, callback: countTick } },
        y: { stacked: true },
      },
    },
  };
}

export function occupancySummary(stats: AdminStatsDto): string {
  const lots = stats.occupancyNow.map((lot) => {
    const parts = OCCUPANCY_PARTS.map(
      (part) => `${formatFigure(lot[part])} ${SPOT_STATUS_LOOK[part].label.toLowerCase()}`,
    );
    return `${lot.lotName}: ${parts.join(', ')} of ${formatFigure(lot.capacity)}`;
  });
  return `Occupancy now. ${lots.join('; ')}`;
}

/** Bookings started in the range, by their status now: every status, none left out. */
function statusCounts(stats: AdminStatsDto) {
  const counts = BOOKING_STATUSES.map((status) => ({
    ...BOOKING_STATUS_LOOK[status],
    count: stats.bookingsByStatus[status] ?? 0,
  }));
  return { counts, total: counts.reduce((sum, entry) => sum + entry.count, 0) };
}

export function bookingsByStatusChart(stats: AdminStatsDto): ChartConfiguration<'doughnut'> | null {
  const { counts, total } = statusCounts(stats);
  if (!total) return null;
  return {
    type: 'doughnut',
    data: {
      labels: counts.map((entry) => entry.label),
      datasets: [
        {
          label: 'Bookings',
          data: counts.map((entry) => entry.count),
          backgroundColor: counts.map((entry) => entry.color),
        },
      ],
    },
    // The card lists every status with its figures (bookingsByStatusLegend) instead.
    options: { ...SIZED_BY_CARD, plugins: { legend: { display: false } } },
  };
}

/** The donut's legend: every status, a zero one too, with its count and share. */
export function bookingsByStatusLegend(stats: AdminStatsDto): ChartLegendEntry[] {
  const { counts, total } = statusCounts(stats);
  return counts.map((entry) => ({
    label: entry.label,
    color: entry.color,
    value: formatFigure(entry.count),
    share: formatShare(entry.count, total),
  }));
}

export function bookingsByStatusSummary(stats: AdminStatsDto): string {
  const { counts, total } = statusCounts(stats);
  const parts = counts.map(
    (entry) => `${entry.label}: ${formatFigure(entry.count)} (${formatShare(entry.count, total)})`,
  );
  return `Bookings by status now, of ${formatFigure(total)} started in these days. ${parts.join('; ')}`;
}
