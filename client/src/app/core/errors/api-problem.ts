import { HttpErrorResponse } from '@angular/common/http';
import { ErrorBodyDto } from '../../api/models';
import { SessionExpiredError } from '../auth/auth.interceptor';

/**
 * What went wrong, in the terms the UI shows: the API's message, per field its complaints, and the other
 * facts some codes carry (LOT_FULL: `nextFreeAt`).
 */
export interface ApiProblem {
  status: number;
  code: string;
  message: string;
  fieldErrors: Record<string, string[]>;
  details?: Record<string, unknown>;
  /** How long the API asks to wait before trying again (`Retry-After` of a 429 or 503), in seconds. */
  retryAfterSeconds?: number;
}

type FieldDetail = { field: string; errors: string[] };

function isErrorBody(body: unknown): body is ErrorBodyDto {
  return typeof body === 'object' && body !== null && 'code' in body && 'message' in body;
}

function isFieldDetail(detail: unknown): detail is FieldDetail {
  return typeof detail === 'object' && detail !== null && 'field' in detail && 'errors' in detail;
}

/** Facts other than field errors: an object whose fields depend on the code. */
function factsOf(details: unknown): Record<string, unknown> | undefined {
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return undefined;
  return details as Record<string, unknown>;
}

/** VALIDATION_FAILED carries `details: [{field, errors}]`; other codes carry other facts, or none. */
function fieldErrorsOf(details: unknown): Record<string, string[]> {
  if (!Array.isArray(details)) return {};
  return Object.fromEntries(details.filter(isFieldDetail).map((d) => [d.field, d.errors]));
}

/**
 * Calls whose success has no body (a 204: archive a lot, open the queue dashboard) ask for text, so
 * their error body arrives as the JSON text itself.
 */
function bodyOf(error: HttpErrorResponse): unknown {
  if (typeof error.error !== 'string') return error.error;
  try {
    return JSON.parse(error.error);
  } catch {
    return error.error;
  }
}

/**
 * The wait `Retry-After` asks for, in whole seconds: the header holds seconds or an HTTP date; a
 * RATE_LIMITED body repeats the seconds in `details.retryAfterSeconds`.
 */
export function retryAfterSeconds(
  error: HttpErrorResponse,
  facts?: Record<string, unknown>,
  now = Date.now(),
): number | undefined {
  const header = error.headers?.get('Retry-After')?.trim();
  if (header) {
    if (/^\d+$/.test(header)) return Number(header);
    const at = Date.parse(header);
    if (!Number.isNaN(at)) return Math.max(0, Math.ceil((at - now) / 1000));
  }
  const inBody = facts?.['retryAfterSeconds'];
  return typeof inBody === 'number' && inBody >= 0 ? Math.ceil(inBody) : undefined;
}

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;

/** A wait as a person counts it: `40 seconds`, `2 minutes` (rounded up), `1 hour`. */
export function waitInWords(seconds: number): string {
  if (seconds < 60) return plural(Math.max(1, Math.ceil(seconds)), 'second');
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return plural(minutes, 'minute');
  return plural(Math.ceil(minutes / 60), 'hour');
}

/**
 * The message of an answer that asks to wait, with when to try again in words: a 429 in our own words
 * instead of the API's "try again later"; a 503 that names its wait (`Retry-After`) keeps the API's
 * reason and adds the wait.
 */
function waitMessage(status: number, message: string, wait: number | undefined): string {
  const when =
    wait === undefined ? 'wait a moment and try again' : `try again in ${waitInWords(wait)}`;
  if (status === 429) return `Too many attempts — ${when}`;
  if (status === 503 && wait !== undefined) return `${message.replace(/\.$/, '')} — ${when}`;
  return message;
}

/** Maps anything a call to the API can throw to an ApiProblem. */
export function toApiProblem(error: unknown): ApiProblem {
  if (error instanceof SessionExpiredError) {
    return { status: 401, code: 'SESSION_EXPIRED', message: error.message, fieldErrors: {} };
  }
  if (error instanceof HttpErrorResponse) {
    const body = bodyOf(error);
    if (isErrorBody(body)) {
      const { statusCode, code, message, details } = body;
      const facts = factsOf(details);
      const wait = retryAfterSeconds(error, facts);
      return {
        status: statusCode,
        code,
        message: waitMessage(statusCode, message, wait),
        fieldErrors: fieldErrorsOf(details),
        ...(facts ? { details: facts } : {}),
        ...(wait === undefined ? {} : { retryAfterSeconds: wait }),
      };
    }
    const wait = retryAfterSeconds(error);
    const message =
      error.status === 0
        ? 'Cannot reach the server. Check your connection and try again.'
        : waitMessage(
            error.status,
            `The server answered ${error.status} ${error.statusText}`.trim(),
            wait,
          );
    return {
      status: error.status,
      code: 'HTTP_ERROR',
      message,
      fieldErrors: {},
      ...(wait === undefined ? {} : { retryAfterSeconds: wait }),
    };
  }
  return {
    status: 0,
    code: 'CLIENT_ERROR',
    message: 'Something went wrong. Please try again.',
    fieldErrors: {},
  };
}
