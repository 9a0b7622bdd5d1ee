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

const BOOKING_VIEW = `
  SELECT b.id, b.user_id, u.username, b.lot_id, l.name AS lot_name, b.spot_id, s.number AS spot_number,
         b.vehicle_number, b.type, b.status, b.start_at, b.end_at, b.checked_in_at, b.released_at,
         b.rate_per_hour_cents, b.cost_cents, b.release_reason, (p.id IS NOT NULL) AS paid, b.created_at
  FROM bookings b
  JOIN lots l ON l.id = b.lot_id
  JOIN spots s ON s.id = b.spot_id
  JOIN users u ON u.id = b.user_id
  LEFT JOIN payments p ON p.booking_id = b.id`;

/**
 * Allocation row-locks candidate spots with SKIP LOCKED, so concurrent bookings of one lot take
 * different spots instead of queueing on the same one; the exclusion constraints stay the guarantee.
 */
@Injectable()
export class BookingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** R-BOOK-1: the lowest-numbered in-service spot with no active booking and no reservation from now on. */
  async freeSpotFromNow(manager: EntityManager, lotId: string, now: Date, lock: boolean): Promise<FreeSpot | undefined> {
    const rows: FreeSpot[] = await manager.query(
      `SELECT s.id, s.number FROM spots s
       WHERE s.lot_id = $1 AND s.archived_at IS NULL AND NOT s.out_of_service
         AND NOT EXISTS (
           SELECT 1 FROM bookings b
           WHERE b.spot_id = s.id AND b.status IN ('active', 'reserved') AND (b.status = 'active' OR b.end_at > $2))
       ORDER BY s.number
       LIMIT 1 ${lock ? 'FOR UPDATE OF s SKIP LOCKED' : ''}`,
      [lotId, now],
    );
    return rows[0];
  }

  /** R-BOOK-2: the highest-numbered in-service spot free over the whole window. */
  async freeSpotForWindow(manager: EntityManager, lotId: string, startAt: Date, endAt: Date, lock: boolean): Promise<FreeSpot | undefined> {
    const rows: FreeSpot[] = await manager.query(
      `SELECT s.id, s.number FROM spots s
       WHERE s.lot_id = $1 AND s.archived_at IS NULL AND NOT s.out_of_service
         AND NOT EXISTS (
           SELECT 1 FROM bookings b
           WHERE b.spot_id = s.id AND b.status <> 'cancelled' AND b.period && tstzrange($2, $3))
       ORDER BY s.number DESC
       LIMIT 1 ${lock ? 'FOR UPDATE OF s SKIP LOCKED' : ''}`,
      [lotId, startAt, endAt],
    );
    return rows[0];
  }

  /**
   * A checked-in reservation that overstays its window no longer holds a period past its end, but the
   * vehicle is still parked: checked here, under the same transaction as the insert.
   */
  async vehicleIsParked(manager: EntityManager, vehicleNumber: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM bookings WHERE vehicle_number = $1 AND status = 'active' LIMIT 1`, [vehicleNumber]);
    return rows.length > 0;
  }

  async insert(manager: EntityManager, booking: Partial<Booking>): Promise<string> {
    const result = await manager.insert(Booking, booking);
    return (result.identifiers[0] as { id: string }).id;
  }

  /** Locks a booking for a state change; with `userId`, only that driver's booking is found (R-BOOK-9). */
  lockBooking(manager: EntityManager, id: string, userId?: string): Promise<Booking | null> {
    return manager.findOne(Booking, { where: userId ? { id, userId } : { id }, lock: { mode: 'pessimistic_write' } });
  }

  async findView(id: string, userId?: string): Promise<BookingRow | undefined> {
    const rows: BookingRow[] = await this.dataSource.query(`${BOOKING_VIEW} WHERE b.id = $1 AND ($2::uuid IS NULL OR b.user_id = $2)`, [id, userId ?? null]);
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
       FROM unnest($1::uuid[], $2::int[]) AS c(id, cost) WHERE b.id = c.id`,
      [costs.map((c) => c.id), costs.map((c) => c.costCents)],
    );
  }
}
