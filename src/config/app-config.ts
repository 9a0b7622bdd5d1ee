import { join } from 'node:path';
import { EXAMPLE_ADMIN_EMAIL, EXAMPLE_SECRETS, validateEnvironment } from './environment';

export interface AppConfig {
  app: {
    env: 'development' | 'production' | 'test';
    port: number;
    logLevel: string;
    timeZone: string;
    currency: string;
    trustProxy: boolean;
    publicUrl: string;
    exportDir: string;
    /** After SIGTERM, how long /api/health/ready says 503 before the server stops taking requests (R-OPS-4). */
    shutdownDrainMs: number;
  };
  db: { url?: string; poolSize: number; embeddedPort: number; embeddedDir: string };
  redis: { url: string; prefix: string };
  auth: {
    jwtSecret: string;
    accessTtl: string;
    refreshTtl: string;
    adminEmail: string;
    adminPassword: string;
    rateLimitPerMinute: number;
  };
  mail: {
    from: string;
    outboxDir: string;
    smtp?: { host: string; port: number; secure: boolean; user?: string; password?: string };
  };
  cache: { ttlSeconds: number };
  bookings: {
    /** R-LIMIT-1: per driver, reservations in state `reserved` and `active` bookings held at once. */
    maxUpcomingReservations: number;
    maxActiveBookings: number;
    /** R-BOOK-1: park now takes a spot only when its next reservation is at least this far away. */
    parkNowMinFreeMinutes: number;
  };
}

/** Builds the typed configuration from a raw environment, applying SPEC.md's defaults. */
export function buildConfig(raw: NodeJS.ProcessEnv = process.env): AppConfig {
  const env = validateEnvironment(raw);
  const dataDir = join(process.cwd(), '.data');
  const port = env.PORT ?? 3000;
  const appEnv = (env.NODE_ENV ?? 'development') as AppConfig['app']['env'];
  return {
    app: {
      env: appEnv,
      port,
      logLevel: env.LOG_LEVEL ?? 'info',
      timeZone: env.APP_TIMEZONE ?? 'UTC',
      currency: env.CURRENCY ?? 'USD',
      trustProxy: env.TRUST_PROXY ?? false,
      publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
      exportDir: env.EXPORT_DIR ?? join(dataDir, 'exports'),
      // Long enough for a load balancer's health checks to notice; a developer's Ctrl-C should not wait.
      shutdownDrainMs: env.SHUTDOWN_DRAIN_MS ?? (appEnv === 'production' ? 5000 : 100),
    },
    db: { url: env.DATABASE_URL, poolSize: env.DB_POOL_SIZE ?? 20, embeddedPort: env.EMBEDDED_PG_PORT ?? 54329, embeddedDir: join(dataDir, 'pg') },
    redis: { url: env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix: env.REDIS_PREFIX ?? 'parking' },
    auth: {
      jwtSecret: env.JWT_SECRET ?? EXAMPLE_SECRETS.JWT_SECRET,
      accessTtl: env.JWT_ACCESS_TTL ?? '15m',
      refreshTtl: env.JWT_REFRESH_TTL ?? '7d',
      adminEmail: (env.ADMIN_EMAIL ?? EXAMPLE_ADMIN_EMAIL).toLowerCase(),
      adminPassword: env.ADMIN_PASSWORD ?? EXAMPLE_SECRETS.ADMIN_PASSWORD,
      rateLimitPerMinute: env.AUTH_RATE_LIMIT ?? 10,
    },
    mail: {
      from: env.MAIL_FROM ?? 'Vehicle Parking <no-reply@parking.local>',
      outboxDir: env.MAIL_OUTBOX_DIR ?? join(dataDir, 'mail'),
      smtp: env.SMTP_HOST
        ? {
            host: env.SMTP_HOST,
            port: env.SMTP_PORT ?? (env.SMTP_SECURE ? 465 : 587),
            secure: env.SMTP_SECURE ?? false,
            user: env.SMTP_USER,
            password: env.SMTP_PASSWORD,
          }
        : undefined,
    },
    cache: { ttlSeconds: env.CACHE_TTL_SECONDS ?? 30 },
    bookings: {
      maxUpcomingReservations: env.MAX_UPCOMING_RESERVATIONS ?? 5,
      maxActiveBookings: env.MAX_ACTIVE_BOOKINGS ?? 3,
      parkNowMinFreeMinutes: env.PARK_NOW_MIN_FREE_MINUTES ?? 60,
    },
  };
}
