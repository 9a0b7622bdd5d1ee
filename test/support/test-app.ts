import { randomBytes } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { App } from 'supertest/types';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { AppConfig, buildConfig } from '../../src/config/app-config';
import { configureHttpApp } from '../../src/http-app';
import { latestCode } from './outbox';

export interface TestApp {
  app: INestApplication;
  http: App;
  config: AppConfig;
  close(): Promise<void>;
}

export const ADMIN = { email: 'admin@parking.test', password: 'AdminPass123' };

/** The real AppModule on the run's database and Redis prefix, with the HTTP set-up of production. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = buildConfig({
    ...process.env,
    NODE_ENV: 'test',
    AUTH_RATE_LIMIT: '10000',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot({ config, worker: false })] }).compile();
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
