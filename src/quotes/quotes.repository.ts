import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface StoredQuote {
  id: string;
  user_id: string;
  lot_id: string;
  tariff_version: number;
  start_at: Date;
  end_at: Date;
  total_cents: number;
  expires_at: Date;
}

export type NewQuote = Omit<StoredQuote, 'id'>;

/** How long an expired quote is kept, so a late booking with it is told QUOTE_EXPIRED rather than QUOTE_MISMATCH. */
const KEEP_EXPIRED_MS = 24 * 3600_000;

/** The SQL of quotes (R-QUOTE-1, 2). */
@Injectable()
export class QuotesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Stores a quote and answers its id. Quotes expired more than a day ago are deleted in the same
   * statement, a few at a time (quotes_expires_at_idx), so the table stays small without a job.
   */
  async insert(quote: NewQuote, now: Date): Promise<string> {
    const [{ id }]: { id: string }[] = await this.dataSource.query(
      `WITH purged AS (
         DELETE FROM quotes WHERE id IN (SELECT id FROM quotes WHERE expires_at < $8 LIMIT 100)
       )
       INSERT INTO quotes (user_id, lot_id, tariff_version, start_at, end_at, total_cents, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [quote.user_id, quote.lot_id, quote.tariff_version, quote.start_at, quote.end_at, quote.total_cents, quote.expires_at, new Date(now.getTime() - KEEP_EXPIRED_MS)],
    );
    return id;
  }

  async find(id: string): Promise<StoredQuote | undefined> {
    const rows: StoredQuote[] = await this.dataSource.query(
      `SELECT id, user_id, lot_id, tariff_version, start_at, end_at, total_cents, expires_at FROM quotes WHERE id = $1`,
      [id],
    );
    return rows[0];
  }
}
