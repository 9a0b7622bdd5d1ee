import { ERROR_CATALOGUE, ErrorCode } from './error-codes';

/**
 * A broken business rule. Services throw it without knowing HTTP; the global filter turns it into
 * `{statusCode, code, message, details?}` with the status of its code.
 */
export class DomainError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
    /** Response headers the error implies, e.g. Retry-After for RATE_LIMITED. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message ?? ERROR_CATALOGUE[code].message);
    this.status = ERROR_CATALOGUE[code].status;
  }

  static notFound(what: string): DomainError {
    return new DomainError('NOT_FOUND', `${what} not found`);
  }

  static rateLimited(retryAfterSeconds: number, message?: string): DomainError {
    return new DomainError('RATE_LIMITED', message, { retryAfterSeconds }, { 'Retry-After': String(retryAfterSeconds) });
  }
}
