import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../errors/domain-error';

/** What body-parser reports when `rejectInvalidUtf8` refuses a body (see body-parser-errors.ts). */
export const INVALID_UTF8 = 'entity.invalid.utf8';

/** A body is there when it has bytes: a non-zero Content-Length, or chunks of unknown length. */
function carriesBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) !== 0);
}

/** `application/json`, with no charset or UTF-8's (RFC 8259: JSON exchanged between systems is UTF-8). */
export function isJsonMediaType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [type, ...parameters] = contentType.split(';');
  if (type.trim().toLowerCase() !== 'application/json') return false;
  return parameters.every((parameter) => {
    const [name, value = ''] = parameter.split('=');
    return name.trim().toLowerCase() !== 'charset' || /^"?utf-?8"?$/i.test(value.trim());
  });
}

/**
 * Every body the API takes is JSON (R-ROB-1): any other body, or one without a Content-Type, is a 415
 * before a parser reads it. Requests without a body (most GETs, a bare POST) pass whatever they declare.
 */
export function requireJsonBody(request: Request, _response: Response, next: NextFunction): void {
  next(carriesBody(request) && !isJsonMediaType(request.headers['content-type']) ? new DomainError('UNSUPPORTED_MEDIA_TYPE') : undefined);
}

/**
 * body-parser's `verify` hook: its decoder turns invalid UTF-8 into U+FFFD, which would store the
 * caller's broken bytes as question marks; the body is refused (400) instead.
 */
export function rejectInvalidUtf8(_request: IncomingMessage, _response: unknown, body: Buffer): void {
  if (!isUtf8(body)) throw Object.assign(new Error('The request body is not valid UTF-8'), { type: INVALID_UTF8, status: 400 });
}
