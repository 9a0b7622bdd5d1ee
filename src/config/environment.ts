import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/** Values shipped in .env.example; production refuses to start with them (R-AUTH-5). */
export const EXAMPLE_SECRETS = {
  JWT_SECRET: 'change-me-dev-only-jwt-secret-0123456789',
  ADMIN_PASSWORD: 'Admin12345',
} as const;

export const EXAMPLE_ADMIN_EMAIL = 'admin@parking.local';

const DURATION = /^[1-9]\d*(ms|s|m|h|d)$/;
const BOOLEAN_WORDS: Record<string, boolean> = { true: true, '1': true, yes: true, false: false, '0': false, no: false };
/** Known words become booleans; anything else stays a string so the check refuses it. */
const toBoolean = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : (BOOLEAN_WORDS[String(value).toLowerCase()] ?? value);
const toInteger = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;

/** Every variable of the environment the app reads, with its rules. Unset means the documented default. */
export class Environment {
  @IsOptional() @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional() @Transform(toInteger) @IsInt() @Min(0) @Max(65535)
  PORT?: number;

  @IsOptional() @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional() @Transform(toInteger) @IsInt() @Min(1024) @Max(65535)
  EMBEDDED_PG_PORT?: number;

  @IsOptional() @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// URL' })
  REDIS_URL?: string;

  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9:_-]{1,40}$/, { message: 'must be 1-40 letters, digits, ":", "_" or "-"' })
  REDIS_PREFIX?: string;

  @IsOptional() @IsString() @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional() @Matches(DURATION, { message: 'must be a duration such as 15m, 1h or 7d' })
  JWT_ACCESS_TTL?: string;

  @IsOptional() @Matches(DURATION, { message: 'must be a duration such as 15m, 1h or 7d' })
  JWT_REFRESH_TTL?: string;

  @IsOptional() @IsEmail()
  ADMIN_EMAIL?: string;

  @IsOptional() @IsString() @MinLength(8) @MaxLength(128)
  ADMIN_PASSWORD?: string;

  @IsOptional() @IsString()
  SMTP_HOST?: string;

  @IsOptional() @Transform(toInteger) @IsInt() @Min(1) @Max(65535)
  SMTP_PORT?: number;

  @IsOptional() @IsString()
  SMTP_USER?: string;

  @IsOptional() @IsString()
  SMTP_PASSWORD?: string;

  @IsOptional() @Transform(toBoolean) @IsBoolean()
  SMTP_SECURE?: boolean;

  @IsOptional() @IsString()
  MAIL_FROM?: string;

  @IsOptional() @IsString()
  MAIL_OUTBOX_DIR?: string;

  @IsOptional() @IsString()
  EXPORT_DIR?: string;

  @IsOptional() @IsString()
  APP_TIMEZONE?: string;

  @IsOptional() @Matches(/^[A-Z]{3}$/, { message: 'must be a three-letter ISO 4217 code' })
  CURRENCY?: string;

  @IsOptional() @Transform(toInteger) @IsInt() @Min(1) @Max(100000)
  AUTH_RATE_LIMIT?: number;

  @IsOptional() @Transform(toInteger) @IsInt() @Min(1) @Max(86400)
  CACHE_TTL_SECONDS?: number;

  @IsOptional() @Transform(toBoolean) @IsBoolean()
  TRUST_PROXY?: boolean;

  @IsOptional() @Transform(toInteger) @IsInt() @Min(1) @Max(500)
  DB_POOL_SIZE?: number;

  @IsOptional() @IsString()
  PUBLIC_URL?: string;

  // Below the 25 s after which a shutdown is forced.
  @IsOptional() @Transform(toInteger) @IsInt() @Min(0) @Max(20000)
  SHUTDOWN_DRAIN_MS?: number;

  @IsOptional() @Transform(toInteger) @IsInt() @Min(1) @Max(1000)
  MAX_UPCOMING_RESERVATIONS?: number;

  @IsOptional() @Transform(toInteger) @IsInt() @Min(1) @Max(1000)
  MAX_ACTIVE_BOOKINGS?: number;

  @IsOptional() @Transform(toInteger) @IsInt() @Min(0) @Max(1440)
  PARK_NOW_MIN_FREE_MINUTES?: number;
}

/** Thrown for a bad environment; its message is one line naming the variable. */
export class EnvironmentError extends Error {}

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Validates the raw environment; throws EnvironmentError naming the first offending variable. */
export function validateEnvironment(raw: NodeJS.ProcessEnv): Environment {
  const env = plainToInstance(Environment, { ...raw }, { excludeExtraneousValues: false });
  const [first] = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (first) {
    // The type check ("must be an integer") says more than a bound would about a value like "abc".
    const constraints = first.constraints ?? {};
    const key = Object.keys(constraints).find((name) => name.startsWith('is')) ?? Object.keys(constraints)[0];
    const reason = key ? constraints[key] : 'is invalid';
    throw new EnvironmentError(`Invalid environment variable ${first.property}: ${reason}`);
  }
  if (env.APP_TIMEZONE && !isValidTimeZone(env.APP_TIMEZONE)) {
    throw new EnvironmentError(`Invalid environment variable APP_TIMEZONE: unknown time zone ${JSON.stringify(env.APP_TIMEZONE)}`);
  }
  if (env.NODE_ENV === 'production') {
    if (!env.JWT_SECRET) throw new EnvironmentError('Missing environment variable JWT_SECRET: required in production');
    if (!env.ADMIN_PASSWORD) throw new EnvironmentError('Missing environment variable ADMIN_PASSWORD: required in production');
    for (const name of Object.keys(EXAMPLE_SECRETS) as (keyof typeof EXAMPLE_SECRETS)[]) {
      if (env[name] === EXAMPLE_SECRETS[name]) {
        throw new EnvironmentError(`Refusing environment variable ${name}: the example value cannot be used in production`);
      }
    }
  }
  return env;
}
