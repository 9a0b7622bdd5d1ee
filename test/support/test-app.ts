import { randomBytes } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bull';
import { Test } from '@nestjs/testing';
import type { Queue } from 'bull';
import type { App } from 'supertest/types';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { Clock } from '../../src/common/clock';
import { AppConfig, buildConfig } from '../../src/config/app-config';
import { configureHttpApp } from '../../src/http-app';
import { ALL_QUEUES } from '../../src/queues/queue-names';
import { latestCode } from './outbox';

export interface TestApp {
  app: INestApplication;
  http: App;
  config: AppConfig;
  close(): Promise<void>;
}

export const ADMIN = { email: 'admin@parking.test', password: 'AdminPass123' };

/**
 * The real AppModule, API and worker in one process as `npm start` runs them (or the API alone, as
 * `node dist/main.js` does, with `worker: false`), on the run's database and Redis prefix, with the HTTP
 * set-up of production.
 */
export async function createTestApp(env: Record<string, string> = {}, clock?: Clock, { worker = true } = {}): Promise<TestApp> {
  const config = buildConfig({
    ...process.env,
    NODE_ENV: 'test',
    AUTH_RATE_LIMIT: '10000',
    // Tests book many cars per driver; the limits of R-LIMIT-1 are tested with their defaults on their own.
    MAX_ACTIVE_BOOKINGS: '1000',
    MAX_UPCOMING_RESERVATIONS: '1000',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    ...env,
  });
  const builder = Test.createTestingModule({ imports: [AppModule.forRoot({ config, worker })] });
  if (clock) builder.overrideProvider(Clock).useValue(clock);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureHttpApp(app, config);
  await app.init();
  return { app, http: app.getHttpServer() as App, config, close: () => app.close() };
}

export function uniqueUser(label = 'driver') {
  const id = randomBytes(4).toString('hex');
  return { email: `${label}.${id}@example.com`, username: `${label}_${id}`, password: 'Passw0rd!', fullName: `Test ${label}` };
}

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string; username: string; role: string };
}

/** Registers a driver, reads the code from the outbox and verifies: a signed-in, verified driver. */
export async function registerVerified(t: TestApp, label?: string): Promise<SignedIn & { password: string }> {
  const user = uniqueUser(label);
  await request(t.http).post('/api/auth/register').send(user).expect(201);
  const code = await latestCode(t.config.mail.outboxDir, user.email);
  const response = await request(t.http).post('/api/auth/verify-email').send({ email: user.email, code }).expect(200);
  return { ...(response.body as SignedIn), password: user.password };
}

export async function loginAdmin(t: TestApp): Promise<SignedIn> {
  const response = await request(t.http).post('/api/auth/login').send({ login: ADMIN.email, password: ADMIN.password }).expect(200);
  return response.body as SignedIn;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export interface LotInput {
  name?: string;
  address?: string;
  postalCode?: string;
  pricePerHourCents?: number;
  capacity?: number;
}

/** Creates a lot through the API as the admin; the name is made unique. */
export async function createLot(t: TestApp, adminToken: string, input: LotInput = {}): Promise<{ id: string; name: string; capacity: number }> {
  const body = {
    name: `${input.name ?? 'Lot'} ${randomBytes(4).toString('hex')}`,
    address: input.address ?? '1 Main Street',
    pricePerHourCents: input.pricePerHourCents ?? 600,
    capacity: input.capacity ?? 5,
    ...(input.postalCode ? { postalCode: input.postalCode } : {}),
  };
  const response = await request(t.http).post('/api/lots').set(bearer(adminToken)).send(body).expect(201);
  return response.body;
}

/**
 * Waits until the outbox has handed every message over and no job is waiting or running in any queue, so
 * what the worker would do has been done. A test that makes much mail calls it before closing its app:
 * a worker closed while Bull moves a job to active can leave it there until Bull's stalled-job check.
 */
export async function settleQueues(t: TestApp, timeoutMs = 10_000): Promise<void> {
  const queues = ALL_QUEUES.map((name) => t.app.get<Queue>(getQueueToken(name)));
  const db = t.app.get(DataSource);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [[{ unsent }], counts] = await Promise.all([
      db.query(`SELECT count(*)::int AS unsent FROM outbox_messages WHERE sent_at IS NULL`) as Promise<{ unsent: number }[]>,
      Promise.all(queues.map((queue) => queue.getJobCounts())),
    ]);
    if (unsent === 0 && counts.every((c) => c.waiting + c.active + c.delayed === 0)) return;
    if (Date.now() > deadline) throw new Error(`Outbox or queues still busy after ${timeoutMs} ms: ${unsent} unsent, ${JSON.stringify(counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
