import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OVERSTAYS, parkNowSpotSql, reserveSpotSql } from '../occupancy/occupancy.sql';
import { outboxInsert } from '../outbox/outbox.service';
import { CONFIRMATION_MAIL_SQL } from './booking-mails';
import { Booking, BookingStatus, BookingType } from './entities/booking.entity';

export interface FreeSpot {
  id: string;
  number: number;
}

/** A booking with what its views need from other tables. */
export interface BookingRow {
  id: string;
  user_id: string;
  username: string;
  lot_id: string;
  lot_name: string;
  spot_id: string;
  spot_number: number;
  vehicle_number: string;
  type: BookingType;
  status: BookingStatus;
  start_at: Date;
  end_at: Date | null;
  checked_in_at: Date | null;
  released_at: Date | null;
  rate_per_hour_cents: number;
  /** The lot's tariff version the booking is priced with (R-TARIFF-2); null for a booking made before tariffs. */
  tariff_version: number | null;
  /** A reservation's price of its window, fixed when it was made (R-QUOTE-2); null for park now. */
  quoted_cents: number | null;
  /** The lot's zone (a booking made before tariffs is priced by one band at its rate in it). */
  lot_time_zone: string;
  cost_cents: number | null;
  release_reason: string | null;
  paid: boolean;
  /** A review of this booking exists (R-REV-1). */
  reviewed: boolean;
  created_at: Date;
  must_leave_by: Date | null;
  reseated_from_spot_number: number | null;
  reseat_failed_at: Date | null;
}

export interface BookingFilter {
  userId?: string;
  status?: BookingStatus;
  lotId?: string;
  vehicleNumber?: string;
  from?: Date;
  to?: Date;
  /** Only active bookings past their planned end at this instant (R-OCC-2). */
  overstayingAt?: Date;
  offset: number;
  limit: number;
}

export interface BookingWindow {
  startAt: Date;
  endAt: Date;
}

export interface AllocationInput {
  userId: string;
  lotId: string;
  vehicleNumber: string;
  type: BookingType;
  status: BookingStatus;
  startAt: Date;
  /** A reservation's window; park-now bookings start at `startAt` and stay open. */
  window?: BookingWindow;
  now: Date;
  /** Park now: a spot qualifies when its next reservation starts no sooner (R-BOOK-1). */
  parkNowFrom: Date;
  /** The tariff version the booking is priced with; park now: the lot's current one when the statement runs. */
  tariffVersion?: number;
  /** A reservation's price of its window under `tariffVersion` (R-QUOTE-2). */
  quotedCents?: number;
}

/** What held when a booking was attempted, and the booking when it was written. */
export interface AllocationOutcome {
  lotFound: boolean;
  lotArchived: boolean;
  driverActive: boolean;
  vehicleParked: boolean;
  booking?: BookingRow;
}

export type TransitionColumns = Pick<BookingRow, 'status' | 'checked_in_at' | 'released_at' | 'cost_cents' | 'release_reason'>;
type NewBookingColumns = Omit<
  BookingRow,
  'checked_in_at' | 'released_at' | 'cost_cents' | 'release_reason' | 'paid' | 'reviewed' | 'reseated_from_spot_number' | 'reseat_failed_at'
>;
type AllocationRow = Omit<AllocationOutcome, 'booking'> & {
  [column in keyof NewBookingColumns]: NewBookingColumns[column] | null;
};

/**
 * The statement of BookingsRepository.allocate (exported for the benchmark, which runs it from pgbench).
 * $1 lot, $2 driver, $3 vehicle, $4 type, $5 status, $6 start (park now: now), $7 end of a reservation,
 * $8 park now: the earliest start of a reservation after it (R-BOOK-1); reserve: now; $9 the tariff version
 * (null: the lot's current one), $10 a reservation's price of its window. The spot comes from
 * the occupancy rules (src/occupancy), like every other answer about who holds a spot.
 */
export function allocationStatement(forWindow: boolean): string {
  const freeSpot = forWindow ? reserveSpotSql('$1', '$6', '$7', '$8', true) : parkNowSpotSql('$1', '$6', '$8', true);
  const mustLeaveBy = forWindow ? 'NULL::timestamptz' : 'spot.next_start';
  return `WITH lot AS (SELECT id, name, price_per_hour_cents, current_tariff_version, time_zone, archived_at FROM lots WHERE id = $1 FOR KEY SHARE),
        driver AS (SELECT id, username, email, COALESCE(full_name, username) AS name, is_active FROM users WHERE id = $2),
        parked AS (SELECT EXISTS (SELECT 1 FROM bookings WHERE vehicle_number = $3 AND status = 'active') AS busy),
        spot AS (${freeSpot}),
        inserted AS (
          INSERT INTO bookings (user_id, lot_id, spot_id, vehicle_number, type, status, start_at, end_at, rate_per_hour_cents, tariff_version, quoted_cents, must_leave_by)
          SELECT driver.id, lot.id, spot.id, $3, $4::booking_type, $5::booking_status, $6::timestamptz, $7::timestamptz, lot.price_per_hour_cents,
                 COALESCE($9::int, lot.current_tariff_version), $10::int, ${mustLeaveBy}
          FROM lot, driver, parked, spot
          WHERE lot.archived_at IS NULL AND driver.is_active AND NOT parked.busy
          RETURNING id, user_id, lot_id, spot_id, vehicle_number, type, status, start_at, end_at, rate_per_hour_cents, tariff_version, quoted_cents, created_at, must_leave_by),
        confirmation AS (${outboxInsert("'mail'", CONFIRMATION_MAIL_SQL.key, CONFIRMATION_MAIL_SQL.mail, 'inserted, lot, spot, driver')})
   SELECT lot.id IS NOT NULL AS "lotFound", lot.archived_at IS NOT NULL AS "lotArchived",
          COALESCE(driver.is_active, false) AS "driverActive", parked.busy AS "vehicleParked",
          inserted.id, inserted.user_id, driver.username, inserted.lot_id, lot.name AS lot_name, inserted.spot_id,
          spot.number AS spot_number, inserted.vehicle_number, inserted.type, inserted.status, inserted.start_at,
          inserted.end_at, inserted.rate_per_hour_cents, inserted.tariff_version, inserted.quoted_cents, lot.time_zone AS lot_time_zone,
          inserted.created_at, inserted.must_leave_by
   FROM parked LEFT JOIN lot ON true LEFT JOIN driver ON true LEFT JOIN spot ON true LEFT JOIN inserted ON true`;
}

/**
 * A booking with its lot, spot, driver, payment and review. A booking has at most one payment and one
 * review (unique keys), so the joins never repeat a booking, and `paid` and `reviewed` come with every list
 * page in the same statement rather than a query per booking.
 */
export const BOOKING_VIEW = `
  SELECT b.id, b.user_id, u.username, b.lot_id, l.name AS lot_name, b.spot_id, s.number AS spot_number,
         b.vehicle_number, b.type, b.status, b.start_at, b.end_at, b.checked_in_at, b.released_at,
         b.rate_per_hour_cents, b.tariff_version, b.quoted_cents, l.time_zone AS lot_time_zone, b.cost_cents, b.release_reason, (p.id IS NOT NULL) AS paid,
         (r.id IS NOT NULL) AS reviewed, b.created_at,
         b.must_leave_by, rs.number AS reseated_from_spot_number, b.reseat_failed_at
  FROM bookings b
  JOIN lots l ON l.id = b.lot_id
  JOIN spots s ON s.id = b.spot_id
  JOIN users u ON u.id = b.user_id
  LEFT JOIN spots rs ON rs.id = b.reseated_from_spot_id
  LEFT JOIN payments p ON p.booking_id = b.id
  LEFT JOIN reviews r ON r.booking_id = b.id`;

/** One booking's view; $2 is its driver's id, or null for any driver's. */
export const FIND_VIEW = `${BOOKING_VIEW} WHERE b.id = $1 AND ($2::uuid IS NULL OR b.user_id = $2)`;

/**
 * Allocation row-locks candidate spots with SKIP LOCKED, so concurrent bookings of one lot take
 * different spots instead of queueing on the same one; the exclusion constraints stay the guarantee.
 */
@Injectable()
export class BookingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One statement, so one round trip for a booking: share-lock the lot against archiving, read the
   * driver's flag, check the vehicle is not parked, lock a free spot (skipping spots that concurrent
   * allocations hold) and insert when all of that allows it, with its confirmation mail in the outbox
   * (R-JOB-1: it is sent exactly when the booking commits). The answer says which condition held, for the
   * service to turn into the rule's error; the exclusion constraints still decide every race (a violation
   * aborts the statement). In autocommit, the locks last as long as the statement.
   *
   * The vehicle check is separate from the exclusion constraint because a checked-in reservation that
   * overstays its window no longer holds a period past its end, yet the vehicle is still parked.
   */
  async allocate(input: AllocationInput): Promise<AllocationOutcome> {
    const [row]: AllocationRow[] = await this.dataSource.query(
      allocationStatement(input.window !== undefined),
      [
        input.lotId,
        input.userId,
        input.vehicleNumber,
        input.type,
        input.status,
        input.startAt,
        input.window?.endAt ?? null,
        input.window ? input.now : input.parkNowFrom,
        input.tariffVersion ?? null,
        input.quotedCents ?? null,
      ],
    );
    const { lotFound, lotArchived, driverActive, vehicleParked, ...inserted } = row;
    const booking: BookingRow | undefined = inserted.id
      ? {
          ...(inserted as NewBookingColumns),
          checked_in_at: null,
          released_at: null,
          cost_cents: null,
          release_reason: null,
          paid: false,
          reviewed: false,
          reseated_from_spot_number: null,
          reseat_failed_at: null,
        }
      : undefined;
    return { lotFound, lotArchived, driverActive, vehicleParked, booking };
  }

  /**
   * Compare-and-set: applies `changes` only while the booking still has the status it was read with, and
   * answers the columns a transition changes (none when it matched nothing). Every transition changes the
   * status, so a concurrent one committed in between makes this match nothing. The statement is the one
   * UpdateQueryBuilder would write, built from the entity's column names directly: every check-in and
   * release runs it, and the builder cost more CPU than the rest of the repository call.
   */
  async updateIfStatus(id: string, seen: BookingStatus, changes: Partial<Booking>): Promise<TransitionColumns | undefined> {
    const columns = this.dataSource.getMetadata(Booking);
    const params: unknown[] = [id, seen];
    const assignments = Object.entries(changes)
      .filter(([, value]) => value !== undefined)
      .map(([property, value]) => {
        const column = columns.findColumnWithPropertyName(property);
        if (!column) throw new Error(`Booking has no column for "${property}"`);
        params.push(value);
        return `"${column.databaseName}" = $${params.length}`;
      });
    // For an UPDATE, TypeORM's query() answers [rows, affected].
    const [rows] = (await this.dataSource.query(
      `UPDATE "bookings" SET ${[...assignments, '"updated_at" = CURRENT_TIMESTAMP'].join(', ')} WHERE id = $1 AND status = $2
       RETURNING status, checked_in_at, released_at, cost_cents, release_reason`,
      params,
    )) as [TransitionColumns[], number];
    return rows[0];
  }

  /** Locks a booking for a state change; with `userId`, only that driver's booking is found (R-BOOK-9). */
  lockBooking(manager: EntityManager, id: string, userId?: string): Promise<Booking | null> {
    return manager.findOne(Booking, { where: userId ? { id, userId } : { id }, lock: { mode: 'pessimistic_write' } });
  }

  async findView(id: string, userId?: string, manager: EntityManager = this.dataSource.manager): Promise<BookingRow | undefined> {
    const rows: BookingRow[] = await manager.query(FIND_VIEW, [id, userId ?? null]);
    return rows[0];
  }

  async list(filter: BookingFilter): Promise<[BookingRow[], number]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const where = (sql: string, value: unknown) => {
      params.push(value);
      conditions.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.userId) where('b.user_id = ?', filter.userId);
    if (filter.status) where('b.status = ?', filter.status);
    if (filter.lotId) where('b.lot_id = ?', filter.lotId);
    if (filter.vehicleNumber) where('b.vehicle_number = ?', filter.vehicleNumber);
    if (filter.from) where('b.start_at >= ?', filter.from);
    if (filter.to) where('b.start_at < ?', filter.to);
    if (filter.overstayingAt) where(OVERSTAYS('b', '?'), filter.overstayingAt);
    const whereSql = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(`${BOOKING_VIEW} ${whereSql} ORDER BY b.start_at DESC, b.id LIMIT ${filter.limit} OFFSET ${filter.offset}`, params) as Promise<BookingRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM bookings b ${whereSql}`, params) as Promise<{ total: number }[]>,
    ]);
    return [rows, total];
  }

  async summary(userId: string): Promise<{ outstanding_cents: number; unpaid_count: number; active_count: number; upcoming_count: number }> {
    const [row] = await this.dataSource.query(
      `SELECT
         COALESCE(sum(b.cost_cents) FILTER (WHERE b.status IN ('completed', 'expired') AND b.cost_cents > 0 AND p.id IS NULL), 0)::int AS outstanding_cents,
         count(*) FILTER (WHERE b.status IN ('completed', 'expired') AND b.cost_cents > 0 AND p.id IS NULL)::int AS unpaid_count,
         count(*) FILTER (WHERE b.status = 'active')::int AS active_count,
         count(*) FILTER (WHERE b.status = 'reserved')::int AS upcoming_count
       FROM bookings b LEFT JOIN payments p ON p.booking_id = b.id
       WHERE b.user_id = $1`,
      [userId],
    );
    return row;
  }

  /** Reservations whose window ended without a check-in, locked so that two workers share the batch. */
  dueReservations(manager: EntityManager, now: Date, limit: number): Promise<Booking[]> {
    return manager
      .createQueryBuilder(Booking, 'b')
      .where('b.status = :status AND b.end_at <= :now', { status: BookingStatus.Reserved, now })
      .orderBy('b.end_at')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  async markExpired(manager: EntityManager, costs: { id: string; costCents: number }[]): Promise<void> {
    await manager.query(
      `UPDATE bookings b SET status = 'expired', cost_cents = c.cost, updated_at = now()
       FROM unnest($1::uuid[], $2::int[]) AS c(id, cost) WHERE b.id = c.id AND b.status = 'reserved'`,
      [costs.map((c) => c.id), costs.map((c) => c.costCents)],
    );
  }

  /**
   * R-OCC-3: moves a reservation still `reserved` to the highest-numbered spot of its lot free from `from`
   * to its end (as the occupancy rules say), and checks it in at `checkInAt` when given; one statement, so
   * one atomic change. The spot is locked (SKIP LOCKED) like an allocation's; the exclusion constraints
   * still decide a race. Answers the new spot, or nothing when no spot is free or the booking changed.
   */
  async reseat(manager: EntityManager, id: string, from: Date, now: Date, checkInAt: Date | null): Promise<{ spot_id: string; spot_number: number } | undefined> {
    // For an UPDATE, TypeORM's query() answers [rows, affected].
    const [rows] = (await manager.query(
      `WITH booking AS (SELECT id, lot_id, end_at FROM bookings WHERE id = $1 AND status = 'reserved'),
            target AS (${reserveSpotSql('(SELECT lot_id FROM booking)', '$2::timestamptz', '(SELECT end_at FROM booking)', '$3::timestamptz', true, '$1')})
       UPDATE bookings b
       SET reseated_from_spot_id = b.spot_id, spot_id = target.id, spot_held_from = $2, reseat_failed_at = NULL,
           status = CASE WHEN $4::timestamptz IS NULL THEN b.status ELSE 'active'::booking_status END,
           checked_in_at = COALESCE($4::timestamptz, b.checked_in_at), updated_at = CURRENT_TIMESTAMP
       FROM target, booking
       WHERE b.id = booking.id AND b.status = 'reserved'
       RETURNING target.id AS spot_id, target.number AS spot_number`,
      [id, from, now, checkInAt],
    )) as [{ spot_id: string; spot_number: number }[], number];
    return rows[0];
  }

  /** R-OCC-3: remembers that no spot was free to re-seat the reservation (its cancellation is then free). */
  async markReseatFailed(manager: EntityManager, id: string, now: Date): Promise<boolean> {
    const [rows] = (await manager.query(
      `UPDATE bookings SET reseat_failed_at = $2, updated_at = CURRENT_TIMESTAMP
       WHERE id = $1 AND status = 'reserved' AND reseat_failed_at IS NULL RETURNING id`,
      [id, now],
    )) as [unknown[], number];
    return rows.length > 0;
  }

  /** Whether a car other than this booking's is on its spot now (R-OCC-1), and whether it overstays. */
  async spotTakenBy(bookingId: string, now: Date): Promise<{ taken: boolean; overstay: boolean }> {
    const [row]: { taken: boolean; overstay: boolean }[] = await this.dataSource.query(
      `SELECT count(*) > 0 AS taken, COALESCE(bool_or(${OVERSTAYS('o', '$2')}), false) AS overstay
       FROM bookings b JOIN bookings o ON o.spot_id = b.spot_id AND o.status = 'active' AND o.id <> b.id
       WHERE b.id = $1`,
      [bookingId, now],
    );
    return row;
  }

  /**
   * R-OCC-3 ahead of time: reservations not yet checked in that start before `until` and have not ended,
   * whose spot has an overstaying car on it (bookings_upcoming_start_idx, then a probe of the spot's
   * active booking).
   */
  async reservationsOnOverstayedSpots(now: Date, until: Date): Promise<{ id: string; lot_id: string }[]> {
    return this.dataSource.query(
      `SELECT b.id, b.lot_id FROM bookings b
       WHERE b.status = 'reserved' AND b.start_at < $2 AND b.end_at > $1
         AND EXISTS (SELECT 1 FROM bookings o WHERE o.spot_id = b.spot_id AND ${OVERSTAYS('o', '$1')})
       ORDER BY b.start_at`,
      [now, until],
    );
  }

  /**
   * Marks, and answers, the active bookings that need a mail: `ending_soon` — a reservation ending
   * within `until` (R-OCC-4); `overstay` — a stay past its planned end (R-OCC-2). The mark is set in
   * the same statement, so each mail is asked for once however many workers sweep.
   */
  async claimMails(manager: EntityManager, kind: 'ending_soon' | 'overstay', now: Date, until: Date): Promise<BookingRow[]> {
    const due =
      kind === 'ending_soon'
        ? `status = 'active' AND type = 'reserved' AND end_at > $1 AND end_at <= $2 AND ending_soon_mailed_at IS NULL`
        : `${OVERSTAYS('bookings', '$1')} AND overstay_mailed_at IS NULL`;
    const column = kind === 'ending_soon' ? 'ending_soon_mailed_at' : 'overstay_mailed_at';
    const params = kind === 'ending_soon' ? [now, until] : [now];
    const [claimed] = (await manager.query(`UPDATE bookings SET ${column} = $1 WHERE ${due} RETURNING id`, params)) as [{ id: string }[], number];
    if (claimed.length === 0) return [];
    return manager.query(`${BOOKING_VIEW} WHERE b.id = ANY($1::uuid[]) ORDER BY b.start_at`, [claimed.map((row) => row.id)]);
  }

  /** Who a booking's mails go to. */
  async recipient(userId: string, manager: EntityManager = this.dataSource.manager): Promise<{ id: string; email: string; name: string }> {
    const [row] = await manager.query(`SELECT id, email, COALESCE(full_name, username) AS name FROM users WHERE id = $1`, [userId]);
    return row;
  }

  /** The admins told about reservations that could not be re-seated. */
  activeAdmins(manager: EntityManager = this.dataSource.manager): Promise<{ id: string; email: string; name: string }[]> {
    return manager.query(`SELECT id, email, COALESCE(full_name, username) AS name FROM users WHERE role = 'admin' AND is_active ORDER BY email`);
  }

  /**
   * R-BOOK-1: a reservation left spot `spotId`, so a car parked there until it started may now stay until
   * the next reservation of the spot, or as long as it likes. Moving `must_leave_by` later can only
   * conflict with a reservation that committed meanwhile, which the exclusion constraint refuses; the
   * caller then keeps the earlier time. Answers whether a booking changed.
   */
  async extendMustLeaveBy(spotId: string): Promise<boolean> {
    const [rows] = (await this.dataSource.query(
      `UPDATE bookings p
       SET must_leave_by = (SELECT min(lower(r.period)) FROM bookings r WHERE r.spot_id = p.spot_id AND r.status = 'reserved' AND lower(r.period) > p.start_at),
           updated_at = CURRENT_TIMESTAMP
       WHERE p.spot_id = $1 AND p.status = 'active' AND p.type = 'instant' AND p.must_leave_by IS NOT NULL
       RETURNING p.id`,
      [spotId],
    )) as [unknown[], number];
    return rows.length > 0;
  }
}
