import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
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
  cost_cents: number | null;
  release_reason: string | null;
  paid: boolean;
  created_at: Date;
}

export interface BookingFilter {
  userId?: string;
  status?: BookingStatus;
  lotId?: string;
  vehicleNumber?: string;
  from?: Date;
  to?: Date;
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
}

/** What held when a booking was attempted, and the booking when it was written. */
export interface AllocationOutcome {
  lotFound: boolean;
  lotArchived: boolean;
  driverActive: boolean;
  vehicleParked: boolean;
  driver: { email: string | null; name: string | null };
  booking?: BookingRow;
}

export type TransitionColumns = Pick<BookingRow, 'status' | 'checked_in_at' | 'released_at' | 'cost_cents' | 'release_reason'>;
type NewBookingColumns = Omit<BookingRow, 'checked_in_at' | 'released_at' | 'cost_cents' | 'release_reason' | 'paid'>;
type AllocationRow = Omit<AllocationOutcome, 'driver' | 'booking'> & { driverEmail: string | null; driverName: string | null } & {
  [column in keyof NewBookingColumns]: NewBookingColumns[column] | null;
};

/**
 * R-BOOK-1: the lowest-numbered in-service spot with no active booking and no reservation from `now` on.
 * The lot's live bookings are read once (bookings_live_lot_idx) into a hashed set that each spot is looked
 * up in. Written per spot instead (NOT EXISTS … b.spot_id = s.id), the plan depends on statistics: on tables
 * not yet analyzed PostgreSQL scanned every live booking of every lot once per spot.
 */
const FREE_SPOT_FROM_NOW = (lotId: string, now: string) => `
  SELECT s.id, s.number FROM spots s
  WHERE s.lot_id = ${lotId} AND s.archived_at IS NULL AND NOT s.out_of_service
    AND s.id NOT IN (
      SELECT b.spot_id FROM bookings b
      WHERE b.lot_id = ${lotId} AND b.status IN ('active', 'reserved') AND (b.status = 'active' OR b.end_at > ${now}))
  ORDER BY s.number
  LIMIT 1`;

/** R-BOOK-2: the highest-numbered in-service spot free over the whole window. */
const FREE_SPOT_FOR_WINDOW = (lotId: string, startAt: string, endAt: string) => `
  SELECT s.id, s.number FROM spots s
  WHERE s.lot_id = ${lotId} AND s.archived_at IS NULL AND NOT s.out_of_service
    AND NOT EXISTS (
      SELECT 1 FROM bookings b
      WHERE b.spot_id = s.id AND b.status <> 'cancelled' AND b.period && tstzrange(${startAt}, ${endAt}))
  ORDER BY s.number DESC
  LIMIT 1`;

/**
 * The statement of BookingsRepository.allocate (exported for the benchmark, which runs it from pgbench).
 * $1 lot, $2 driver, $3 vehicle, $4 type, $5 status, $6 start (park now: now), $7 end of a reservation.
 */
export function allocationStatement(forWindow: boolean): string {
  const freeSpot = forWindow ? FREE_SPOT_FOR_WINDOW('$1', '$6', '$7') : FREE_SPOT_FROM_NOW('$1', '$6');
  return `WITH lot AS (SELECT id, name, price_per_hour_cents, archived_at FROM lots WHERE id = $1 FOR KEY SHARE),
        driver AS (SELECT id, username, email, COALESCE(full_name, username) AS name, is_active FROM users WHERE id = $2),
        parked AS (SELECT EXISTS (SELECT 1 FROM bookings WHERE vehicle_number = $3 AND status = 'active') AS busy),
        spot AS (${freeSpot} FOR UPDATE OF s SKIP LOCKED),
        inserted AS (
          INSERT INTO bookings (user_id, lot_id, spot_id, vehicle_number, type, status, start_at, end_at, rate_per_hour_cents)
          SELECT driver.id, lot.id, spot.id, $3, $4::booking_type, $5::booking_status, $6::timestamptz, $7::timestamptz, lot.price_per_hour_cents
          FROM lot, driver, parked, spot
          WHERE lot.archived_at IS NULL AND driver.is_active AND NOT parked.busy
          RETURNING id, user_id, lot_id, spot_id, vehicle_number, type, status, start_at, end_at, rate_per_hour_cents, created_at)
   SELECT lot.id IS NOT NULL AS "lotFound", lot.archived_at IS NOT NULL AS "lotArchived",
          COALESCE(driver.is_active, false) AS "driverActive", parked.busy AS "vehicleParked",
          driver.email AS "driverEmail", driver.name AS "driverName",
          inserted.id, inserted.user_id, driver.username, inserted.lot_id, lot.name AS lot_name, inserted.spot_id,
          spot.number AS spot_number, inserted.vehicle_number, inserted.type, inserted.status, inserted.start_at,
          inserted.end_at, inserted.rate_per_hour_cents, inserted.created_at
   FROM parked LEFT JOIN lot ON true LEFT JOIN driver ON true LEFT JOIN spot ON true LEFT JOIN inserted ON true`;
}

export const BOOKING_VIEW = `
  SELECT b.id, b.user_id, u.username, b.lot_id, l.name AS lot_name, b.spot_id, s.number AS spot_number,
         b.vehicle_number, b.type, b.status, b.start_at, b.end_at, b.checked_in_at, b.released_at,
         b.rate_per_hour_cents, b.cost_cents, b.release_reason, (p.id IS NOT NULL) AS paid, b.created_at
  FROM bookings b
  JOIN lots l ON l.id = b.lot_id
  JOIN spots s ON s.id = b.spot_id
  JOIN users u ON u.id = b.user_id
  LEFT JOIN payments p ON p.booking_id = b.id`;

/** One booking's view; $2 is its driver's id, or null for any driver's. */
export const FIND_VIEW = `${BOOKING_VIEW} WHERE b.id = $1 AND ($2::uuid IS NULL OR b.user_id = $2)`;

/**
 * Allocation row-locks candidate spots with SKIP LOCKED, so concurrent bookings of one lot take
 * different spots instead of queueing on the same one; the exclusion constraints stay the guarantee.
 */
@Injectable()
export class BookingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** R-BOOK-1 (no window) or R-BOOK-2: the spot an allocation would take now, without locking it. */
  async freeSpot(lotId: string, now: Date, window?: BookingWindow): Promise<FreeSpot | undefined> {
    const rows: FreeSpot[] = window
      ? await this.dataSource.query(FREE_SPOT_FOR_WINDOW('$1', '$2', '$3'), [lotId, window.startAt, window.endAt])
      : await this.dataSource.query(FREE_SPOT_FROM_NOW('$1', '$2'), [lotId, now]);
    return rows[0];
  }

  /**
   * One statement, so one round trip for a booking: share-lock the lot against archiving, read the
   * driver's flag, check the vehicle is not parked, lock a free spot (skipping spots that concurrent
   * allocations hold) and insert when all of that allows it. The answer says which condition held, for the
   * service to turn into the rule's error; the exclusion constraints still decide every race (a violation
   * aborts the statement). In autocommit, the locks last as long as the statement.
   *
   * The vehicle check is separate from the exclusion constraint because a checked-in reservation that
   * overstays its window no longer holds a period past its end, yet the vehicle is still parked.
   */
  async allocate(input: AllocationInput): Promise<AllocationOutcome> {
    const [row]: AllocationRow[] = await this.dataSource.query(
      allocationStatement(input.window !== undefined),
      [input.lotId, input.userId, input.vehicleNumber, input.type, input.status, input.startAt, input.window?.endAt ?? null],
    );
    const { lotFound, lotArchived, driverActive, vehicleParked, driverEmail, driverName, ...inserted } = row;
    const booking: BookingRow | undefined = inserted.id
      ? { ...(inserted as NewBookingColumns), checked_in_at: null, released_at: null, cost_cents: null, release_reason: null, paid: false }
      : undefined;
    return { lotFound, lotArchived, driverActive, vehicleParked, driver: { email: driverEmail, name: driverName }, booking };
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

  async findView(id: string, userId?: string): Promise<BookingRow | undefined> {
    const rows: BookingRow[] = await this.dataSource.query(FIND_VIEW, [id, userId ?? null]);
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
}
