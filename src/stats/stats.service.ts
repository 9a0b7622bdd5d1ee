import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppCacheService } from '../cache/app-cache.service';
import { Clock } from '../common/clock';
import { AuthUser } from '../common/decorators/current-user.decorator';
import { AppConfig } from '../config/app-config';
import { AdminStatsDto, AdminStatsQueryDto, LotOccupancyDto, MyStatsDto } from './dto/stats.dto';
import { averageStayMinutes, countByStatus, hourOfWeekGrid, round2, zeroFilled } from './stats-figures';
import { recentMonths, resolveRange, StatsRange } from './stats-range';
import { StatsRepository } from './stats.repository';

/**
 * R-STAT-1 and R-STAT-2, read through the 'stats' cache namespace (R-CACHE-1): every booking and payment
 * write invalidates it, and CACHE_TTL_SECONDS bounds what only time changes (occupancy now, active
 * hours so far). The definitions of the figures are documented on the DTOs.
 */
@Injectable()
export class StatsService {
  private readonly timeZone: string;
  private readonly currency: string;

  constructor(
    private readonly stats: StatsRepository,
    private readonly cache: AppCacheService,
    private readonly clock: Clock,
    config: ConfigService<AppConfig, true>,
  ) {
    ({ timeZone: this.timeZone, currency: this.currency } = config.get('app', { infer: true }));
  }

  /** The range is resolved (and refused) before the cache, so its key is the normalised range. */
  adminStats(query: AdminStatsQueryDto): Promise<AdminStatsDto> {
    const now = this.clock.now();
    const range = resolveRange(query, now, this.timeZone);
    return this.cache.getOrSet('stats', `admin:${this.timeZone}:${range.from}:${range.to}`, () => this.computeAdminStats(range, now));
  }

  myStats(user: AuthUser): Promise<MyStatsDto> {
    return this.cache.getOrSet('stats', `user:${user.id}:${this.timeZone}`, () => this.computeMyStats(user.id, this.clock.now()));
  }

  private async computeAdminStats(range: StatsRange, now: Date): Promise<AdminStatsDto> {
    const { startAt, endAt } = range;
    // Occupancy is measured up to now: the rest of today (or a future range) has not happened yet.
    const elapsedEnd = new Date(Math.min(endAt.getTime(), now.getTime()));
    const [started, settled, lotsNow, hourOfWeek, newDrivers] = await Promise.all([
      this.stats.startedBookings(range, this.timeZone),
      this.stats.settledTotals(startAt, endAt),
      this.stats.spotStatesNow(now),
      elapsedEnd > startAt ? this.stats.occupancyByHourOfWeek(startAt, elapsedEnd, this.timeZone) : Promise.resolve([]),
      this.stats.newDriversPerDay(startAt, endAt, this.timeZone),
    ]);

    const revenueByLot = settled.lots
      .map((lot) => ({ lotId: lot.lot_id, lotName: lot.name, archived: lot.archived, revenueCents: Number(lot.revenue_cents), bookings: lot.bookings }))
      .sort((a, b) => b.revenueCents - a.revenueCents || a.lotName.localeCompare(b.lotName));
    const topDrivers = settled.drivers
      .map((driver) => ({ userId: driver.user_id, username: driver.username, email: driver.email, spendCents: Number(driver.spend_cents), bookings: driver.bookings }))
      .sort((a, b) => b.spendCents - a.spendCents || a.username.localeCompare(b.username));
    const occupancyNow: LotOccupancyDto[] = lotsNow.map((lot) => ({
      lotId: lot.lot_id,
      lotName: lot.name,
      capacity: lot.capacity,
      occupied: lot.occupied,
      reserved: lot.reserved,
      outOfService: lot.out_of_service,
      available: lot.capacity - lot.occupied - lot.reserved - lot.out_of_service,
    }));
    const perDay = zeroFilled(range.days, started.map((row) => ({ key: row.day, value: row.bookings })));
    const newPerDay = zeroFilled(range.days, newDrivers.map((row) => ({ key: row.day, value: row.users })));

    return {
      range: { from: range.from, to: range.to, days: range.days.length, timeZone: this.timeZone, startAt: startAt.toISOString(), endAt: endAt.toISOString() },
      currency: this.currency,
      generatedAt: now.toISOString(),
      totalRevenueCents: revenueByLot.reduce((sum, lot) => sum + lot.revenueCents, 0),
      revenueByLot,
      bookingsPerDay: [...perDay].map(([date, bookings]) => ({ date, bookings })),
      occupancyNow,
      occupancyByHourOfWeek: hourOfWeekGrid(hourOfWeek),
      averageStayMinutes: averageStayMinutes(started),
      topDrivers,
      newUsersPerDay: [...newPerDay].map(([date, users]) => ({ date, users })),
      bookingsByStatus: countByStatus(started),
    };
  }

  private async computeMyStats(userId: string, now: Date): Promise<MyStatsDto> {
    const { months, startAt } = recentMonths(now, this.timeZone);
    const [lots, spend] = await Promise.all([this.stats.driverLots(userId, now), this.stats.driverSpendPerMonth(userId, startAt, this.timeZone)]);
    const spendPerMonth = zeroFilled(months, spend.map((row) => ({ key: row.month, value: Number(row.spend_cents) })));
    const bookingsPerMonth = zeroFilled(months, spend.map((row) => ({ key: row.month, value: row.bookings })));
    return {
      timeZone: this.timeZone,
      currency: this.currency,
      generatedAt: now.toISOString(),
      spendPerMonth: months.map((month) => ({ month, spendCents: spendPerMonth.get(month)!, bookings: bookingsPerMonth.get(month)! })),
      hoursParked: round2(lots.reduce((sum, lot) => sum + lot.parked_seconds, 0) / 3600),
      bookingsPerLot: lots
        .map((lot) => ({ lotId: lot.lot_id, lotName: lot.name, archived: lot.archived, bookings: lot.bookings, spendCents: Number(lot.spend_cents) }))
        .sort((a, b) => b.bookings - a.bookings || a.lotName.localeCompare(b.lotName)),
      activeCount: lots.reduce((sum, lot) => sum + lot.active, 0),
      upcomingCount: lots.reduce((sum, lot) => sum + lot.upcoming, 0),
    };
  }
}
