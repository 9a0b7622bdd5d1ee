import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BookingStatus } from '../bookings/entities/booking.entity';
import { spotStatesSql, SpotStatus } from '../occupancy/occupancy.sql';
import { StatsRange } from './stats-range';

/** When a settled booking ended: a completed one at its release, an expired one at its window's end. */
const ENDED_AT = `COALESCE(b.released_at, b.end_at)`;
const ENDED = `b.status IN ('completed', 'expired')`;

/** Seconds a completed or active booking has parked by `now`: the time it held its spot (overstay included) up to now. */
const parkedSeconds = (now: string) => {
  const parked = `(b.held * tstzrange(NULL, ${now}))`;
  return `COALESCE(date_part('epoch', upper(${parked}) - lower(${parked})), 0)`;
};

export interface StartedRow {
  day: string;
  status: BookingStatus;
  bookings: number;
  parked_seconds: number | null;
}

export interface LotRevenueRow {
  lot_id: string;
  name: string;
  archived: boolean;
  revenue_cents: string;
  bookings: number;
}

export interface DriverSpendRow {
  user_id: string;
  username: string;
  email: string;
  spend_cents: string;
  bookings: number;
}

export interface LotSpotStatesRow {
  lot_id: string;
  name: string;
  capacity: number;
  occupied: number;
  reserved: number;
  out_of_service: number;
}

export interface HourOfWeekRow {
  iso_weekday: number;
  hour: number;
  spot_seconds: number;
  seconds: number;
}

export interface MyLotRow {
  lot_id: string;
  name: string;
  archived: boolean;
  bookings: number;
  spend_cents: string;
  parked_seconds: number;
  active: number;
  upcoming: number;
}

export interface MonthlySpendRow {
  month: string;
  spend_cents: string;
  bookings: number;
}

/**
 * The analytics SQL (R-STAT-1, R-STAT-2). Every query is one set-based statement driven by an index:
 * bookings started in a range by bookings_start_idx, ended ones by bookings_ended_idx (requested from the
 * schema's owner; see settledTotals), a spot's booking before an instant by bookings_spot_start_idx, live
 * bookings by bookings_live_lot_idx, a driver's bookings by bookings_user_start_idx. The first two carry the
 * columns the range queries read, so a month of bookings is read from the index alone. Local days, hours and
 * months are those of the time zone, so they follow daylight-saving changes (R-STAT-1b). "Now" is always
 * a parameter, never SQL now().
 */
@Injectable()
export class StatsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Bookings started on each local day of the range, counted per status, with the parked time of the
   * completed ones. Each booking's day is found by width_bucket (a binary search) among the local midnights
   * of the range, and parked time is summed as intervals: both far cheaper per row than `AT TIME ZONE`
   * and date_part, over a month of bookings.
   */
  startedBookings(range: StatsRange, timeZone: string): Promise<StartedRow[]> {
    return this.dataSource.query(
      `SELECT to_char($3::date + (day - 1), 'YYYY-MM-DD') AS day, status, bookings, date_part('epoch', parked) AS parked_seconds
       FROM (
         SELECT width_bucket(b.start_at, midnights.starts) AS day, b.status, count(*)::int AS bookings,
                sum(upper(b.period) - b.start_at) FILTER (WHERE b.status = 'completed') AS parked
         FROM bookings b,
              (SELECT array_agg(d AT TIME ZONE $5 ORDER BY d) AS starts FROM generate_series($3::timestamp, $4::timestamp, interval '1 day') AS d) midnights
         WHERE b.start_at >= $1 AND b.start_at < $2
         GROUP BY 1, 2
       ) per_day`,
      [range.startAt, range.endAt, range.from, range.to, timeZone],
    );
  }

  /**
   * Bookings that ended in [start, end), summed per lot and per driver in one pass (grouping sets), then
   * every lot that is not archived (archived ones only with revenue) and the ten drivers who spent most.
   * Index: `bookings_ended_idx ON bookings ((COALESCE(released_at, end_at))) WHERE status IN ('completed',
   * 'expired')`; without it this is a sequential scan of every booking.
   */
  async settledTotals(start: Date, end: Date): Promise<{ lots: LotRevenueRow[]; drivers: DriverSpendRow[] }> {
    const [row]: { lots: LotRevenueRow[]; drivers: DriverSpendRow[] }[] = await this.dataSource.query(
      `WITH totals AS (
         SELECT b.lot_id, b.user_id, sum(b.cost_cents) AS cents, count(*)::int AS bookings
         FROM bookings b
         WHERE ${ENDED} AND ${ENDED_AT} >= $1 AND ${ENDED_AT} < $2
         GROUP BY GROUPING SETS ((b.lot_id), (b.user_id))
       ),
       top_drivers AS (SELECT * FROM totals WHERE user_id IS NOT NULL ORDER BY cents DESC, user_id LIMIT 10)
       SELECT
         (SELECT COALESCE(json_agg(json_build_object(
                   'lot_id', l.id, 'name', l.name, 'archived', l.archived_at IS NOT NULL,
                   'revenue_cents', COALESCE(t.cents, 0)::text, 'bookings', COALESCE(t.bookings, 0))), '[]')
          FROM lots l LEFT JOIN totals t ON t.lot_id = l.id
          WHERE l.archived_at IS NULL OR t.lot_id IS NOT NULL) AS lots,
         (SELECT COALESCE(json_agg(json_build_object(
                   'user_id', u.id, 'username', u.username, 'email', u.email,
                   'spend_cents', d.cents::text, 'bookings', d.bookings)), '[]')
          FROM top_drivers d JOIN users u ON u.id = d.user_id) AS drivers`,
      [start, end],
    );
    return row;
  }

  /**
   * Spot-seconds parked in each local (ISO weekday, hour) of [start, end), and the length of those hours.
   * Parked intervals are the periods of completed and active bookings, clipped to the range. They are the
   * bookings started in the range (bookings_start_idx), plus at most one per spot started before it: the
   * spot's last booking before `start` (bookings_spot_start_idx, one probe per spot), counted when its
   * period reaches into the range. No earlier one can: a spot's bookings never overlap.
   * Instead of cutting every interval into hours, each contributes two steps, +1 where it starts and −1
   * where it ends, binned into quarter hours from `start` (grouping sets: one pass for both). `start` is
   * local midnight and every zone's offsets and DST changes are whole quarters, so a quarter never
   * straddles two local hours. A running sum over the quarters gives the spots occupied when each begins;
   * the steps inside a quarter add their share of it. The cost grows with the bookings in the range, not
   * with their length. Times are float seconds from `start`, converted once per booking.
   */
  occupancyByHourOfWeek(start: Date, end: Date, timeZone: string): Promise<HourOfWeekRow[]> {
    return this.dataSource.query(
      `WITH parked AS (
         SELECT date_part('epoch', b.start_at - $1) AS from_s, date_part('epoch', LEAST(COALESCE(upper(b.held), $2), $2) - $1) AS to_s
         FROM bookings b
         WHERE b.start_at >= $1 AND b.start_at < $2 AND b.status IN ('completed', 'active')
         UNION ALL
         SELECT 0, date_part('epoch', LEAST(COALESCE(upper(last.held), $2), $2) - $1)
         FROM spots s
         CROSS JOIN LATERAL (
           SELECT b.held, b.status FROM bookings b
           WHERE b.spot_id = s.id AND b.start_at < $1 AND b.status <> 'cancelled'
           ORDER BY b.start_at DESC LIMIT 1
         ) last
         WHERE last.status IN ('completed', 'active') AND (upper(last.held) IS NULL OR upper(last.held) > $1)
       ),
       steps AS (
         SELECT GROUPING(floor(from_s / 900)) AS is_end, COALESCE(floor(from_s / 900), floor(to_s / 900))::int AS quarter,
                count(*) AS n,
                sum(LEAST(floor(from_s / 900) * 900 + 900, $4) - from_s) AS start_share,
                sum(LEAST(floor(to_s / 900) * 900 + 900, $4) - to_s) AS end_share
         FROM parked
         GROUP BY GROUPING SETS ((floor(from_s / 900)), (floor(to_s / 900)))
       ),
       per_quarter AS (
         SELECT quarter, sum(CASE WHEN is_end = 1 THEN -n ELSE n END) AS delta,
                sum(CASE WHEN is_end = 1 THEN -end_share ELSE start_share END) AS partial_seconds
         FROM steps GROUP BY 1
       ),
       quarters AS (
         SELECT quarter, LEAST(quarter * 900 + 900, $4) - quarter * 900 AS seconds
         FROM generate_series(0, ceil($4 / 900.0)::int - 1) AS quarter
       ),
       occupied AS (
         SELECT q.quarter, q.seconds,
                COALESCE(sum(p.delta) OVER (ORDER BY q.quarter ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) * q.seconds
                  + COALESCE(p.partial_seconds, 0) AS spot_seconds
         FROM quarters q LEFT JOIN per_quarter p USING (quarter)
       )
       SELECT date_part('isodow', local_start)::int AS iso_weekday, date_part('hour', local_start)::int AS hour,
              sum(spot_seconds)::float8 AS spot_seconds, sum(seconds)::float8 AS seconds
       FROM occupied CROSS JOIN LATERAL (SELECT ($1::timestamptz + quarter * interval '15 minutes') AT TIME ZONE $3 AS local_start) local
       GROUP BY 1, 2`,
      [start, end, timeZone, (end.getTime() - start.getTime()) / 1000],
    );
  }

  /**
   * Spot states at `now` per lot that is not archived, as R-SPOT-1 and the lot list define them: a spot
   * with an active booking is occupied; else one held by a reservation whose window contains now is
   * reserved; else an out-of-service one is out of service. Only live bookings are read
   * (bookings_live_lot_idx), so the cost does not grow with history. The lot list's own query also
   * averages every lot's reviews, which costs more than all of this; hence a query of its own.
   */
  spotStatesNow(now: Date): Promise<LotSpotStatesRow[]> {
    return this.dataSource.query(
      `SELECT l.id AS lot_id, l.name, count(*)::int AS capacity,
              count(*) FILTER (WHERE state.status = '${SpotStatus.Occupied}')::int AS occupied,
              count(*) FILTER (WHERE state.status = '${SpotStatus.Reserved}')::int AS reserved,
              count(*) FILTER (WHERE state.status = '${SpotStatus.OutOfService}')::int AS out_of_service
       FROM lots l
       CROSS JOIN LATERAL (${spotStatesSql('l.id', '$1', '$1')}) state
       WHERE l.archived_at IS NULL
       GROUP BY l.id, l.name
       ORDER BY lower(l.name), l.id`,
      [now],
    );
  }

  /** Driver accounts created in [start, end), per local day. */
  newDriversPerDay(start: Date, end: Date, timeZone: string): Promise<{ day: string; users: number }[]> {
    return this.dataSource.query(
      `SELECT to_char(u.created_at AT TIME ZONE $3, 'YYYY-MM-DD') AS day, count(*)::int AS users
       FROM users u
       WHERE u.role = 'user' AND u.created_at >= $1 AND u.created_at < $2
       GROUP BY 1`,
      [start, end, timeZone],
    );
  }

  /** One driver's bookings per lot, except cancelled ones: count, spend, parked time by `now`, active and upcoming. */
  driverLots(userId: string, now: Date): Promise<MyLotRow[]> {
    return this.dataSource.query(
      `SELECT b.lot_id, l.name, l.archived_at IS NOT NULL AS archived, count(*)::int AS bookings,
              COALESCE(sum(b.cost_cents) FILTER (WHERE ${ENDED}), 0)::text AS spend_cents,
              COALESCE(sum(${parkedSeconds('$2')}) FILTER (WHERE b.status IN ('completed', 'active')), 0) AS parked_seconds,
              count(*) FILTER (WHERE b.status = 'active')::int AS active,
              count(*) FILTER (WHERE b.status = 'reserved')::int AS upcoming
       FROM bookings b JOIN lots l ON l.id = b.lot_id
       WHERE b.user_id = $1 AND b.status <> 'cancelled'
       GROUP BY b.lot_id, l.name, l.archived_at`,
      [userId, now],
    );
  }

  /** One driver's spend per local month, of bookings that ended since `since`. */
  driverSpendPerMonth(userId: string, since: Date, timeZone: string): Promise<MonthlySpendRow[]> {
    return this.dataSource.query(
      `SELECT to_char(${ENDED_AT} AT TIME ZONE $3, 'YYYY-MM') AS month, sum(b.cost_cents)::text AS spend_cents, count(*)::int AS bookings
       FROM bookings b
       WHERE b.user_id = $1 AND ${ENDED} AND ${ENDED_AT} >= $2
       GROUP BY 1`,
      [userId, since, timeZone],
    );
  }
}
