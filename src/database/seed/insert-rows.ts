import { QueryRunner } from 'typeorm';

export interface Column<T> {
  name: string;
  /** The PostgreSQL type of the column, e.g. `uuid`, `timestamptz`, `booking_status`. */
  type: string;
  value: (row: T) => string | number | boolean | null;
}

/** Rows per statement: large enough to amortise the round trip, small enough for steady progress. */
export const INSERT_CHUNK = 5000;

/**
 * Set-based insert: one statement per chunk, each column sent as one array parameter and unnested
 * server-side, so a million rows are a couple of hundred statements rather than a million.
 */
export async function insertRows<T>(
  runner: QueryRunner,
  table: string,
  columns: Column<T>[],
  rows: readonly T[],
  onProgress?: (inserted: number) => void,
): Promise<void> {
  for (let first = 0; first < rows.length; first += INSERT_CHUNK) {
    const chunk = rows.slice(first, first + INSERT_CHUNK);
    const names = columns.map((column) => column.name).join(', ');
    const arrays = columns.map((column, i) => `$${i + 1}::${column.type}[]`).join(', ');
    await runner.query(
      `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays})`,
      columns.map((column) => chunk.map(column.value)),
    );
    onProgress?.(first + chunk.length);
  }
}

/** An epoch-milliseconds instant as the ISO text PostgreSQL reads; null stays null. */
export const iso = (instant: number | null) => (instant === null ? null : new Date(instant).toISOString());
