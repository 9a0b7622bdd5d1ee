import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deleteRedisKeysUnder } from '../../../test/support/redis-keys';

/** The repository root: the API runs from there, and its dependencies (pg) are reused. */
export const ROOT = resolve(__dirname, '..', '..', '..');
export const ARTIFACTS = resolve(__dirname, '..', 'artifacts');
const CLIENT_INDEX = join(ROOT, 'client', 'dist', 'client', 'browser', 'index.html');
const rootRequire = createRequire(join(ROOT, 'package.json'));
const ADMIN_DB_URL =
  process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** What the specs need to know about the running API (handed over through the environment). */
export interface ApiServer {
  baseUrl: string;
  mailDir: string;
  adminEmail: string;
  adminPassword: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
    server.on('error', fail);
  });
}

async function adminQuery(sql: string): Promise<void> {
  const { Client } = rootRequire('pg');
  const client = new Client({ connectionString: ADMIN_DB_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function waitUntilLive(baseUrl: string, api: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (api.exitCode !== null) break;
    const live = await fetch(`${baseUrl}/api/health/live`).then(
      (r) => r.ok,
      () => false,
    );
    if (live) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-4000) : '';
  throw new Error(
    `The API did not come up on ${baseUrl} (exit code ${api.exitCode}). Its log:\n${log}`,
  );
}

function stopProcess(api: ChildProcess): Promise<void> {
  if (api.exitCode !== null || api.pid === undefined) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => process.kill(-api.pid!, 'SIGKILL'), 25_000);
    api.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    // The process group: ts-node and the app it runs.
    process.kill(-api.pid!, 'SIGTERM');
  });
}

/**
 * Starts the API and the worker (`npm start` semantics) on a throw-away database on the local
 * PostgreSQL, its own Redis key prefix and a temporary mail outbox, serving the built client at `/`.
 * `settings` adds or overrides environment variables (a spec that needs, say, a short token life
 * starts an API of its own with them, logging to a file of its own, `logName` under the artifacts).
 */
export async function startApiServer(
  settings: Record<string, string> = {},
  logName = 'api.log',
): Promise<ApiServer> {
  if (!existsSync(CLIENT_INDEX))
    throw new Error(`No client build at ${CLIENT_INDEX}: run \`npm run client:build\` first`);
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const database = `parking_e2e_${runId}`;
  const databaseUrl = new URL(ADMIN_DB_URL);
  databaseUrl.pathname = `/${database}`;
  const redisPrefix = `parking-e2e-${runId}`;
  const mailDir = mkdtempSync(join(tmpdir(), 'parking-e2e-mail-'));
  const exportDir = mkdtempSync(join(tmpdir(), 'parking-e2e-exports-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const adminEmail = `admin-${runId}@parking.test`;
  const adminPassword = `Adm1n-${randomBytes(8).toString('hex')}`;

  await adminQuery(`CREATE DATABASE ${database}`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const logFile = join(ARTIFACTS, logName);
  const log = createWriteStream(logFile);
  const api = spawn(
    join(ROOT, 'node_modules', '.bin', 'ts-node'),
    ['-r', 'tsconfig-paths/register', '--transpile-only', 'src/standalone.ts'],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'development',
        LOG_LEVEL: 'warn',
        PORT: String(port),
        PUBLIC_URL: baseUrl,
        DATABASE_URL: databaseUrl.toString(),
        REDIS_URL,
        REDIS_PREFIX: redisPrefix,
        MAIL_OUTBOX_DIR: mailDir,
        EXPORT_DIR: exportDir,
        JWT_SECRET: randomBytes(32).toString('hex'),
        ADMIN_EMAIL: adminEmail,
        ADMIN_PASSWORD: adminPassword,
        // Every test signs in from 127.0.0.1: the per-address limit is not what these tests are about.
        AUTH_RATE_LIMIT: '1000',
        ...settings,
      },
    },
  );
  api.stdout?.pipe(log);
  api.stderr?.pipe(log);

  const stop = async () => {
    await stopProcess(api);
    log.end();
    await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await deleteRedisKeysUnder(REDIS_URL, redisPrefix);
    for (const dir of [mailDir, exportDir]) rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilLive(baseUrl, api, logFile);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, mailDir, adminEmail, adminPassword, stop };
}
