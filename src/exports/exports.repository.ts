import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { DataSource, QueryRunner } from 'typeorm';
import { BookingStatus, BookingType } from '../bookings/entities/booking.entity';
import { PaymentMethod } from '../bookings/entities/payment.entity';
import { Role } from '../common/decorators/roles.decorator';
import { PgUtcTimestamp, TIMESTAMPS_AS_TEXT } from './pg-timestamp';
import type { Tariff } from '../pricing/tariff';

export interface BookingExportRow {
  id: string;
  user_id: string;
  username: string;
  lot_id: string;
  lot_name: string;
  spot_number: number;
  vehicle_number: string;
  type: BookingType;
  status: BookingStatus;
  start_at: PgUtcTimestamp;
  end_at: PgUtcTimestamp | null;
  checked_in_at: PgUtcTimestamp | null;
  released_at: PgUtcTimestamp | null;
  rate_per_hour_cents: number;
  /** R-TARIFF-2: null for a booking made before tariffs (priced at its rate). */
  tariff_version: number | null;
  lot_time_zone: string;
  /** The tariff of the booking's version, read only while its cost is still open (an active booking's cost so far). */
  open_tariff: Tariff | null;
  cost_cents: number | null;
  release_reason: string | null;
  paid: boolean;
  created_at: PgUtcTimestamp;
}

export interface UserExportRow {
  id: string;
  email: string;
  username: string;
  full_name: string | null;
  role: Role;
  is_active: boolean;
  email_verified_at: PgUtcTimestamp | null;
  created_at: PgUtcTimestamp;
}

export interface LotExportRow {
  id: string;
  name: string;
  address: string;
  postal_code: string | null;
  price_per_hour_cents: number;
  capacity: number;
  archived_at: PgUtcTimestamp | null;
  created_at: PgUtcTimestamp;
}

export interface PaymentExportRow {
  id: string;
  booking_id: string;
  user_id: string;
  username: string;
  amount_cents: number;
  method: PaymentMethod;
  created_at: PgUtcTimestamp;
}

export interface ExportOwner {
  email: string;
  username: string;
  full_name: string | null;
}

/** A table to export: a cheap count for the progress, then its rows through a cursor. */
export interface ExportSource<Row> {
  count(): Promise<number>;
  rows(): AsyncIterable<Row>;
}

/**
 * Rows fetched per round trip of a cursor. Small on purpose: a batch lives while it is written, across many
 * young-generation collections, so it ends up in the old generation; with batches of 1000 the xlsx worker's
 * heap grew by 120 MB of such garbage between two full collections, with 100 it stays flat.
 */
const CURSOR_BATCH_ROWS = 100;

const BOOKINGS = `
  SELECT b.id, b.user_id, u.username, b.lot_id, l.name AS lot_name, s.number AS spot_number, b.vehicle_number, b.type,
         b.status, b.start_at, b.end_at, b.checked_in_at, b.released_at, b.rate_per_hour_cents, b.tariff_version,
         l.time_zone AS lot_time_zone, t.tariff AS open_tariff, b.cost_cents, b.release_reason, (p.id IS NOT NULL) AS paid, b.created_at
  FROM bookings b
  JOIN lots l ON l.id = b.lot_id
  LEFT JOIN lot_tariffs t ON b.cost_cents IS NULL AND t.lot_id = b.lot_id AND t.version = b.tariff_version
  JOIN spots s ON s.id = b.spot_id
  JOIN users u ON u.id = b.user_id
  LEFT JOIN payments p ON p.booking_id = b.id`;

/**
 * The rows of one export, all read in one REPEATABLE READ, READ ONLY transaction: the counts and the rows,
 * and the four tables of an admin export, are one consistent picture however long the writing takes.
 */
export class ExportSnapshot {
  constructor(private readonly runner: QueryRunner) {}

  /** A driver's history in time order (bookings_user_start_idx). */
  driverBookings(userId: string): ExportSource<BookingExportRow> {
    return this.source('SELECT count(*)::int AS count FROM bookings WHERE user_id = $1', `${BOOKINGS} WHERE b.user_id = $1 ORDER BY b.start_at, b.id`, [userId]);
  }

  bookings(): ExportSource<BookingExportRow> {
    return this.source('SELECT count(*)::int AS count FROM bookings', `${BOOKINGS} ORDER BY b.start_at, b.id`);
  }

  /** Never the password hash. */
  users(): ExportSource<UserExportRow> {
    return this.source(
      'SELECT count(*)::int AS count FROM users',
      'SELECT id, email, username, full_name, role, is_active, email_verified_at, created_at FROM users ORDER BY created_at, id',
    );
  }

  lots(): ExportSource<LotExportRow> {
    return this.source(
      'SELECT count(*)::int AS count FROM lots',
      'SELECT id, name, address, postal_code, price_per_hour_cents, capacity, archived_at, created_at FROM lots ORDER BY created_at, id',
    );
  }

  payments(): ExportSource<PaymentExportRow> {
    return this.source(
      'SELECT count(*)::int AS count FROM payments',
      `SELECT p.id, p.booking_id, p.user_id, u.username, p.amount_cents, p.method, p.created_at
       FROM payments p JOIN users u ON u.id = p.user_id ORDER BY p.created_at, p.id`,
    );
  }

  private source<Row>(countSql: string, rowsSql: string, params: unknown[] = []): ExportSource<Row> {
    const runner = this.runner;
    return {
      count: async () => ((await runner.query(countSql, params)) as { count: number }[])[0].count,
      rows: async function* () {
        // A server-side cursor read a batch at a time, paused while the file catches up; straight on the
        // snapshot's connection, since runner.stream takes no cursor options.
        const client = (await runner.connect()) as PoolClient;
        const stream = client.query(new QueryStream(rowsSql, params, { batchSize: CURSOR_BATCH_ROWS, types: TIMESTAMPS_AS_TEXT }));
        try {
          for await (const row of stream) yield row as Row;
        } finally {
          stream.destroy();
        }
      },
    };
  }
}

@Injectable()
export class ExportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` on one connection inside a read-only snapshot, released whatever happens. */
  async snapshot<T>(work: (snapshot: ExportSnapshot) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.startTransaction('REPEATABLE READ');
      await runner.query('SET TRANSACTION READ ONLY');
      // The text form of timestamps the rows keep (see PgUtcTimestamp), whatever the server's defaults.
      await runner.query("SET LOCAL DateStyle = 'ISO'");
      await runner.query("SET LOCAL TimeZone = 'UTC'");
      return await work(new ExportSnapshot(runner));
    } finally {
      // Read only: there is nothing to commit, and a rollback also ends a transaction a failed cursor aborted.
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  }

  async owner(userId: string): Promise<ExportOwner | undefined> {
    const rows: ExportOwner[] = await this.dataSource.query('SELECT email, username, full_name FROM users WHERE id = $1', [userId]);
    return rows[0];
  }
}
