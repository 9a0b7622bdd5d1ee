import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * The one definition of how we talk to PostgreSQL, shared by the app and the TypeORM CLI (ormconfig.ts).
 * Entities and migrations are found by glob so both the ts sources and the compiled dist work.
 */
/**
 * Per-driver booking limits (R-LIMIT-1), read by the bookings' limit trigger from the session: a
 * connection without them (the CLI, the seeder) books without limits.
 */
export interface BookingLimits {
  maxUpcomingReservations: number;
  maxActiveBookings: number;
}

const CONNECTION_TIMEOUT_MS = 5000;

export function dataSourceOptions(url: string, poolSize = 10, limits?: BookingLimits): DataSourceOptions {
  const sessionSettings = limits
    ? `-c parking.max_upcoming_reservations=${limits.maxUpcomingReservations} -c parking.max_active_bookings=${limits.maxActiveBookings}`
    : undefined;
  return {
    type: 'postgres',
    url,
    entities: [join(__dirname, '..', '**', '*.entity.{ts,js}')],
    migrations: [join(__dirname, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+; extensions we need are created by migrations.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    namingStrategy: new SnakeNamingStrategy(),
    extra: {
      max: poolSize,
      // With PostgreSQL unreachable a request fails within this time (503, R-ROB-2) instead of hanging on
      // the TCP connect; it also bounds the wait for a free connection under load.
      connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
      ...(sessionSettings ? { options: sessionSettings } : {}),
    },
  };
}
