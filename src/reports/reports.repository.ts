import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Range } from '../common/calendar';

export interface PeriodTotals {
  bookings: number;
  revenueCents: number;
  newUsers: number;
}

export interface BusiestHour {
  /** Local hour of the day, 0–23. */
  hour: number;
  bookings: number;
}

export interface LotFigures {
  lotId: string;
  name: string;
  bookings: number;
  revenueCents: number;
  heldHours: number;
  occupancyPercent: number;
}

export interface DayFigures {
  date: string;
  bookings: number;
  revenueCents: number;
}

export interface DriverSpend {
  userId: string;
  name: string;
  email: string;
  chargedBookings: number;
  spendCents: number;
}

export interface Recipient {
  id: string;
  email: string;
  name: string;
}

export interface ReminderRecipient extends Recipient {
  lastBookingAt: Date | null;
}

export interface DriverLotFigures {
  lotId: string;
  name: string;
  bookings: number;
  hoursParked: number;
  spendCents: number;
}

export interface DriverMonth {
  driver: Recipient;
  lots: DriverLotFigures[];
  days: { date: string; spendCents: number }[];
}

/** A local calendar period: its instants (from calendar.ts) and, for day series, its local dates. */
export interface Period extends Range {
  timeZone: string;
  /** First local date of the period, `YYYY-MM-DD`. */
  firstDate: string;
  /** First local date after the period. */
  endDate: string;
}

// $1, $2: the period's start and end instants. Every figure is over [start, end).
const STARTED = `b.status <> 'cancelled' AND b.start_at >= $1::timestamptz AND b.start_at < $2::timestamptz`;
/** When a booking was charged: a completed one at its release, an expired reservation at the end of its window. */
const CHARGED_AT = `(CASE b.status WHEN 'completed' THEN b.released_at WHEN 'expired' THEN b.end_at END)`;
const CHARGED = `b.status IN ('completed', 'expired') AND ${CHARGED_AT} >= $1::timestamptz AND ${CHARGED_AT} < $2::timestamptz`;
/** A booking that counts for a period in any way: started in it, charged in it, or holding time in it. */
const TOUCHES = `b.status <> 'cancelled' AND b.start_at < $2::timestamptz
  AND (b.start_at >= $1::timestamptz OR COALESCE(b.released_at, b.end_at, 'infinity') > $1::timestamptz)`;
/** Seconds of a range inside the period. */
const SECONDS_IN_PERIOD = (range: string) =>
  `extract(epoch FROM upper(${range} * tstzrange($1::timestamptz, $2::timestamptz)) - lower(${range} * tstzrange($1::timestamptz, $2::timestamptz)))`;
/** Local dates of the period, for series that show every day, also the empty ones. */
const DAYS = (first: string, end: string) => `SELECT (${first}::date + i) AS day FROM generate_series(0, ${end}::date - ${first}::date - 1) AS i`;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/**
 * The report figures, each a set-based query over a period given as instants, with local days and hours
 * taken `AT TIME ZONE` the configured zone (R-STAT-1b). Nothing loads bookings into memory.
 */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async totals(period: Period): Promise<PeriodTotals> {
    const [row] = await this.db.query(
      `SELECT (SELECT count(*) FROM bookings b WHERE ${STARTED})::int AS bookings,
              (SELECT COALESCE(sum(b.cost_cents), 0) FROM bookings b WHERE ${CHARGED})::bigint AS revenue_cents,
              (SELECT count(*) FROM users u WHERE u.role = 'user' AND u.created_at >= $1 AND u.created_at < $2)::int AS new_users`,
      [period.start, period.end],
    );
    return { bookings: row.bookings, revenueCents: Number(row.revenue_cents), newUsers: row.new_users };
  }

  /** The local hour in which most bookings started; the earliest such hour on a tie. */
  async busiestHour(period: Period): Promise<BusiestHour | null> {
    const [row] = await this.db.query(
      `SELECT extract(hour FROM b.start_at AT TIME ZONE $3)::int AS hour, count(*)::int AS bookings
       FROM bookings b WHERE ${STARTED}
       GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
      [period.start, period.end, period.timeZone],
    );
    return row ?? null;
  }

  /**
   * Lots with any activity in the period, by revenue: bookings started, revenue charged, and the
   * spot-hours held by bookings (a reservation holds its spot from its start) over the spot-hours of the
   * period at the lot's capacity — a local day has 23, 24 or 25 hours. `limit` null lists them all.
   */
  async lots(period: Period, limit: number | null): Promise<LotFigures[]> {
    const rows = await this.db.query(
      `WITH started AS (SELECT b.lot_id, count(*)::int AS bookings FROM bookings b WHERE ${STARTED} GROUP BY b.lot_id),
            charged AS (SELECT b.lot_id, sum(b.cost_cents)::bigint AS revenue_cents FROM bookings b WHERE ${CHARGED} GROUP BY b.lot_id),
            held AS (
              SELECT b.lot_id, sum(${SECONDS_IN_PERIOD('b.held')})::float8 AS seconds
              FROM bookings b
              WHERE b.status <> 'cancelled' AND b.held && tstzrange($1::timestamptz, $2::timestamptz)
              GROUP BY b.lot_id)
       SELECT l.id AS lot_id, l.name, COALESCE(s.bookings, 0) AS bookings, COALESCE(c.revenue_cents, 0) AS revenue_cents,
              COALESCE(h.seconds, 0) / 3600 AS held_hours,
              COALESCE(h.seconds, 0) * 100 / (l.capacity * extract(epoch FROM $2::timestamptz - $1::timestamptz))::float8 AS occupancy_percent
       FROM lots l
       LEFT JOIN started s ON s.lot_id = l.id
       LEFT JOIN charged c ON c.lot_id = l.id
       LEFT JOIN held h ON h.lot_id = l.id
       WHERE s.lot_id IS NOT NULL OR c.lot_id IS NOT NULL OR h.lot_id IS NOT NULL
       ORDER BY revenue_cents DESC, bookings DESC, l.name
       LIMIT $3`,
      [period.start, period.end, limit],
    );
    return rows.map((row: Record<string, unknown>) => ({
      lotId: row.lot_id as string,
      name: row.name as string,
      bookings: row.bookings as number,
      revenueCents: Number(row.revenue_cents),
      heldHours: row.held_hours as number,
      occupancyPercent: row.occupancy_percent as number,
    }));
  }

  /** Bookings started and revenue charged on each local day of the period, empty days included. */
  async days(period: Period): Promise<DayFigures[]> {
    const rows = await this.db.query(
      `WITH days AS (${DAYS('$3', '$4')}),
            started AS (SELECT (b.start_at AT TIME ZONE $5)::date AS day, count(*)::int AS bookings FROM bookings b WHERE ${STARTED} GROUP BY 1),
            charged AS (SELECT (${CHARGED_AT} AT TIME ZONE $5)::date AS day, sum(b.cost_cents)::bigint AS revenue_cents FROM bookings b WHERE ${CHARGED} GROUP BY 1)
       SELECT to_char(days.day, 'YYYY-MM-DD') AS date, COALESCE(s.bookings, 0) AS bookings, COALESCE(c.revenue_cents, 0) AS revenue_cents
       FROM days LEFT JOIN started s USING (day) LEFT JOIN charged c USING (day)
       ORDER BY days.day`,
      [period.start, period.end, period.firstDate, period.endDate, period.timeZone],
    );
    return rows.map((row: Record<string, unknown>) => ({ date: row.date as string, bookings: row.bookings as number, revenueCents: Number(row.revenue_cents) }));
  }

  /** Drivers by what they were charged in the period. */
  async topDrivers(period: Period, limit: number): Promise<DriverSpend[]> {
    const rows = await this.db.query(
      `SELECT u.id AS user_id, COALESCE(u.full_name, u.username) AS name, u.email,
              count(*)::int AS charged_bookings, sum(b.cost_cents)::bigint AS spend_cents
       FROM bookings b JOIN users u ON u.id = b.user_id
       WHERE ${CHARGED}
       GROUP BY u.id
       ORDER BY spend_cents DESC, name, u.id
       LIMIT $3`,
      [period.start, period.end, limit],
    );
    return rows.map((row: Record<string, unknown>) => ({
      userId: row.user_id as string,
      name: row.name as string,
      email: row.email as string,
      chargedBookings: row.charged_bookings as number,
      spendCents: Number(row.spend_cents),
    }));
  }

  /** Every active admin receives the admin reports. */
  activeAdmins(): Promise<Recipient[]> {
    return this.db.query(
      `SELECT id, email, COALESCE(full_name, username) AS name FROM users WHERE role = 'admin' AND is_active ORDER BY email`,
    );
  }

  /**
   * A page (keyset on the id) of the drivers R-JOB-2 reminds: verified, active, and without a booking
   * (cancelled ones aside) that started since `since` or is still to come. Uses bookings_user_start_idx.
   */
  async reminderRecipients(since: Date, afterId: string | null, limit: number): Promise<ReminderRecipient[]> {
    const rows = await this.db.query(
      `SELECT u.id, u.email, COALESCE(u.full_name, u.username) AS name,
              (SELECT max(b.start_at) FROM bookings b WHERE b.user_id = u.id AND b.status <> 'cancelled') AS last_booking_at
       FROM users u
       WHERE u.role = 'user' AND u.is_active AND u.email_verified_at IS NOT NULL AND u.id > $2
         AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.user_id = u.id AND b.status <> 'cancelled' AND b.start_at >= $1)
       ORDER BY u.id
       LIMIT $3`,
      [since, afterId ?? FIRST_ID, limit],
    );
    return rows.map((row: Record<string, unknown>) => ({
      id: row.id as string,
      email: row.email as string,
      name: row.name as string,
      lastBookingAt: (row.last_booking_at as Date | null) ?? null,
    }));
  }

  /** A page (keyset on the id) of the active drivers with bookings in the period: the monthly fan-out. */
  async driversWithBookings(period: Period, afterId: string | null, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT u.id FROM users u
       WHERE u.role = 'user' AND u.is_active AND u.id > $3
         AND EXISTS (SELECT 1 FROM bookings b WHERE b.user_id = u.id AND ${TOUCHES})
       ORDER BY u.id
       LIMIT $4`,
      [period.start, period.end, afterId ?? FIRST_ID, limit],
    );
    return rows.map((row) => row.id);
  }

  /**
   * One driver's month in one query on bookings_user_start_idx: per lot the bookings started, the hours
   * parked (check-in — or start for park-now — to release, the part inside the period; a no-show parks
   * nothing) and the spend charged; and the spend of each local day. Null for an unknown or inactive driver.
   */
  async driverMonth(userId: string, period: Period): Promise<DriverMonth | null> {
    const [row] = await this.db.query(
      `WITH mine AS (
              SELECT b.*, l.name AS lot_name,
                     CASE WHEN b.status IN ('active', 'completed') THEN tstzrange(COALESCE(b.checked_in_at, b.start_at), b.released_at) END AS parked
              FROM bookings b JOIN lots l ON l.id = b.lot_id
              WHERE b.user_id = $3 AND ${TOUCHES}),
            per_lot AS (
              SELECT b.lot_id AS "lotId", b.lot_name AS name,
                     (count(*) FILTER (WHERE b.start_at >= $1::timestamptz))::int AS bookings,
                     COALESCE(sum(${SECONDS_IN_PERIOD('b.parked')}), 0)::float8 / 3600 AS "hoursParked",
                     COALESCE(sum(b.cost_cents) FILTER (WHERE ${CHARGED}), 0)::bigint AS "spendCents"
              FROM mine b GROUP BY b.lot_id, b.lot_name),
            days AS (${DAYS('$4', '$5')}),
            per_day AS (
              SELECT (${CHARGED_AT} AT TIME ZONE $6)::date AS day, sum(b.cost_cents)::bigint AS spend_cents
              FROM mine b WHERE ${CHARGED} GROUP BY 1)
       SELECT u.id, u.email, COALESCE(u.full_name, u.username) AS name,
              (SELECT COALESCE(json_agg(per_lot ORDER BY "spendCents" DESC, name), '[]') FROM per_lot) AS lots,
              (SELECT json_agg(json_build_object('date', to_char(days.day, 'YYYY-MM-DD'), 'spendCents', COALESCE(d.spend_cents, 0)) ORDER BY days.day)
               FROM days LEFT JOIN per_day d USING (day)) AS days
       FROM users u
       WHERE u.id = $3 AND u.role = 'user' AND u.is_active`,
      [period.start, period.end, userId, period.firstDate, period.endDate, period.timeZone],
    );
    if (!row) return null;
    return { driver: { id: row.id, email: row.email, name: row.name }, lots: row.lots, days: row.days };
  }
}
