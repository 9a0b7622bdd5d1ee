import { CustomTypesConfig, types } from 'pg';

/**
 * A timestamptz as PostgreSQL writes it in a session with `DateStyle = ISO` and `TimeZone = UTC`:
 * `2026-11-22 10:00:00+00`, with up to six fraction digits when there are any.
 */
export type PgUtcTimestamp = string;

const TIMESTAMPTZ_OID = 1184;

/**
 * Rows of an export keep their timestamps as that text: a million rows would otherwise cost five Date
 * parses and five toISOString calls each, a fifth of the export's time.
 */
export const TIMESTAMPS_AS_TEXT: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMPTZ_OID ? (text: string) => text : types.getTypeParser(oid, format)) as CustomTypesConfig['getTypeParser'],
};

/** The same instant as Date#toISOString writes it (milliseconds, truncated like a Date, and `Z`). */
export function isoFromPg(text: PgUtcTimestamp): string {
  const fraction = text.length > 22 ? text.slice(20, -3) : '';
  return `${text.slice(0, 10)}T${text.slice(11, 19)}.${fraction.slice(0, 3).padEnd(3, '0')}Z`;
}
