import { applyDecorators, ParseUUIDPipe } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, Max, Min, ValidateBy, ValidationOptions } from 'class-validator';
import { DomainError } from '../errors/domain-error';

/** ISO-8601 date-time with an explicit offset or `Z` (R-ERR-2): a zone-less time is ambiguous. */
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/;

/** Date.parse rolls 2026-02-30 over to March; a real calendar date and clock time are checked here. */
export function isIsoDateTimeWithOffset(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = ISO_WITH_OFFSET.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second = 0, offsetHours = 0, offsetMinutes = 0] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part))) as number[];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return (
    month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59 && offsetHours <= 23 && offsetMinutes <= 59
  );
}

export function IsIsoDateTimeWithOffset(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoDateTimeWithOffset',
      validator: {
        validate: isIsoDateTimeWithOffset,
        defaultMessage: () => '$property must be an ISO-8601 date-time with an offset, e.g. 2026-11-22T09:00:00+01:00',
      },
    },
    options,
  );
}

/** Lower-cases and trims a string before validation (e-mails, usernames for lookup). */
export const TrimLowerCase = () => Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));

/** Trims a string before validation. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** An integer query parameter within bounds. */
export function IntQuery(min: number, max: number): PropertyDecorator {
  return applyDecorators(Type(() => Number), IsInt(), Min(min), Max(max));
}

/** A `true`/`false` query parameter. */
export const BooleanQuery = () =>
  applyDecorators(
    Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)),
    IsBoolean({ message: '$property must be true or false' }),
  );

/** Route parameter pipe for UUID ids: a malformed id is a 400 VALIDATION_FAILED, not a 500 (R-ERR-2). */
export const UuidParam = new ParseUUIDPipe({
  exceptionFactory: () =>
    new DomainError('VALIDATION_FAILED', 'The id must be a UUID', [{ field: 'id', errors: ['id must be a UUID'] }]),
});
