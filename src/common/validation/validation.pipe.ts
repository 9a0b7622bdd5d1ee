import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { setNewest } from '../bounded-map';
import { DomainError } from '../errors/domain-error';
import { findUnsafeInput } from './safe-input';

export interface FieldError {
  field: string;
  errors: string[];
}

/** Flattens nested class-validator errors into `{field: 'a.b', errors}` entries. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, errors: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** How many valid query strings are remembered per DTO class; past that the oldest is forgotten. */
const REMEMBERED_QUERIES = 1000;

type Primitive = string | number | boolean | undefined | null;

const isFlat = (value: unknown, accept: (field: unknown) => boolean): value is Record<string, Primitive> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(accept);
const isPrimitive = (field: unknown) => field === null || (typeof field !== 'object' && typeof field !== 'function');
/** A shallow copy that keeps the DTO's class (and so its getters). */
const copyOf = (dto: object): object => Object.assign(Object.create(Object.getPrototypeOf(dto) as object) as object, dto);

/** Runs before anything recurses into the input (R-ROB-1): a NUL byte or deep nesting is the caller's 400. */
function rejectUnsafeInput(value: unknown, metadata: ArgumentMetadata): void {
  const unsafe = findUnsafeInput(value, metadata.data ?? metadata.type);
  if (unsafe) throw new DomainError('VALIDATION_FAILED', `Invalid input — ${unsafe.field}: ${unsafe.errors[0]}`, [unsafe]);
}

/**
 * ValidationPipe, except that a query string it accepted before is not converted and validated again: most
 * reads repeat a handful of queries (`GET /lots` with none at all), and class-transformer plus class-validator
 * cost more than a cached answer. Validation depends on nothing but the input, so the same plain fields give
 * the same result; each caller gets its own copy. Only flat queries that give flat results (no arrays, dates
 * or nested objects, which a caller could change in place) are remembered, and failures never are. Every
 * body, query and route parameter is first checked for what no DTO should see (`findUnsafeInput`).
 */
export class AppValidationPipe extends ValidationPipe {
  private readonly validQueries = new Map<unknown, Map<string, object>>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') rejectUnsafeInput(value, metadata);
    if (metadata.type !== 'query' || !metadata.metatype || !isFlat(value, (field) => typeof field === 'string')) {
      return super.transform(value, metadata);
    }
    const key = JSON.stringify(value);
    let remembered = this.validQueries.get(metadata.metatype);
    const known = remembered?.get(key);
    if (known) return copyOf(known);
    const result: unknown = await super.transform(value, metadata);
    if (isFlat(result, isPrimitive)) {
      if (!remembered) this.validQueries.set(metadata.metatype, (remembered = new Map()));
      setNewest(remembered, key, copyOf(result), REMEMBERED_QUERIES);
    }
    return result;
  }
}

/** The global pipe: strips nothing silently — unknown fields are an error — and converts types. */
export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      const summary = details.map((d) => `${d.field}: ${d.errors[0]}`).join('; ');
      return new DomainError('VALIDATION_FAILED', `Invalid input — ${summary}`, details);
    },
  });
}
