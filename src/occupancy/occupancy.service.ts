import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { IN_SERVICE, NEXT_FREE_AT_SQL, parkNowSpotSql, reserveSpotSql, spotFreeOver } from './occupancy.sql';

/** How far ahead a full lot looks for the next spot that frees (R-BOOK-1's `nextFreeAt`, "later today"). */
const NEXT_FREE_HORIZON_MS = 24 * 3600_000;

/**
 * The questions about occupancy that are not part of another statement: the allocation and the lot and
 * spot listings embed the same rules (occupancy.sql.ts) in their own statements for one round trip.
 */
@Injectable()
export class OccupancyService {
  private readonly parkNowMinFreeMinutes: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: ConfigService<AppConfig, true>,
  ) {
    this.parkNowMinFreeMinutes = config.get('bookings', { infer: true }).parkNowMinFreeMinutes;
  }

  /** R-BOOK-1: park now may take a spot whose next reservation starts at or after this. */
  parkNowFrom(now: Date): Date {
    return new Date(now.getTime() + this.parkNowMinFreeMinutes * 60_000);
  }

  /** Whether park now (no window) or a reservation of `window` could take a spot of the lot, without locking one. */
  async hasFreeSpot(lotId: string, now: Date, window?: { startAt: Date; endAt: Date }): Promise<boolean> {
    const rows: unknown[] = window
      ? await this.dataSource.query(reserveSpotSql('$1', '$2', '$3', '$4', false), [lotId, window.startAt, window.endAt, now])
      : await this.dataSource.query(parkNowSpotSql('$1', '$2', '$3', false), [lotId, now, this.parkNowFrom(now)]);
    return rows.length > 0;
  }

  /** R-BOOK-1: when a spot of a full lot frees (or qualifies for park now) within the next 24 hours, if one does. */
  async nextFreeAt(lotId: string, now: Date): Promise<Date | null> {
    const [row]: { next_free_at: Date | null }[] = await this.dataSource.query(NEXT_FREE_AT_SQL, [
      lotId,
      now,
      new Date(now.getTime() + NEXT_FREE_HORIZON_MS),
      this.parkNowMinFreeMinutes,
    ]);
    return row.next_free_at;
  }

  /** R-BOOK-2: how many spots of the lot are free over [startAt, endAt) as seen at `now`. */
  async countFreeOver(lotId: string, startAt: Date, endAt: Date, now: Date): Promise<number> {
    const [row]: { available: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS available FROM spots s
       WHERE s.lot_id = $1 AND ${IN_SERVICE('s')} AND ${spotFreeOver('s', '$2', '$3', '$4')}`,
      [lotId, startAt, endAt, now],
    );
    return row.available;
  }
}
