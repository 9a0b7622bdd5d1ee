import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { isConnectionFailure } from './connection-failure';
import { DomainError } from './domain-error';
import { ERROR_CATALOGUE, ErrorCode } from './error-codes';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

const HTTP_STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: 'VALIDATION_FAILED',
  [HttpStatus.UNAUTHORIZED]: 'UNAUTHORIZED',
  [HttpStatus.FORBIDDEN]: 'FORBIDDEN',
  [HttpStatus.NOT_FOUND]: 'ROUTE_NOT_FOUND',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'PAYLOAD_TOO_LARGE',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'UNSUPPORTED_MEDIA_TYPE',
  [HttpStatus.TOO_MANY_REQUESTS]: 'RATE_LIMITED',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'SERVICE_UNAVAILABLE',
};

/** How long a client is asked to wait while PostgreSQL (or another service the API needs) is unreachable. */
export const UNREACHABLE_RETRY_AFTER_SECONDS = 5;

function fromCode(code: ErrorCode, message?: string, details?: unknown): ErrorBody {
  const entry = ERROR_CATALOGUE[code];
  return { statusCode: entry.status, code, message: message ?? entry.message, ...(details === undefined ? {} : { details }) };
}

/** Maps anything thrown to the one error body of R-ERR-1; never leaks a stack trace. */
export function toErrorBody(error: unknown): { body: ErrorBody; headers: Record<string, string> } {
  if (error instanceof DomainError) {
    return { body: { ...fromCode(error.code, error.message, error.details), statusCode: error.status }, headers: error.headers };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    if (typeof response === 'object' && response !== null && 'code' in response) {
      return { body: { statusCode: status, ...(response as Omit<ErrorBody, 'statusCode'>) }, headers: {} };
    }
    const code = HTTP_STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'HTTP_ERROR');
    const message = status >= 500 ? undefined : typeof response === 'string' ? response : error.message;
    return { body: { ...fromCode(code, message), statusCode: status }, headers: {} };
  }
  if (isConnectionFailure(error)) {
    // R-ROB-2: an outage is not a bug; the caller may retry, and the pool reconnects once the server is back.
    return {
      body: fromCode('SERVICE_UNAVAILABLE', 'A service the API needs is unreachable; try again shortly'),
      headers: { 'Retry-After': String(UNREACHABLE_RETRY_AFTER_SECONDS) },
    };
  }
  return { body: fromCode('INTERNAL_ERROR'), headers: {} };
}

/** The stack of an error and of each error that caused it, with a driver's error code when there is one. */
export function describeCause(error: unknown): string {
  const lines: string[] = [];
  for (let cause = error, depth = 0; cause !== undefined && depth < 5; depth++) {
    if (!(cause instanceof Error)) {
      lines.push(String(cause));
      break;
    }
    const code = (cause as { code?: unknown }).code;
    lines.push(`${depth ? 'Caused by: ' : ''}${cause.stack ?? cause.message}${typeof code === 'string' ? ` [code ${code}]` : ''}`);
    cause = cause.cause;
  }
  return lines.join('\n');
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { body, headers } = toErrorBody(error);
    // R-ROB-4: the log line is written inside the request's context, so it carries the request id.
    if (body.statusCode >= 500) {
      if (error instanceof DomainError) this.logger.warn(`${body.statusCode} ${error.code}: ${error.message}`);
      else this.logger.error(describeCause(error));
    }
    if (response.headersSent) return;
    response.set(headers).status(body.statusCode).json(body);
  }
}
