import { applyDecorators } from '@nestjs/common';
import { ApiExtension, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { ReferenceObject, ResponseObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ErrorBodyDto } from './error-body.dto';
import { ERROR_CATALOGUE, ErrorCode } from './error-codes';

const ALL_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

/** Codes whose answer may say, in Retry-After, when to try again. */
const RETRY_AFTER_CODES: ErrorCode[] = ['RATE_LIMITED', 'SERVICE_UNAVAILABLE'];

/** Operation extension read (and removed) by the spec writer: the route touches neither PostgreSQL nor Redis. */
export const NO_STORAGE_EXTENSION = 'x-no-storage';

/** `codes` grouped by HTTP status, each group in the catalogue's order so the spec never depends on listing order. */
export function groupByStatus(codes: Iterable<ErrorCode>): Map<number, ErrorCode[]> {
  const wanted = new Set(codes);
  const groups = new Map<number, ErrorCode[]>();
  for (const code of ALL_CODES.filter((c) => wanted.has(c))) {
    const status = ERROR_CATALOGUE[code].status;
    groups.set(status, [...(groups.get(status) ?? []), code]);
  }
  return groups;
}

/** The error body with `statusCode` and `code` narrowed to what one response of an operation can carry. */
function errorSchema(status: number, codes: ErrorCode[]): SchemaObject {
  return {
    allOf: [
      { $ref: getSchemaPath(ErrorBodyDto) },
      { type: 'object', properties: { statusCode: { type: 'integer', enum: [status] }, code: { type: 'string', enum: codes } } },
    ],
  };
}

/** The response of `status` answering `codes` (all of that status), described by their catalogue messages. */
export function errorResponse(status: number, codes: ErrorCode[]): ResponseObject {
  const ordered = groupByStatus(codes).get(status) ?? [];
  return {
    description: ordered.map((code) => `\`${code}\`: ${ERROR_CATALOGUE[code].message}`).join('; '),
    content: { 'application/json': { schema: errorSchema(status, ordered) } },
    ...(ordered.some((code) => RETRY_AFTER_CODES.includes(code))
      ? { headers: { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } } } }
      : {}),
  };
}

/**
 * The codes of a response that `errorResponse` built, or undefined for any other response. Swagger files such a
 * response under a route's @ApiProduces types, so any media type is looked at.
 */
export function errorCodesOf(response: ResponseObject | ReferenceObject): ErrorCode[] | undefined {
  const schema = 'content' in response ? Object.values(response.content ?? {})[0]?.schema : undefined;
  const narrowing = schema && 'allOf' in schema ? (schema.allOf?.[1] as SchemaObject | undefined) : undefined;
  const codes = (narrowing?.properties?.code as SchemaObject | undefined)?.enum;
  return codes?.every((code) => ALL_CODES.includes(code as ErrorCode)) ? (codes as ErrorCode[]) : undefined;
}

/**
 * Documents the error codes a route answers, one response per status derived from ERROR_CATALOGUE:
 * `@ApiErrors('NOT_FOUND', 'BOOKING_NOT_ACTIVE')` gives a 404 and a 409 with the error body. The codes every
 * route of a kind answers (401, 403 ACCOUNT_DISABLED, 400 VALIDATION_FAILED, 413, 415, 503) are added by the
 * spec writer (src/openapi.ts), so a route lists only its own. Put it on the route: Swagger lets a route's
 * response replace its controller's of the same status rather than merge the two.
 */
export const ApiErrors = (...codes: ErrorCode[]) =>
  applyDecorators(
    ...[...groupByStatus(codes)].map(([status, group]) => {
      const { description, content, headers } = errorResponse(status, group);
      return ApiResponse({ status, description, schema: content!['application/json'].schema as SchemaObject, headers });
    }),
  );

/** Marks a route that answers without PostgreSQL or Redis, so it never answers 503 SERVICE_UNAVAILABLE. */
export const ApiNoStorage = () => ApiExtension(NO_STORAGE_EXTENSION, true);
