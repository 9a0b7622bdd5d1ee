/**
 * Uncached GET /api/admin/stats over 30-day ranges of a year of demo data (~1,000,000 bookings), against
 * the production build; then the SQL of each query alone with EXPLAIN (ANALYZE, BUFFERS).
 *
 *   npx ts-node --transpile-only bench/admin-stats.ts
 *
 * The database `parking_bench_stats` is filled by `seed:demo` (BENCH_SEED_FLAGS overrides its flags) and
 * dropped at the end, like the Redis keys of `parking-bench-stats`. Each timed request asks for a range
 * ending one day earlier than the one before, so every one misses the cache. BENCH_SAMPLES (100) requests.
 * When bookings_ended_idx (the index on when bookings ended, requested from the schema's owner) is not in
 * the migrations yet, the run is repeated after creating it on the bench database: both are reported.
 * BENCH_DATABASE=<name> measures an existing, already seeded database of the same server instead: it is
 * neither seeded nor dropped, and only the bench's own admin account is replaced in it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { adminQuery, BenchServer, buildProduction, cpuSample, cpuSplit, databaseUrlOf, deleteRedisKeysUnder, DIST, distDir, httpClient, latencySummary, loginAdmin, machineLine, ms, REDIS_URL, say, startServer } from './lib';

const REUSED = process.env.BENCH_DATABASE;
const DATABASE = REUSED ?? 'parking_bench_stats';
const REDIS_PREFIX = 'parking-bench-stats';
const TIME_ZONE = 'Europe/Berlin';
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 100);
const SEED_FLAGS = (process.env.BENCH_SEED_FLAGS ?? '--lots 40 --spots 35 --drivers 3000 --months 12 --per-spot-day 4.5 --seed 42').split(/\s+/);
const TARGET_P95_MS = 200;
/** The admin account startServer (bench/lib.ts) creates. */
const BENCH_ADMIN_EMAIL = 'bench-admin@parking.bench';
/** The index the settled-totals query is written for (see StatsRepository.settledTotals). */
const ENDED_INDEX = `CREATE INDEX IF NOT EXISTS bookings_ended_idx ON bookings ((COALESCE(released_at, end_at))) WHERE status IN ('completed', 'expired')`;

const databaseUrl = () => databaseUrlOf(DATABASE);

/** seed:demo of the production build, in a scratch folder so a developer's .env stays out of it. */
function seed(): void {
  const scratch = mkdtempSync(join(tmpdir(), 'parking-bench-seed-'));
  try {
    const args = [join(distDir(), 'bin', 'seed-demo.js'), ...SEED_FLAGS, '--timezone', TIME_ZONE, '--database-url', databaseUrl()];
    say(`seed:demo ${args.slice(1, -2).join(' ')} …`);
    const result = spawnSync(process.execPath, args, { cwd: scratch, stdio: ['ignore', 'inherit', 'inherit'], env: { PATH: process.env.PATH, HOME: process.env.HOME } });
    if (result.status !== 0) throw new Error(`seed:demo failed (exit ${result.status})`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const localDate = (instant: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(instant);
const addDays = (date: string, days: number) => new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);

/** 30-day ranges ending today, yesterday, …: each a new cache key. `offset` shifts the whole series back. */
function ranges(count: number, offset: number): { from: string; to: string }[] {
  const today = localDate(new Date());
  return Array.from({ length: count }, (_, i) => {
    const to = addDays(today, -(offset + i));
    return { from: addDays(to, -29), to };
  });
}

/** CPU seconds used so far by the PostgreSQL backends serving this database (the API's pool keeps them). */
async function backendCpuSeconds(): Promise<number> {
  const { rows } = await db.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [DATABASE]);
  const ticks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
  return rows.reduce((sum: number, { pid }: { pid: number }) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return sum + (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      return sum; // a backend that just exited
    }
  }, 0);
}

async function timeRequests(server: BenchServer, token: string, series: { from: string; to: string }[]) {
  const client = httpClient(server.base, 1);
  try {
    const times: number[] = [];
    for (const { from, to } of series) {
      const reply = await client.call('GET', `/api/admin/stats?from=${from}&to=${to}`, token);
      if (reply.status !== 200) throw new Error(`GET /api/admin/stats: ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
      times.push(reply.ms);
    }
    return latencySummary(times);
  } finally {
    client.close();
  }
}

/** The exact SQL and parameters of each StatsRepository query of one range, taken from the production build. */
async function statsQueries(range: { from: string; to: string; startAt: Date; endAt: Date }): Promise<{ label: string; sql: string; params: unknown[] }[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled module, so the SQL is the build's own
  const { StatsRepository } = require(join(distDir(), 'stats', 'stats.repository.js'));
  const captured: { label: string; sql: string; params: unknown[] }[] = [];
  let label = '';
  const repository = new StatsRepository({ query: async (sql: string, params: unknown[]) => (captured.push({ label, sql, params }), [{}]) });
  const now = new Date();
  const calls: [string, () => Promise<unknown>][] = [
    ['bookings started (per day, status, stay)', () => repository.startedBookings({ ...range, days: [] }, TIME_ZONE)],
    ['bookings ended (revenue per lot, top drivers)', () => repository.settledTotals(range.startAt, range.endAt)],
    ['occupancy by hour of week', () => repository.occupancyByHourOfWeek(range.startAt, new Date(Math.min(range.endAt.getTime(), now.getTime())), TIME_ZONE)],
    ['new drivers per day', () => repository.newDriversPerDay(range.startAt, range.endAt, TIME_ZONE)],
    ['spot states now', () => repository.spotStatesNow(now)],
  ];
  for (const [name, call] of calls) {
    label = name;
    await call();
  }
  return captured;
}

async function explainQueries(db: Client, range: { from: string; to: string }): Promise<Record<string, number>> {
  // Local midnights in Berlin of the range; the API computes the same with src/common/calendar.ts.
  const { rows } = await db.query(`SELECT ($1::date::timestamp AT TIME ZONE $3) AS start_at, (($2::date + 1)::timestamp AT TIME ZONE $3) AS end_at`, [range.from, range.to, TIME_ZONE]);
  const executionMs: Record<string, number> = {};
  for (const query of await statsQueries({ ...range, startAt: rows[0].start_at, endAt: rows[0].end_at })) {
    const plan = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, query.params);
    const lines: string[] = plan.rows.map((row: Record<string, string>) => row['QUERY PLAN']);
    executionMs[query.label] = Number(/Execution Time: ([\d.]+)/.exec(lines.at(-1)!)?.[1]);
    say(`\n### ${query.label}`);
    for (const line of lines) say(line);
  }
  return executionMs;
}

const db = new Client({ connectionString: databaseUrl() });
let server: BenchServer | undefined;
let cleaning: Promise<void> | undefined;

/** Always runs, also on failure or Ctrl-C: the API stopped, the database dropped, the Redis keys deleted. */
const cleanUp = () =>
  (cleaning ??= (async () => {
    await server?.stop().catch((error: unknown) => console.error(`stopping the API: ${(error as Error).message}`));
    await db.end().catch(() => undefined);
    if (!REUSED) await adminQuery(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`).catch((error: unknown) => console.error(`dropping ${DATABASE}: ${(error as Error).message}`));
    const keys = await deleteRedisKeysUnder(REDIS_URL, REDIS_PREFIX).catch(() => 0);
    if (distDir() === DIST) rmSync(DIST, { recursive: true, force: true });
    say(`Cleaned up: API stopped, ${REUSED ? '' : `database ${DATABASE} dropped, `}${keys} Redis keys of ${REDIS_PREFIX} deleted`);
  })());

async function run(): Promise<void> {
  say(`# GET /api/admin/stats, uncached, 30-day ranges over a year of demo data`);
  say(machineLine());
  buildProduction();
  try {
    if (!REUSED) {
      await adminQuery(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
      await adminQuery(`CREATE DATABASE ${DATABASE}`);
      seed();
    }
    await db.connect();
    const [{ bookings, window, size }] = (
      await db.query(
        `SELECT count(*)::int AS bookings, count(*) FILTER (WHERE start_at >= now() - interval '30 days')::int AS window,
                pg_size_pretty(pg_total_relation_size('bookings')) AS size FROM bookings`,
      )
    ).rows;
    say(`bookings: ${bookings.toLocaleString('en')} (${window.toLocaleString('en')} started in the last 30 days), table with indexes ${size}`);

    // Each start makes an admin with a new random password; one left by an earlier run would refuse it.
    await db.query(`DELETE FROM users WHERE email = $1`, [BENCH_ADMIN_EMAIL]);
    server = await startServer({ DATABASE_URL: databaseUrl(), REDIS_PREFIX, APP_TIMEZONE: TIME_ZONE });
    if (server.adminEmail !== BENCH_ADMIN_EMAIL) throw new Error(`bench/lib.ts now names its admin ${server.adminEmail}`);
    const token = await loginAdmin(server);
    await timeRequests(server, token, ranges(5, 400)); // warm-up: JIT, pool, plan caches (ranges never used again)

    const hasIndex = async () => (await db.query(`SELECT 1 FROM pg_indexes WHERE indexname = 'bookings_ended_idx'`)).rowCount === 1;
    const results: { label: string; summary: ReturnType<typeof latencySummary>; sqlCpuMs: number }[] = [];
    const measure = async (label: string, offset: number) => {
      say(`\n## ${label}: ${SAMPLES} requests, one at a time, each a 30-day range not asked before`);
      const [before, backendsBefore] = [cpuSample(server!.pid), await backendCpuSeconds()];
      const summary = await timeRequests(server!, token, ranges(SAMPLES, offset));
      const sqlCpuMs = ((await backendCpuSeconds()) - backendsBefore) * 1000 / SAMPLES;
      say(`p50 ${ms(summary.p50)}, p95 ${ms(summary.p95)}, p99 ${ms(summary.p99)}, max ${ms(summary.max)}`);
      say(`${cpuSplit(before, cpuSample(server!.pid))}; the API's PostgreSQL backends: ${ms(sqlCpuMs)} of CPU per request`);
      results.push({ label, summary, sqlCpuMs });
    };

    const cachedClient = httpClient(server.base, 1);
    const cachedTimes: number[] = [];
    for (let i = 0; i < SAMPLES; i++) cachedTimes.push((await cachedClient.call('GET', '/api/admin/stats', token)).ms);
    cachedClient.close();

    const indexed = await hasIndex();
    await measure(indexed ? 'uncached (bookings_ended_idx present)' : 'uncached, schema as migrated (no bookings_ended_idx)', 0);
    let explained = await explainQueries(db, ranges(1, 0)[0]);
    const explainedAll = [{ label: results[0].label, executionMs: explained }];
    if (!indexed && !REUSED) {
      say(`\n${ENDED_INDEX};`);
      await db.query(ENDED_INDEX);
      await db.query('ANALYZE bookings');
      await measure('uncached, with bookings_ended_idx', SAMPLES);
      explained = await explainQueries(db, ranges(1, SAMPLES)[0]);
      explainedAll.push({ label: results[1].label, executionMs: explained });
    }

    const cached = latencySummary(cachedTimes);
    say(`\n## Result (target: p95 of uncached GET /api/admin/stats, 30 days over ~1,000,000 bookings, < ${TARGET_P95_MS} ms)`);
    say('| figure | p50 | p95 | p99 | SQL CPU per request | target |');
    say('| --- | --- | --- | --- | --- | --- |');
    say(`| cached (same default range) | ${ms(cached.p50)} | ${ms(cached.p95)} | ${ms(cached.p99)} | | |`);
    for (const { label, summary, sqlCpuMs } of results) {
      say(`| ${label} | ${ms(summary.p50)} | **${ms(summary.p95)}** | ${ms(summary.p99)} | ${ms(sqlCpuMs)} | ${summary.p95 < TARGET_P95_MS ? 'met' : 'MISSED'} |`);
    }
    say(`Load average at the end: ${loadavg().map((x) => x.toFixed(2)).join(', ')} on ${cpus().length} cores: the figures scale with it, as the cached row shows`);
    say('\nSQL execution time of one range (EXPLAIN ANALYZE):');
    for (const { label, executionMs } of explainedAll) {
      say(`- ${label}: ${Object.entries(executionMs).map(([query, time]) => `${query} ${ms(time)}`).join('; ')}`);
    }
  } finally {
    await cleanUp();
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

run().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`\nBENCHMARK FAILED: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
