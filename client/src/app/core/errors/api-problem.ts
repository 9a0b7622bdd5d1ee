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
      return {
        status: statusCode,
        code,
        message,
        fieldErrors: fieldErrorsOf(details),
        ...(facts ? { details: facts } : {}),
      };
    }
    const message =
      error.status === 0
        ? 'Cannot reach the server. Check your connection and try again.'
        : `The server answered ${error.status} ${error.statusText}`.trim();
    return { status: error.status, code: 'HTTP_ERROR', message, fieldErrors: {} };
  }
  return {
    status: 0,
    code: 'CLIENT_ERROR',
    message: 'Something went wrong. Please try again.',
    fieldErrors: {},
  };
}
