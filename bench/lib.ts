/**
 * Shared plumbing of the benchmarks (not tests): a production build of the API (bench/.dist-<pid>) on
 * loopback, a throw-away database `parking_bench` seeded with set-based SQL, a keep-alive HTTP client, latency
 * percentiles and the CPU time each process group used. Every script calls `runBench`, which always cleans
 * up: the server is stopped, the database dropped and the Redis keys of the prefix deleted, also on failure
 * or Ctrl-C.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../test/support/free-port';
import { deleteRedisKeysUnder } from '../test/support/redis-keys';

export const ROOT = resolve(__dirname, '..');
export const BENCH_DB = 'parking_bench';
export const REDIS_PREFIX = 'parking-bench';
/** A superuser connection to the server's maintenance database (creates and drops `parking_bench`). */
export const PG_ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** The password of every seeded driver. */
export const DRIVER_PASSWORD = 'BenchPassw0rd';

/** The URL of database `name` on the server of PG_ADMIN_URL. */
export function databaseUrlOf(name: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export const benchDbUrl = () => databaseUrlOf(BENCH_DB);

/** Lint allows no console.log: figures go to stdout through this. */
export function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

// ---------------------------------------------------------------------------------------------------
// Build, database, server
// ---------------------------------------------------------------------------------------------------

/**
 * The production build the benchmarks run: the compilation of `npm run build` (tsc with tsconfig.build.json,
 * plus the mail templates nest-cli.json copies as assets), written to bench/.dist instead of dist/ so that
 * somebody's `npm run build` (which empties dist/ first) cannot pull files from under a running benchmark;
 * one folder per benchmark process (bench/.dist-<pid>), so benchmarks running side by side keep theirs.
 * Removed by the clean-up.
 */
export const DIST = join(ROOT, 'bench', `.dist-${process.pid}`);

/** The build startServer and createBenchDatabase run: bench/.dist after buildProduction, else dist/. */
let activeDist = join(ROOT, 'dist');
export const distDir = () => activeDist;

export function buildProduction(): void {
  say(`Building the production bundle (tsc -p tsconfig.build.json + mail templates) into bench/${basename(DIST)} …`);
  const started = Date.now();
  rmSync(DIST, { recursive: true, force: true });
  const result = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json', '--outDir', DIST], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error('the production build failed');
  cpSync(join(ROOT, 'src', 'mail', 'templates'), join(DIST, 'mail', 'templates'), { recursive: true });
  activeDist = DIST;
  say(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * For scripts that run dist/ itself: `npm run build` when dist/ is missing or older than src/
 * (BENCH_BUILD=always forces it, =never skips it). The four scripts of docs/BENCHMARKS.md use buildProduction.
 */
export function ensureBuild(): void {
  const main = join(ROOT, 'dist', 'main.js');
  const mode = process.env.BENCH_BUILD ?? 'auto';
  const stale = !existsSync(main) || statSync(main).mtimeMs < newestMtime(join(ROOT, 'src'));
  if (mode === 'never' || (mode === 'auto' && !stale)) {
    say(`Using the existing production build in dist/ (BENCH_BUILD=${mode})`);
    return;
  }
  say('Building the production bundle: npm run build …');
  const started = Date.now();
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error('npm run build failed');
  say(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** One statement on the server's maintenance database (CREATE / DROP DATABASE). */
export async function adminQuery(sql: string): Promise<void> {
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** Drops a left-over `parking_bench`, creates it and applies the migrations like a deploy would. */
export async function createBenchDatabase(): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${BENCH_DB}`);
  const result = spawnSync(process.execPath, [join(activeDist, 'database', 'migrate.js')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: benchDbUrl() },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`Migrations failed: ${result.stderr || result.stdout}`);
  say(`Database ${BENCH_DB}: ${result.stdout.trim()}`);
}

export async function dropBenchDatabase(): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
}


export { deleteRedisKeysUnder };

function deleteRedisKeys(): Promise<number> {
  return deleteRedisKeysUnder(REDIS_URL, REDIS_PREFIX);
}


export interface BenchServer {
  base: string;
  pid: number;
  /** Where `node --cpu-prof` writes the API's profile when BENCH_CPU_PROFILE=1 (on exit). */
  profileDir?: string;
  /** Warnings and errors the API logged (LOG_LEVEL=warn), counted by message; `reset` starts a new count. */
  warnings(reset?: boolean): Record<string, number>;
  adminEmail: string;
  adminPassword: string;
  stop(): Promise<void>;
}

/**
 * `node dist/main.js` in production mode on the bench database (or `standalone.js`: API and worker in one
 * process); resolves once /api/health answers ok.
 */
export async function startServer(extraEnv: Record<string, string> = {}, entry: 'main.js' | 'standalone.js' = 'main.js'): Promise<BenchServer> {
  const port = await freePort();
  const scratch = mkdtempSync(join(tmpdir(), 'parking-bench-'));
  const adminEmail = 'bench-admin@parking.bench';
  const adminPassword = `Bench-${randomBytes(12).toString('hex')}1`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: benchDbUrl(),
    REDIS_URL,
    REDIS_PREFIX,
    JWT_SECRET: randomBytes(32).toString('hex'),
    JWT_ACCESS_TTL: '2h',
    ADMIN_EMAIL: adminEmail,
    ADMIN_PASSWORD: adminPassword,
    LOG_LEVEL: 'warn',
    ...(process.env.DB_POOL_SIZE ? { DB_POOL_SIZE: process.env.DB_POOL_SIZE } : {}),
    // Logins of the seeded drivers all come from 127.0.0.1.
    AUTH_RATE_LIMIT: '100000',
    MAIL_OUTBOX_DIR: join(scratch, 'mail'),
    EXPORT_DIR: join(scratch, 'exports'),
    ...extraEnv,
  };
  const profileDir = process.env.BENCH_CPU_PROFILE === '1' ? mkdtempSync(join(tmpdir(), 'parking-bench-profile-')) : undefined;
  const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  // cwd is the scratch folder so a developer's .env never leaks into the measured process.
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, join(activeDist, entry)], { cwd: scratch, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let warnings: Record<string, number> = {};
  let partial = '';
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-20_000);
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        const entry = JSON.parse(line) as { level?: number; msg?: string };
        // Messages differ by numbers (ms, ids): counted by their shape.
        if ((entry.level ?? 0) >= 40) {
          const key = String(entry.msg).replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<id>').replace(/\d+/g, 'N');
          warnings[key] = (warnings[key] ?? 0) + 1;
        }
      } catch {
        // not a JSON log line
      }
    }
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((done) => child.once('exit', () => ((exited = true), done())));

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`The API exited during start-up:\n${output}`);
    try {
      const response = await fetch(`${base}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The API did not become healthy in 60 s:\n${output}`);
    await sleep(250);
  }
  say(`API (production build, pid ${child.pid}) listening on ${base}, DB_POOL_SIZE=${env.DB_POOL_SIZE ?? 'default (20)'}${profileDir ? ', CPU profile on' : ''}`);

  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exit;
    clearTimeout(timer);
    rmSync(scratch, { recursive: true, force: true });
  };
  const countWarnings = (reset = false) => {
    const counted = warnings;
    if (reset) warnings = {};
    return counted;
  };
  return { base, pid: child.pid!, profileDir, warnings: countWarnings, adminEmail, adminPassword, stop };
}

export interface BenchContext {
  db: Client;
  /** Starts the API; stopped by the clean-up. */
  start(extraEnv?: Record<string, string>, entry?: 'main.js' | 'standalone.js'): Promise<BenchServer>;
  /** Registers an extra clean-up step, run before the server stops. */
  onCleanup(step: () => Promise<void>): void;
}

/**
 * Runs one benchmark: build, fresh database, the scenario, then clean-up whatever happened (Ctrl-C
 * included). Exits non-zero when the scenario threw.
 */
export function runBench(title: string, scenario: (ctx: BenchContext) => Promise<void>): void {
  const cleanups: (() => Promise<void>)[] = [];
  let server: BenchServer | undefined;
  let db: Client | undefined;
  let cleaning: Promise<void> | undefined;

  const cleanUp = () =>
    (cleaning ??= (async () => {
      for (const step of cleanups.reverse()) await step().catch((error: unknown) => console.error(`clean-up: ${(error as Error).message}`));
      await server?.stop().catch((error: unknown) => console.error(`stopping the API: ${(error as Error).message}`));
      await db?.end().catch(() => undefined);
      await dropBenchDatabase().catch((error: unknown) => console.error(`dropping ${BENCH_DB}: ${(error as Error).message}`));
      const keys = await deleteRedisKeys().catch(() => 0);
      if (activeDist === DIST) rmSync(DIST, { recursive: true, force: true });
      say(`Cleaned up: API stopped, database ${BENCH_DB} dropped, ${keys} Redis keys of ${REDIS_PREFIX}: deleted${activeDist === DIST ? `, bench/${basename(DIST)} removed` : ''}`);
    })());

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`${signal}: cleaning up`);
      void cleanUp().finally(() => process.exit(130));
    });
  }

  void (async () => {
    let failed = false;
    try {
      say(`# ${title}`);
      say(machineLine());
      buildProduction();
      await createBenchDatabase();
      db = new Client({ connectionString: benchDbUrl() });
      await db.connect();
      await scenario({
        db,
        start: async (extraEnv, entry) => (server = await startServer(extraEnv, entry)),
        onCleanup: (step) => cleanups.push(step),
      });
      if (server?.profileDir) {
        await server.stop();
        say(summariseCpuProfile(server.profileDir));
        rmSync(server.profileDir, { recursive: true, force: true });
      }
    } catch (error) {
      failed = true;
      console.error(`\nBENCHMARK FAILED: ${(error as Error).stack ?? String(error)}`);
    } finally {
      await cleanUp();
    }
    process.exit(failed ? 1 : 0);
  })();
}

export function machineLine(): string {
  const pg = spawnSync('psql', ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? 'psql not found';
  return `machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, node ${process.version}, ${pg}`;
}

// ---------------------------------------------------------------------------------------------------
// Seeding (set-based SQL)
// ---------------------------------------------------------------------------------------------------

/** Deterministic user ids, so a pgbench script can name its client's user from `:client_id`. */
export const driverId = (index: number) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;

/** The app's own argon2id hash of DRIVER_PASSWORD, computed once and copied to every seeded driver. */
export async function driverPasswordHash(): Promise<string> {
  // Imported lazily: the hasher pulls in @nestjs/common, which only the seeding needs.
  const { PasswordHasher } = await import('../src/users/password-hasher');
  return new PasswordHasher().hash(DRIVER_PASSWORD);
}

/** `count` verified, active drivers bench.driver<i>@example.com, ids driverId(0..count-1). */
export async function seedDrivers(db: Client, count: number): Promise<void> {
  const hash = await driverPasswordHash();
  await db.query(
    `INSERT INTO users (id, email, username, password_hash, full_name, role, is_active, email_verified_at)
     SELECT ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'bench.driver' || i || '@example.com',
            'bench_driver_' || i, $1, 'Bench driver ' || i, 'user', true, now()
     FROM generate_series(0, $2 - 1) AS i`,
    [hash, count],
  );
}

/** `count` lots named "<prefix> <i>" with `capacity` spots each; returns their ids in name order. */
export async function seedLots(db: Client, prefix: string, count: number, capacity: number): Promise<string[]> {
  const lots = await db.query<{ id: string }>(
    `INSERT INTO lots (name, address, postal_code, price_per_hour_cents, capacity)
     SELECT $1 || ' ' || lpad(i::text, 4, '0'), i || ' Harbour Road, Benchton', lpad((10000 + i)::text, 6, '0'), 200 + (i % 7) * 50, $3
     FROM generate_series(1, $2) AS i
     RETURNING id`,
    [prefix, count, capacity],
  );
  const ids = lots.rows.map((row) => row.id);
  await db.query(
    `INSERT INTO spots (lot_id, number) SELECT l.id, n FROM lots l CROSS JOIN LATERAL generate_series(1, l.capacity) AS n WHERE l.id = ANY($1::uuid[])`,
    [ids],
  );
  const ordered = await db.query<{ id: string }>(`SELECT id FROM lots WHERE id = ANY($1::uuid[]) ORDER BY name`, [ids]);
  return ordered.rows.map((row) => row.id);
}

// ---------------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------------

export interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of any endpoint
  body: any;
  ms: number;
}

/**
 * A small keep-alive client over node:http (cheaper per request than fetch, which matters when the load
 * generator shares the 2 cores with the API and PostgreSQL).
 */
export function httpClient(base: string, maxSockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  const { hostname, port } = new URL(base);
  const call = (method: string, path: string, token?: string, body?: unknown): Promise<Reply> =>
    new Promise((done, fail) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const headers: Record<string, string | number> = {};
      if (token) headers.authorization = `Bearer ${token}`;
      if (payload) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = payload.length;
      }
      const started = process.hrtime.bigint();
      const req = http.request({ agent, hostname, port, method, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          const text = Buffer.concat(chunks).toString();
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: keep the text
          }
          done({ status: res.statusCode ?? 0, body: parsed, ms });
        });
        res.on('error', fail);
      });
      req.on('error', fail);
      req.end(payload);
    });
  return { call, agent, close: () => agent.destroy() };
}

/** Logs every seeded driver in through the API (a few at a time: argon2 verification is CPU heavy). */
export async function loginDrivers(base: string, count: number, parallel = 4): Promise<string[]> {
  const client = httpClient(base, parallel);
  const tokens: string[] = new Array(count);
  try {
    for (let start = 0; start < count; start += parallel) {
      await Promise.all(
        Array.from({ length: Math.min(parallel, count - start) }, async (_, k) => {
          const i = start + k;
          const reply = await client.call('POST', '/api/auth/login', undefined, { login: `bench.driver${i}@example.com`, password: DRIVER_PASSWORD });
          if (reply.status !== 200) throw new Error(`login of driver ${i}: ${reply.status} ${JSON.stringify(reply.body)}`);
          tokens[i] = reply.body.accessToken;
        }),
      );
    }
  } finally {
    client.close();
  }
  return tokens;
}

export async function loginAdmin(server: BenchServer): Promise<string> {
  const client = httpClient(server.base, 1);
  try {
    const reply = await client.call('POST', '/api/auth/login', undefined, { login: server.adminEmail, password: server.adminPassword });
    if (reply.status !== 200) throw new Error(`admin login: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body.accessToken;
  } finally {
    client.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// Figures
// ---------------------------------------------------------------------------------------------------

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function latencySummary(samples: number[]): { n: number; p50: number; p95: number; p99: number; max: number; mean: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, x) => sum + x, 0) / (sorted.length || 1);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN, mean };
}

/**
 * Waits (up to `timeoutMs`) for a mail to each recipient of `sentAt` in the file transport's `mailDir`, and
 * answers, per recipient, when its files were written, and the latencies from `sentAt` of the recipients
 * in `measured` (a recipient with more than one file is a duplicate).
 */
export async function mailArrivals(
  mailDir: string,
  sentAt: Map<string, number>,
  measured: string[],
  timeoutMs: number,
): Promise<{ delivered: number; duplicates: number; latencies: number[] }> {
  const deadline = Date.now() + timeoutMs;
  let files: string[] = [];
  while ((files = readdirSync(mailDir).filter((name) => name.endsWith('.eml'))).length < sentAt.size && Date.now() < deadline) await sleep(100);
  // The transport names a file <ISO time with dashes>-<recipient>-<random>.eml.
  const written = new Map<string, number[]>();
  for (const file of files) {
    const to = /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z-(.+)-[0-9a-f]{6}\.eml$/.exec(file)?.[1];
    if (to && sentAt.has(to)) written.set(to, [...(written.get(to) ?? []), statSync(join(mailDir, file)).mtimeMs]);
  }
  const latencies = measured.flatMap((to) => (written.has(to) ? [written.get(to)![0] - sentAt.get(to)!] : []));
  return { delivered: written.size, duplicates: [...written.values()].filter((times) => times.length > 1).length, latencies };
}

/** Waits until step `i` of a steady load is due, `i / rate` seconds after `started`: on schedule, not back to back. */
export async function untilDue(started: number, i: number, rate: number): Promise<void> {
  const due = started + (i * 1000) / rate;
  if (due > Date.now()) await sleep(due - Date.now());
}

/** The result table of a mail-latency scenario (target: p99 under 2 s). */
export function sayMailLatency(measured: string, latency: ReturnType<typeof latencySummary>, delivered: number, sent: number, duplicates: number): void {
  say(`| ${measured} measured | p50 | p95 | p99 | max | mean | delivered | duplicates |`);
  say('| --- | --- | --- | --- | --- | --- | --- | --- |');
  say(
    `| ${latency.n} | ${ms(latency.p50)} | ${ms(latency.p95)} | **${ms(latency.p99)}** ${latency.p99 < 2000 ? 'met' : 'MISSED'} | ${ms(latency.max)} | ${ms(latency.mean)} | ${delivered} / ${sent} | ${duplicates} |`,
  );
}

export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;

const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

type ProcessGroup = 'api' | 'postgres' | 'redis' | 'pgbench' | 'loadGenerator';

/**
 * PostgreSQL's own processes (postmaster, WAL writer, checkpointer …) and the backends of the bench
 * database count as ours; backends of other databases (other people's tests on a shared server) do not.
 */
function ourPostgres(pid: number): ProcessGroup | undefined {
  let title: string;
  try {
    title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return undefined;
  }
  const backend = /^postgres: (?:[^:]+: )?\S+ (\S+) \S+\(\d+\)/.exec(title);
  return !backend || backend[1] === BENCH_DB ? 'postgres' : undefined;
}

/** CPU seconds (user + system) of every process of a group, from /proc/<pid>/stat. */
function readCpu(apiPid?: number): Map<number, { group: ProcessGroup; seconds: number }> {
  const found = new Map<number, { group: ProcessGroup; seconds: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const group: ProcessGroup | undefined =
      pid === apiPid
        ? 'api'
        : pid === process.pid
          ? 'loadGenerator'
          : comm === 'postgres'
            ? ourPostgres(pid)
            : comm === 'redis-server'
              ? 'redis'
              : comm === 'pgbench'
                ? 'pgbench'
                : undefined;
    if (!group) continue;
    // utime and stime are fields 14 and 15 of the line: 11 and 12 counted from the field after ")".
    const fields = stat.slice(close + 2).split(' ');
    found.set(pid, { group, seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND });
  }
  return found;
}

/** CPU seconds the whole machine spent busy (all cores), from /proc/stat. */
function machineBusySeconds(): number {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = values.map(Number);
  return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
}

export interface CpuUse {
  wallSeconds: number;
  seconds: Record<ProcessGroup, number>;
  /** Busy CPU of every other process on the machine: a check that nothing else disturbed the run. */
  otherSeconds: number;
  toString(): string;
}

/**
 * Measures the CPU time of the API, PostgreSQL (every backend), pgbench and this load generator over a
 * phase. Sampled every 200 ms, because backends come and go: one born during the phase counts from zero,
 * one that exits keeps its last sample.
 */
export function startCpu(apiPid?: number): { stop(): CpuUse } {
  const window = { from: monotonicMicros(), to: Infinity };
  measuredWindows.push(window);
  const started = performance.now();
  const machineBefore = machineBusySeconds();
  const baseline = readCpu(apiPid);
  const latest = new Map(baseline);
  const sample = () => {
    for (const [pid, value] of readCpu(apiPid)) latest.set(pid, value);
  };
  const timer = setInterval(sample, 200);
  return {
    stop() {
      clearInterval(timer);
      window.to = monotonicMicros();
      sample();
      const seconds: Record<ProcessGroup, number> = { api: 0, postgres: 0, redis: 0, pgbench: 0, loadGenerator: 0 };
      for (const [pid, value] of latest) seconds[value.group] += value.seconds - (baseline.get(pid)?.seconds ?? 0);
      const wallSeconds = (performance.now() - started) / 1000;
      const ours = Object.values(seconds).reduce((sum, value) => sum + value, 0);
      const otherSeconds = Math.max(0, machineBusySeconds() - machineBefore - ours);
      const part = (name: string, used: number) => `${name} ${used.toFixed(1)} s (${((used / wallSeconds) * 100).toFixed(0)}% of one core)`;
      return {
        wallSeconds,
        seconds,
        otherSeconds,
        toString: () =>
          `CPU over ${wallSeconds.toFixed(1)} s wall (${cpus().length} cores): ` +
          [
            part('API', seconds.api),
            part('PostgreSQL', seconds.postgres),
            part('Redis', seconds.redis),
            ...(seconds.pgbench > 0 ? [part('pgbench', seconds.pgbench)] : []),
            part('load generator', seconds.loadGenerator),
            part('everything else', otherSeconds),
          ].join(', '),
      };
    },
  };
}

/** A point-in-time reading for two-point measurements (cpuSplit); startCpu is better where backends come and go. */
export interface CpuSample {
  at: number;
  machine: number;
  perPid: Map<number, { group: ProcessGroup; seconds: number }>;
}

export function cpuSample(apiPid?: number): CpuSample {
  return { at: performance.now(), machine: machineBusySeconds(), perPid: readCpu(apiPid) };
}

/** The CPU each group used between two samples (processes that exited in between lose their time). */
export function cpuSplit(before: CpuSample, after: CpuSample): string {
  const seconds: Record<ProcessGroup, number> = { api: 0, postgres: 0, redis: 0, pgbench: 0, loadGenerator: 0 };
  for (const [pid, value] of after.perPid) seconds[value.group] += value.seconds - (before.perPid.get(pid)?.seconds ?? 0);
  const wall = (after.at - before.at) / 1000;
  const other = Math.max(0, after.machine - before.machine - Object.values(seconds).reduce((sum, value) => sum + value, 0));
  const part = (name: string, used: number) => `${name} ${used.toFixed(1)} s (${((used / wall) * 100).toFixed(0)}% of one core)`;
  return `CPU over ${wall.toFixed(1)} s wall: ${[
    part('API', seconds.api),
    part('PostgreSQL', seconds.postgres),
    part('Redis', seconds.redis),
    part('load generator', seconds.loadGenerator),
    part('everything else', other),
  ].join(', ')}`;
}

// ---------------------------------------------------------------------------------------------------
// Where the API's CPU goes (BENCH_CPU_PROFILE=1: node --cpu-prof, samples of the measured phases)
// ---------------------------------------------------------------------------------------------------

/** One node of V8's call tree (its whole-life hitCount is not used: samples are filtered by time). */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** Who owns a script: a package of node_modules, our dist/ code, or node itself. */
function ownerOf(url: string): string {
  if (!url) return '(native code: I/O syscalls, program)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  const dist = /\/dist\/([^/]+)/.exec(url);
  if (dist) return `app: dist/${dist[1]}`;
  if (url.startsWith('node:')) return url.split('/')[0];
  return url;
}

/**
 * V8's profiler and process.hrtime both read CLOCK_MONOTONIC on Linux, so the profile's sample times can be
 * matched with the phases this process measured (every startCpu … stop).
 */
const measuredWindows: { from: number; to: number }[] = [];
const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

/** Self time by package and the top functions of the .cpuprofile in `dir`, in the measured phases only. */
export function summariseCpuProfile(dir: string): string {
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) return `no .cpuprofile in ${dir}`;
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] };
  const hitsOf = new Map<number, number>();
  let at = profile.startTime;
  let total = 0;
  profile.samples.forEach((nodeId, i) => {
    at += profile.timeDeltas[i];
    if (!measuredWindows.some((w) => at >= w.from && at <= w.to)) return;
    total++;
    hitsOf.set(nodeId, (hitsOf.get(nodeId) ?? 0) + 1);
  });
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = hitsOf.get(node.id) ?? 0;
    if (!hits) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const owner = functionName === '(idle)' ? '(idle)' : functionName === '(garbage collector)' ? '(garbage collector)' : ownerOf(url);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + hits);
    const key = `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, 'dist/')}:${lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + hits);
  }
  const idle = byOwner.get('(idle)') ?? 0;
  const busy = total - idle;
  const top = (map: Map<string, number>, n: number) =>
    [...map]
      .filter(([key]) => !key.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, hits]) => `  ${((hits / busy) * 100).toFixed(1).padStart(5)}%  ${key}`)
      .join('\n');
  return [
    `\n## API CPU profile (main thread, measured phases only: ${busy} busy samples of ${total}; shares of busy time)`,
    'by package:',
    top(byOwner, 18),
    'top functions (self time):',
    top(byFunction, 25),
  ].join('\n');
}
