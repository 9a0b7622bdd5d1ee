import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { BookingStatus, BookingType } from '../bookings/entities/booking.entity';
import { KEEPS_SPOT_IN_USE, LIVE, spotInUseSql, spotStatesSql, SpotStatus } from '../occupancy/occupancy.sql';
import type { Tariff } from '../pricing/tariff';
import { Lot } from './entities/lot.entity';
import { Spot } from './entities/spot.entity';

export interface LotWithCounts {
  id: string;
  name: string;
  address: string;
  postalCode: string | null;
  timeZone: string;
  tariffVersion: number;
  /** The current version's tariff: the lot's price is its rate in force (R-TARIFF-1). */
  tariff: Tariff;
  capacity: number;
  occupied: number;
  reserved: number;
  outOfService: number;
  parkNowSpots: number;
  overstays: number;
  averageRating: number | null;
  reviewCount: number;
  archivedAt: Date | null;
  createdAt: Date;
}

/** The booking that holds a spot now, as far as the spots page shows it. */
export interface CurrentBooking {
  id: string;
  userId: string;
  username: string;
  vehicleNumber: string;
  type: BookingType;
  status: BookingStatus;
  startAt: Date;
  endAt: Date | null;
  checkedInAt: Date | null;
  releasedAt: Date | null;
  ratePerHourCents: number;
  /** What the running cost is priced with (R-TARIFF-2): null for a booking made before tariffs. */
  tariffVersion: number | null;
  lotId: string;
  lotTimeZone: string;
  mustLeaveBy: Date | null;
}

export interface SpotWithStatus {
  id: string;
  number: number;
  outOfService: boolean;
  overstay: boolean;
  status: SpotStatus;
  /** R-SPOT-2: an active booking or a reservation not yet over keeps the spot in service. */
  inUse: boolean;
  /** When the spot's next reservation starts (it may have begun); null when none is ahead. */
  nextReservationAt: Date | null;
  current: CurrentBooking | null;
}

export interface LotFilter {
  search?: string;
  includeArchived: boolean;
  offset: number;
  limit: number;
}

export interface SpotFilter {
  status?: SpotStatus;
  spotId?: string;
  offset: number;
  limit: number;
}

/**
 * A page of lots (`where` filters the lots table `l`) with their spots' state at $1 (park now counted from
 * $2, R-BOOK-1), review stats and current tariff. Each lot's live bookings come from bookings_live_lot_idx
 * and are hash-joined to its spots, so the cost does not grow with booking history and there is no probe
 * per spot.
 */
const lotsWithCountsSql = (where: string, limit: string, offset: string) => `
  WITH page AS (
    SELECT l.*, count(*) OVER () AS total FROM lots l
    WHERE ${where}
    ORDER BY lower(l.name), l.id
    LIMIT ${limit} OFFSET ${offset}
  )
  SELECT p.*, spot.*, review.*, current_tariff.tariff
  FROM page p
  JOIN lot_tariffs current_tariff ON current_tariff.lot_id = p.id AND current_tariff.version = p.current_tariff_version
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS spot_count,
           count(*) FILTER (WHERE state.status = '${SpotStatus.Occupied}')::int AS occupied,
           count(*) FILTER (WHERE state.status = '${SpotStatus.Reserved}')::int AS reserved,
           count(*) FILTER (WHERE state.status = '${SpotStatus.OutOfService}')::int AS out_of_service_count,
           count(*) FILTER (WHERE state.park_now)::int AS park_now_spots,
           count(*) FILTER (WHERE state.overstay)::int AS overstays
    FROM (${spotStatesSql('p.id', '$1', '$2')}) state
  ) spot
  CROSS JOIN LATERAL (
    SELECT round(avg(r.rating), 2)::float8 AS average_rating, count(*)::int AS review_count FROM reviews r WHERE r.lot_id = p.id
  ) review
  ORDER BY lower(p.name), p.id`;

/** `%` and `_` in a search are literal characters, not wildcards. */
export function containsPattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

interface LotRow {
  id: string;
  name: string;
  address: string;
  postal_code: string | null;
  time_zone: string;
  current_tariff_version: number;
  tariff: Tariff;
  archived_at: Date | null;
  created_at: Date;
  total: string;
  spot_count: number;
  occupied: number;
  reserved: number;
  out_of_service_count: number;
  park_now_spots: number;
  overstays: number;
  average_rating: number | null;
  review_count: number;
}

function toLot(row: LotRow): LotWithCounts {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    postalCode: row.postal_code,
    timeZone: row.time_zone,
    tariffVersion: row.current_tariff_version,
    tariff: row.tariff,
    capacity: row.spot_count,
    occupied: row.occupied,
    reserved: row.reserved,
    outOfService: row.out_of_service_count,
    parkNowSpots: row.park_now_spots,
    overstays: row.overstays,
    averageRating: row.average_rating,
    reviewCount: row.review_count,
    archivedAt: row.archived_at,
    createdAt: row.created_at,
  };
}

interface SpotRow {
  id: string;
  number: number;
  out_of_service: boolean;
  overstay: boolean;
  status: SpotStatus;
  in_use: boolean;
  next_start: Date | null;
  total: string;
  booking_id: string | null;
  user_id: string;
  username: string;
  vehicle_number: string;
  type: BookingType;
  booking_status: BookingStatus;
  start_at: Date;
  end_at: Date | null;
  checked_in_at: Date | null;
  released_at: Date | null;
  rate_per_hour_cents: number;
  tariff_version: number | null;
  lot_id: string;
  lot_time_zone: string;
  must_leave_by: Date | null;
}

function toSpot(row: SpotRow): SpotWithStatus {
  const current: CurrentBooking | null =
    row.booking_id === null
      ? null
      : {
          id: row.booking_id,
          userId: row.user_id,
          username: row.username,
          vehicleNumber: row.vehicle_number,
          type: row.type,
          status: row.booking_status,
          startAt: row.start_at,
          endAt: row.end_at,
          checkedInAt: row.checked_in_at,
          releasedAt: row.released_at,
          ratePerHourCents: row.rate_per_hour_cents,
          tariffVersion: row.tariff_version,
          lotId: row.lot_id,
          lotTimeZone: row.lot_time_zone,
          mustLeaveBy: row.must_leave_by,
        };
  return {
    id: row.id,
    number: row.number,
    outOfService: row.out_of_service,
    overstay: row.overstay,
    status: row.status,
    inUse: row.in_use,
    nextReservationAt: row.next_start,
    current,
  };
}

/** The SQL of lots and spots. "Now" is always a parameter (the injected clock), never SQL now(). */
@Injectable()
export class LotsRepository {
  constructor(@InjectRepository(Lot) private readonly lots: Repository<Lot>) {}

  findById(id: string): Promise<Lot | null> {
    return this.lots.findOneBy({ id });
  }

  /**
   * Reads and locks the lot row: FOR UPDATE for changes of the lot, FOR NO KEY UPDATE for a new tariff
   * version (bookings may go on), FOR KEY SHARE for bookings in it.
   */
  lock(id: string, mode: 'pessimistic_write' | 'for_no_key_update' | 'for_key_share', manager: EntityManager): Promise<Lot | null> {
    return manager.findOne(Lot, { where: { id }, lock: { mode } });
  }

  /** One set-based query for a page of lots with their counts (R-LOT-5). */
  async listWithCounts(filter: LotFilter, now: Date, parkNowFrom: Date): Promise<[LotWithCounts[], number]> {
    const params: unknown[] = [now, parkNowFrom];
    const where = [filter.includeArchived ? 'true' : 'l.archived_at IS NULL'];
    if (filter.search) {
      const pattern = `$${params.push(containsPattern(filter.search))}`;
      where.push(`(l.name ILIKE ${pattern} OR l.address ILIKE ${pattern} OR l.postal_code ILIKE ${pattern})`);
    }
    const sql = lotsWithCountsSql(where.join(' AND '), `$${params.push(filter.limit)}`, `$${params.push(filter.offset)}`);
    const rows: LotRow[] = await this.lots.query(sql, params);
    // The total rides on the page's rows (count(*) OVER ()); past the last page there are none: ask page one.
    if (rows.length === 0 && filter.offset > 0) return [[], (await this.listWithCounts({ ...filter, offset: 0, limit: 1 }, now, parkNowFrom))[1]];
    return [rows.map(toLot), rows.length ? Number(rows[0].total) : 0];
  }

  async findWithCounts(id: string, now: Date, parkNowFrom: Date): Promise<LotWithCounts | null> {
    const rows: LotRow[] = await this.lots.query(lotsWithCountsSql('l.id = $3', '1', '0'), [now, parkNowFrom, id]);
    return rows.length ? toLot(rows[0]) : null;
  }

  /** A page of a lot's spots with their status at `now` and the booking that holds each (R-SPOT-1). */
  async listSpots(lotId: string, filter: SpotFilter, now: Date, parkNowFrom: Date): Promise<[SpotWithStatus[], number]> {
    const params: unknown[] = [now, lotId, parkNowFrom];
    const where = ['true'];
    if (filter.spotId) where.push(`state.id = $${params.push(filter.spotId)}`);
    if (filter.status) where.push(`state.status = $${params.push(filter.status)}`);
    const [limit, offset] = [`$${params.push(filter.limit)}`, `$${params.push(filter.offset)}`];
    // The total is counted from the CTE rather than with count(*) OVER (): PostgreSQL 15 costs a window
    // under a LIMIT as if it streamed, and then joins the spots to their bookings by nested loop (~1 s).
    const rows: SpotRow[] = await this.lots.query(
      `WITH spot AS (SELECT * FROM (${spotStatesSql('$2', '$1', '$3')}) state WHERE ${where.join(' AND ')})
       SELECT page.id, page.number, page.out_of_service, page.overstay, page.status, page.in_use, page.next_start, page.booking_id,
              (SELECT count(*) FROM spot) AS total,
              b.user_id, u.username, b.vehicle_number, b.type, b.status AS booking_status,
              b.start_at, b.end_at, b.checked_in_at, b.released_at, b.rate_per_hour_cents, b.tariff_version, b.lot_id,
              l.time_zone AS lot_time_zone, b.must_leave_by
       FROM (SELECT * FROM spot ORDER BY spot.number LIMIT ${limit} OFFSET ${offset}) page
       LEFT JOIN bookings b ON b.id = page.booking_id
       LEFT JOIN lots l ON l.id = b.lot_id
       LEFT JOIN users u ON u.id = b.user_id
       ORDER BY page.number`,
      params,
    );
    if (rows.length === 0 && filter.offset > 0) return [[], (await this.listSpots(lotId, { ...filter, offset: 0, limit: 1 }, now, parkNowFrom))[1]];
    return [rows.map(toSpot), rows.length ? Number(rows[0].total) : 0];
  }

  /** The lot; the database writes its tariff version 1 with it, one band at its price in its zone (trigger lots_first_tariff). */
  async insertLot(values: Pick<Lot, 'name' | 'address' | 'postalCode' | 'pricePerHourCents' | 'capacity' | 'timeZone'>, manager: EntityManager): Promise<string> {
    const result = await manager.insert(Lot, values);
    return (result.identifiers[0] as { id: string }).id;
  }

  async updateLot(id: string, values: Partial<Lot>, manager: EntityManager): Promise<void> {
    await manager.update(Lot, { id }, values);
  }

  /** Spots numbered from..to, in one statement. */
  async insertSpots(lotId: string, from: number, to: number, manager: EntityManager): Promise<void> {
    await manager.query(`INSERT INTO spots (lot_id, number) SELECT $1, n FROM generate_series($2::int, $3::int) n`, [lotId, from, to]);
  }

  /**
   * Whether a live spot numbered above `number` has an active or upcoming booking (R-LOT-2). The lot is
   * named on both sides so the planner can start from either index (live bookings, or the spot range).
   */
  async hasLiveBookingAbove(lotId: string, number: number, manager: EntityManager): Promise<boolean> {
    const [row]: { found: boolean }[] = await manager.query(
      `SELECT EXISTS (
         SELECT 1 FROM bookings b JOIN spots s ON s.id = b.spot_id
         WHERE b.lot_id = $1 AND ${LIVE('b')} AND s.lot_id = $1 AND s.archived_at IS NULL AND s.number > $2) AS found`,
      [lotId, number],
    );
    return row.found;
  }

  /**
   * Removes the live spots numbered above `number`: archived when they have any booking, else deleted.
   * Both the history test and the foreign-key check of each deleted spot look bookings up by spot_id
   * alone: without a plain index on bookings (spot_id) each is a sequential scan of all bookings.
   */
  async removeSpotsAbove(lotId: string, number: number, now: Date, manager: EntityManager): Promise<void> {
    const above = `lot_id = $1 AND archived_at IS NULL AND number > $2`;
    await manager.query(
      `UPDATE spots s SET archived_at = $3 WHERE ${above} AND EXISTS (SELECT 1 FROM bookings b WHERE b.spot_id = s.id)`,
      [lotId, number, now],
    );
    await manager.query(`DELETE FROM spots WHERE ${above}`, [lotId, number]);
  }

  /** R-LOT-4: somebody parked, or a reservation that has not ended yet: a booking that keeps its spot in use. */
  async hasOccupantsOrUpcoming(lotId: string, now: Date, manager: EntityManager): Promise<boolean> {
    const [row]: { found: boolean }[] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM bookings b WHERE b.lot_id = $1 AND ${KEEPS_SPOT_IN_USE('b', '$2')}) AS found`,
      [lotId, now],
    );
    return row.found;
  }

  lockSpot(lotId: string, spotId: string, manager: EntityManager): Promise<Spot | null> {
    return manager.findOne(Spot, { where: { id: spotId, lotId }, lock: { mode: 'pessimistic_write' } });
  }

  /** R-SPOT-2: a car on the spot or a reservation of it not yet over; the spot grid's `inUse` says the same. */
  async spotInUse(spotId: string, now: Date, manager: EntityManager): Promise<boolean> {
    const [row]: { found: boolean }[] = await manager.query(`SELECT ${spotInUseSql('$1', '$2')} AS found`, [spotId, now]);
    return row.found;
  }

  async setOutOfService(spotId: string, outOfService: boolean, manager: EntityManager): Promise<void> {
    await manager.update(Spot, { id: spotId }, { outOfService });
  }
}
