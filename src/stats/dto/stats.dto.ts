import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateBy } from 'class-validator';
import { BookingStatus } from '../../bookings/entities/booking.entity';
import { DEFAULT_RANGE_DAYS, isLocalDate, MAX_RANGE_DAYS, SPEND_MONTHS } from '../stats-range';

/*
 * The definitions behind every figure (R-STAT-1, R-STAT-2), in one place; the fields below cite them.
 * - Days, hours and months are calendar periods in APP_TIMEZONE (R-STAT-1b): a day runs from local
 *   midnight to local midnight, 23 or 25 hours across a daylight-saving change.
 * - A booking *started* on the day its startAt falls on (park-now: when parking began; reservation:
 *   the window's start).
 * - A booking *ended* when it was settled: a completed one at its releasedAt, an expired one at its
 *   endAt. Revenue and spend are the costCents of ended bookings; cancelled ones cost nothing.
 * - *Parked time* of a completed or active booking is its period, the time it holds its spot: park-now
 *   from start to release (to now while active), a checked-in reservation its window cut short by an
 *   early release. An overstay past a reservation's window is billed but not counted as parked time.
 */
const PARKED =
  'parked time (a park-now booking from its start to its release, a checked-in reservation over its window cut short by an ' +
  'early release, active ones up to now; an overstay past a window is billed but not counted)';
const ENDED = 'completed ones by releasedAt, expired ones by endAt';

const IsLocalDate = () =>
  ValidateBy({ name: 'isLocalDate', validator: { validate: isLocalDate, defaultMessage: () => '$property must be a calendar date YYYY-MM-DD' } });

export class AdminStatsQueryDto {
  @ApiPropertyOptional({
    description: `First local day of the range (APP_TIMEZONE), included. Default: ${DEFAULT_RANGE_DAYS - 1} days before \`to\``,
    example: '2026-03-01',
    format: 'date',
  })
  @IsOptional()
  @IsLocalDate()
  from?: string;

  @ApiPropertyOptional({
    description: `Last local day of the range, included; not before \`from\`, at most ${MAX_RANGE_DAYS} days after it. Default: today`,
    example: '2026-03-30',
    format: 'date',
  })
  @IsOptional()
  @IsLocalDate()
  to?: string;
}

export class StatsRangeDto {
  @ApiProperty({ description: 'First local day, included', format: 'date', example: '2026-03-01' })
  from: string;

  @ApiProperty({ description: 'Last local day, included', format: 'date', example: '2026-03-30' })
  to: string;

  @ApiProperty({ description: 'Number of local days in the range' })
  days: number;

  @ApiProperty({ description: 'The IANA time zone the days are counted in (APP_TIMEZONE)', example: 'Europe/Berlin' })
  timeZone: string;

  @ApiProperty({ description: 'The instant the range starts: local midnight of `from`', format: 'date-time' })
  startAt: string;

  @ApiProperty({ description: 'The instant the range ends, excluded: local midnight after `to`', format: 'date-time' })
  endAt: string;
}

export class LotRevenueDto {
  @ApiProperty({ description: 'Lot id', format: 'uuid' })
  lotId: string;

  @ApiProperty({ description: 'Lot name' })
  lotName: string;

  @ApiProperty({ description: 'Whether the lot is archived (listed only when bookings of it ended in the range)' })
  archived: boolean;

  @ApiProperty({ description: `Sum of costCents of the lot's bookings that ended in the range (${ENDED}), minor units` })
  revenueCents: number;

  @ApiProperty({ description: 'Number of those bookings' })
  bookings: number;
}

export class DailyBookingsDto {
  @ApiProperty({ description: 'Local day', format: 'date' })
  date: string;

  @ApiProperty({ description: 'Bookings of any status that started on this day (zero included)' })
  bookings: number;
}

export class LotOccupancyDto {
  @ApiProperty({ description: 'Lot id', format: 'uuid' })
  lotId: string;

  @ApiProperty({ description: 'Lot name' })
  lotName: string;

  @ApiProperty({ description: 'Spots of the lot (not archived)' })
  capacity: number;

  @ApiProperty({ description: 'Spots with an active booking now (R-SPOT-1)' })
  occupied: number;

  @ApiProperty({ description: 'Spots held now by a reservation whose window contains now, not yet checked in' })
  reserved: number;

  @ApiProperty({ description: 'Spots out of service and neither occupied nor reserved' })
  outOfService: number;

  @ApiProperty({ description: 'The other spots: capacity − occupied − reserved − outOfService' })
  available: number;
}

export class HourOfWeekOccupancyDto {
  @ApiProperty({ description: 'Local ISO weekday: 1 = Monday … 7 = Sunday', minimum: 1, maximum: 7 })
  isoWeekday: number;

  @ApiProperty({ description: 'Local hour of the day, 0–23', minimum: 0, maximum: 23 })
  hour: number;

  @ApiProperty({
    description:
      `Average number of occupied spots over all lots during this weekday-hour: the ${PARKED} of every booking ` +
      'that falls in the hours of the range with this local weekday and hour (up to now), divided by their total ' +
      'length. Null when the range has had no such hour',
    type: Number,
    nullable: true,
    example: 12.5,
  })
  averageOccupiedSpots: number | null;

  @ApiProperty({
    description: 'How many such hours the range has, up to now: fewer or more on a daylight-saving change (the hour skipped or repeated)',
  })
  hours: number;
}

export class TopDriverDto {
  @ApiProperty({ description: 'User id', format: 'uuid' })
  userId: string;

  @ApiProperty({ description: 'Username' })
  username: string;

  @ApiProperty({ description: 'E-mail address' })
  email: string;

  @ApiProperty({ description: `Sum of costCents of the driver's bookings that ended in the range (${ENDED}), minor units` })
  spendCents: number;

  @ApiProperty({ description: 'Number of those bookings' })
  bookings: number;
}

export class DailyNewUsersDto {
  @ApiProperty({ description: 'Local day', format: 'date' })
  date: string;

  @ApiProperty({ description: 'Driver accounts (role user) registered on this day (zero included)' })
  users: number;
}

export class BookingsByStatusDto implements Record<BookingStatus, number> {
  @ApiProperty({ description: 'Bookings started in the range that are reservations not checked in yet' })
  reserved: number;

  @ApiProperty({ description: 'Bookings started in the range that are parked now' })
  active: number;

  @ApiProperty({ description: 'Bookings started in the range that were released' })
  completed: number;

  @ApiProperty({ description: 'Bookings started in the range that were cancelled' })
  cancelled: number;

  @ApiProperty({ description: 'Bookings started in the range that expired without check-in' })
  expired: number;
}

export class AdminStatsDto {
  @ApiProperty({ description: 'The range the figures cover', type: StatsRangeDto })
  range: StatsRangeDto;

  @ApiProperty({ description: 'ISO 4217 currency of every …Cents figure', example: 'USD' })
  currency: string;

  @ApiProperty({ description: 'When these figures were computed; cached figures are at most CACHE_TTL_SECONDS old', format: 'date-time' })
  generatedAt: string;

  @ApiProperty({ description: `Revenue of the range: costCents of every booking that ended in it (${ENDED})` })
  totalRevenueCents: number;

  @ApiProperty({
    description: 'Revenue per lot: every lot that is not archived (zeros included), and archived lots with revenue in the range; highest first',
    type: LotRevenueDto,
    isArray: true,
  })
  revenueByLot: LotRevenueDto[];

  @ApiProperty({ description: 'Bookings started per local day, every day of the range', type: DailyBookingsDto, isArray: true })
  bookingsPerDay: DailyBookingsDto[];

  @ApiProperty({
    description: 'Spot states as of generatedAt, per lot that is not archived (as the lot list counts them), by name',
    type: LotOccupancyDto,
    isArray: true,
  })
  occupancyNow: LotOccupancyDto[];

  @ApiProperty({
    description: 'Occupancy by local hour of week: 168 entries, Monday 0:00 first',
    type: HourOfWeekOccupancyDto,
    isArray: true,
  })
  occupancyByHourOfWeek: HourOfWeekOccupancyDto[];

  @ApiProperty({
    description: `Mean minutes of ${PARKED} of the completed bookings started in the range; null without any`,
    type: Number,
    nullable: true,
  })
  averageStayMinutes: number | null;

  @ApiProperty({ description: 'The ten drivers who spent most in the range, highest first', type: TopDriverDto, isArray: true })
  topDrivers: TopDriverDto[];

  @ApiProperty({ description: 'Driver registrations per local day, every day of the range', type: DailyNewUsersDto, isArray: true })
  newUsersPerDay: DailyNewUsersDto[];

  @ApiProperty({ description: 'Bookings started in the range, by their status now', type: BookingsByStatusDto })
  bookingsByStatus: BookingsByStatusDto;
}

export class MonthlySpendDto {
  @ApiProperty({ description: 'Local month', example: '2026-03' })
  month: string;

  @ApiProperty({ description: `Sum of costCents of the caller's bookings that ended in the month (${ENDED}), minor units` })
  spendCents: number;

  @ApiProperty({ description: 'Number of those bookings' })
  bookings: number;
}

export class LotBookingsDto {
  @ApiProperty({ description: 'Lot id', format: 'uuid' })
  lotId: string;

  @ApiProperty({ description: 'Lot name' })
  lotName: string;

  @ApiProperty({ description: 'Whether the lot is archived' })
  archived: boolean;

  @ApiProperty({ description: "The caller's bookings in this lot, ever, except cancelled ones" })
  bookings: number;

  @ApiProperty({ description: 'Sum of costCents of those that are completed or expired, minor units' })
  spendCents: number;
}

export class MyStatsDto {
  @ApiProperty({ description: 'The IANA time zone months are counted in (APP_TIMEZONE)', example: 'Europe/Berlin' })
  timeZone: string;

  @ApiProperty({ description: 'ISO 4217 currency of every …Cents figure', example: 'USD' })
  currency: string;

  @ApiProperty({ description: 'When these figures were computed; cached figures are at most CACHE_TTL_SECONDS old', format: 'date-time' })
  generatedAt: string;

  @ApiProperty({
    description: `Spend per local month: the current month and the ${SPEND_MONTHS - 1} before it, oldest first, zeros included`,
    type: MonthlySpendDto,
    isArray: true,
  })
  spendPerMonth: MonthlySpendDto[];

  @ApiProperty({ description: `Hours of ${PARKED} of the caller's completed and active bookings, ever; two decimals` })
  hoursParked: number;

  @ApiProperty({ description: 'Bookings per lot, most booked first', type: LotBookingsDto, isArray: true })
  bookingsPerLot: LotBookingsDto[];

  @ApiProperty({ description: 'Bookings parked now' })
  activeCount: number;

  @ApiProperty({ description: 'Reservations not checked in yet (as GET /bookings/summary counts them)' })
  upcomingCount: number;
}
