import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { AppConfig, buildConfig } from './config/app-config';
import { EnvironmentError } from './config/environment';
import { startEmbeddedPostgres } from './database/embedded-postgres';
import { Readiness } from './health/readiness';
import { configureHttpApp, listenHttp } from './http-app';
import { useStructuredLogger } from './logging';
import { assertRedisReachable } from './redis/redis-reachable';

export type ProcessRole = 'api' | 'worker' | 'all';

/** Before Nest's logger exists, start-up problems are plain lines on stderr. */
const say = (line: string) => process.stderr.write(`${line}\n`);

/** Reads .env (when present), validates it and resolves the database: given, or embedded. */
async function prepare(): Promise<{ config: AppConfig; stopDatabase: () => Promise<void> }> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = buildConfig(process.env);
  await assertRedisReachable(config.redis.url);
  if (config.db.url) return { config, stopDatabase: async () => undefined };
  const embedded = await startEmbeddedPostgres(config.db.embeddedDir, config.db.embeddedPort, say);
  return { config: { ...config, db: { ...config.db, url: embedded.url } }, stopDatabase: embedded.stop };
}

/**
 * SIGTERM/SIGINT (R-OPS-4): report not-ready for `drainMs` while still serving, so a load balancer stops
 * sending; then stop taking requests, let in-flight work finish, close connections.
 */
function closeOnSignals(app: INestApplicationContext, stopDatabase: () => Promise<void>, drainMs: number): void {
  let closing = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    const forceExit = setTimeout(() => {
      say('Shutdown took longer than 25 s; exiting');
      process.exit(1);
    }, 25_000).unref();
    try {
      say(`${signal} received: not ready from now on; in ${drainMs} ms finishing in-flight work and shutting down`);
      app.get(Readiness).startDraining();
      await sleep(drainMs);
      await app.close();
      await stopDatabase();
      clearTimeout(forceExit);
      process.exit(0);
    } catch (error) {
      say(`Shutdown failed: ${(error as Error).message}`);
      process.exit(1);
    }
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

/** Starts one process of the product: the HTTP API, the worker, or both (`npm start`). */
export async function bootstrap(role: ProcessRole): Promise<void> {
  const startedAt = Date.now();
  let prepared: Awaited<ReturnType<typeof prepare>>;
  try {
    prepared = await prepare();
  } catch (error) {
    say(error instanceof EnvironmentError ? error.message : `Cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
  const { config, stopDatabase } = prepared;
  const module = AppModule.forRoot({ config, worker: role !== 'api' });
  const app =
    role === 'worker'
      ? await NestFactory.createApplicationContext(module, { bufferLogs: true })
      : await NestFactory.create(module, { bufferLogs: true });
  const logger = useStructuredLogger(app);
  // The worker takes no HTTP traffic, so there is nothing to drain.
  closeOnSignals(app, stopDatabase, role === 'worker' ? 0 : config.app.shutdownDrainMs);
  if (role === 'worker') {
    await app.init();
    logger.log(`Worker ready in ${Date.now() - startedAt} ms`, 'Bootstrap');
    return;
  }
  const http = app as Awaited<ReturnType<typeof NestFactory.create>>;
  configureHttpApp(http, config);
  await listenHttp(http, config.app.port);
  logger.log(
    `${role === 'all' ? 'API and worker' : 'API'} ready in ${Date.now() - startedAt} ms on ${config.app.publicUrl}/api (docs: ${config.app.publicUrl}/api/docs)`,
    'Bootstrap',
  );
}
