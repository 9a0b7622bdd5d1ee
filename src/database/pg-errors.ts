import { QueryFailedError } from 'typeorm';

/** PostgreSQL SQLSTATE codes we turn into domain errors. */
export const PG = {
  UNIQUE_VIOLATION: '23505',
  EXCLUSION_VIOLATION: '23P01',
  CHECK_VIOLATION: '23514',
  SERIALIZATION_FAILURE: '40001',
  DEADLOCK_DETECTED: '40P01',
} as const;

interface PgDriverError {
  code?: string;
  constraint?: string;
}

/** The SQLSTATE and constraint name of a failed query, or undefined for any other error. */
export function pgError(error: unknown): PgDriverError | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError = error.driverError as PgDriverError;
  return { code: driverError.code, constraint: driverError.constraint };
}

export function isViolationOf(error: unknown, code: string, constraint?: string): boolean {
  const pg = pgError(error);
  return pg?.code === code && (constraint === undefined || pg.constraint === constraint);
}
