/**
 * The monthly reports of R-JOB-4 for 10,000 drivers, through Bull with the production worker: from the
 * month's job being queued until every mail (with its PDF) is in the transport's outbox. Target: < 3 min.
 *
 *   npx ts-node --transpile-only bench/monthly-report.ts
 *
 * Uses its own build, scratch database and Redis prefix (so it can run next to the other benchmarks), seeded
 * with set-based SQL: BENCH_DRIVERS (10000) drivers with 5 bookings each in the previous month of
 * Europe/Berlin (4 completed, 1 no-show), over 20 lots. Everything is removed afterwards, also on Ctrl-C.
 * BENCH_CPU_PROFILE=<dir> runs the worker under `node --cpu-prof` (slower: not for the headline figure).
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import Bull from 'bull';
import { Client } from 'pg';
import { monthRange } from '../src/common/calendar';
import { QueueName } from '../src/queues/queue-names';
import { manualRun, monthlyReportJob, REPORT_JOB_OPTIONS } from '../src/reports/report-jobs';
import { readMails } from '../test/support/outbox';
import { adminQuery, databaseUrlOf, deleteRedisKeysUnder, machineLine, REDIS_URL, say, seedDrivers, seedLots, sleep } from './lib';

const DRIVERS = Number(process.env.BENCH_DRIVERS ?? 10_000);
const BOOKINGS_PER_DRIVER = 5;
const LOTS = 20;
const TIME_ZONE = 'Europe/Berlin';
const DB = 'parking_bench_reports';
// Not "parking-bench…": the other benchmarks delete every key of that prefix when they clean up.
const PREFIX = `reports-bench-${randomBytes(3).toString('hex')}`;
const ROOT = join(__dirname, '..');
const TARGET_SECONDS = 180;
const ADMIN_EMAIL = 'bench-admin@parking.bench';

/**
 * The production build (tsc with tsconfig.build.json, plus the mail templates nest-cli copies as assets),
 * into a folder of its own: dist/ is rebuilt — deleted first — by whoever runs `npm run build` meanwhile.
 */
function buildInto(dir: string): void {
  const started = Date.now();
  const built = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', dir], {
    encoding: 'utf8',
  });
  // tsc still emits when the tree has type errors (work in progress elsewhere): say so, run if it emitted.
  if (built.status !== 0) say(`tsc reported errors, the build may be incomplete:\n${built.stdout}${built.stderr}`.trimEnd());
  if (!existsSync(join(dir, 'worker.js'))) throw new Error('The build emitted no worker.js');
  cpSync(join(ROOT, 'src', 'mail', 'templates'), join(dir, 'mail', 'templates'), { recursive: true });
  say(`Built the production bundle into ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** The build lives outside the repository: its requires find the packages through NODE_PATH. */
const NODE_PATH = join(ROOT, 'node_modules');

const dbUrl = () => databaseUrlOf(DB);

/** Drivers own two spots each (lots 1–10 and 11–20) and book them on different days: no overlap to refuse. */
async function seedMonth(db: Client, month: string): Promise<void> {
  await seedDrivers(db, DRIVERS);
  const perLot = Math.ceil((2 * DRIVERS) / LOTS);
  const lotIds = await seedLots(db, 'Bench lot', LOTS, perLot);
  const { start } = monthRange(month, TIME_ZONE);
  await db.query(
    `WITH lot_order AS (SELECT id, n - 1 AS idx FROM unnest($1::uuid[]) WITH ORDINALITY AS l(id, n)),
          plan AS (
            SELECT i, k, ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid AS user_id,
                   CASE WHEN k % 2 = 0 THEN i ELSE $3 + i END AS spot_index,
                   $2::timestamptz + make_interval(days => k * 6 + i % 5, hours => 7 + i % 12, mins => i % 60) AS start_at,
                   60 + (i + k) % 120 AS minutes
            FROM generate_series(0, $3 - 1) AS i CROSS JOIN generate_series(0, $4 - 1) AS k)
     INSERT INTO bookings (user_id, lot_id, spot_id, vehicle_number, type, status, start_at, end_at, released_at, rate_per_hour_cents, cost_cents)
     SELECT p.user_id, l.id, s.id, 'BENCH' || lpad(p.i::text, 6, '0'),
            CASE WHEN p.k = 4 THEN 'reserved' ELSE 'instant' END::booking_type,
            CASE WHEN p.k = 4 THEN 'expired' ELSE 'completed' END::booking_status,
            p.start_at,
            CASE WHEN p.k = 4 THEN p.start_at + make_interval(mins => p.minutes) END,
            CASE WHEN p.k = 4 THEN NULL ELSE p.start_at + make_interval(mins => p.minutes) END,
            lot.price_per_hour_cents, (lot.price_per_hour_cents * p.minutes * 2 + 60) / 120
     FROM plan p
     JOIN lot_order l ON l.idx = p.spot_index / $5
     JOIN lots lot ON lot.id = l.id
     JOIN spots s ON s.lot_id = l.id AND s.number = p.spot_index % $5 + 1`,
    [lotIds, start, DRIVERS, BOOKINGS_PER_DRIVER, perLot],
  );
  await db.query('ANALYZE');
}

function startWorker(build: string, outbox: string): { child: ChildProcess; ready: Promise<void>; stop: () => Promise<void> } {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_PATH,
    NODE_ENV: 'production',
    DATABASE_URL: dbUrl(),
    REDIS_URL,
    REDIS_PREFIX: PREFIX,
    APP_TIMEZONE: TIME_ZONE,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ADMIN_EMAIL,
    ADMIN_PASSWORD: `Bench-${randomBytes(12).toString('hex')}1`,
    // Info, for the "Worker ready" line; the report and mail jobs log nothing per job.
    LOG_LEVEL: 'info',
    MAIL_OUTBOX_DIR: outbox,
  };
  // cwd is a scratch folder so a developer's .env never leaks into the measured process.
  // BENCH_CPU_PROFILE=<dir>: the worker writes a V8 .cpuprofile there when it stops.
  const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, join(build, 'worker.js')], { cwd: tmpdir(), env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const ready = new Promise<void>((done, fail) => {
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      if (output.includes('Worker ready')) done();
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    void exited.then(() => fail(new Error(`The worker exited:\n${output}`)));
    setTimeout(() => fail(new Error(`The worker was not ready in 120 s:\n${output}`)), 120_000).unref();
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  };
  return { child, ready, stop };
}

const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/** CPU seconds (user + system) of one process, and of the whole machine, from /proc. */
function cpuSeconds(pid: number): { process: number; machine: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return {
    process: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND,
    machine: (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND,
  };
}

const countMails = (dir: string) => {
  try {
    return readdirSync(dir).filter((name) => name.endsWith('.eml')).length;
  } catch {
    return 0;
  }
};

function deleteRedisKeys(): Promise<number> {
  return deleteRedisKeysUnder(REDIS_URL, PREFIX);
}

async function main(): Promise<void> {
  const outbox = mkdtempSync(join(tmpdir(), 'reports-bench-mail-'));
  const build = mkdtempSync(join(tmpdir(), 'reports-bench-dist-'));
  let worker: ReturnType<typeof startWorker> | undefined;
  let queue: Bull.Queue | undefined;
  let db: Client | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      await queue?.close().catch(() => undefined);
      await worker?.stop();
      await db?.end().catch(() => undefined);
      await adminQuery(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`).catch((error: Error) => console.error(`dropping ${DB}: ${error.message}`));
      const keys = await deleteRedisKeys().catch(() => 0);
      rmSync(outbox, { recursive: true, force: true });
      rmSync(build, { recursive: true, force: true });
      say(`Cleaned up: worker stopped, database ${DB} dropped, ${keys} Redis keys of ${PREFIX} deleted, outbox and build removed`);
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));

  let failed = false;
  try {
    say(`# Monthly reports (R-JOB-4) for ${DRIVERS.toLocaleString('en-US')} drivers through Bull`);
    say(machineLine());
    buildInto(build);
    await adminQuery(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await adminQuery(`CREATE DATABASE ${DB}`);
    const migrated = spawnSync(process.execPath, [join(build, 'database', 'migrate.js')], { env: { ...process.env, NODE_PATH, DATABASE_URL: dbUrl() }, encoding: 'utf8' });
    if (migrated.status !== 0) throw new Error(`Migrations failed: ${migrated.stderr || migrated.stdout}`);

    const planned = manualRun(monthlyReportJob(new Date(), TIME_ZONE));
    const { month } = planned.data;
    db = new Client({ connectionString: dbUrl() });
    await db.connect();
    let started = Date.now();
    await seedMonth(db, month);
    const [{ count }] = (await db.query('SELECT count(*)::int AS count FROM bookings')).rows;
    say(`Seeded ${DRIVERS} drivers, ${LOTS} lots and ${count} bookings in ${month} (${TIME_ZONE}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    worker = startWorker(build, outbox);
    await worker.ready;
    say(`Worker (production build, NODE_ENV=production, pid ${worker.child.pid}) ready; mail goes to the outbox transport`);

    queue = new Bull(QueueName.Reports, REDIS_URL, { prefix: `${PREFIX}:bull` });
    const expected = DRIVERS + 1;
    const before = cpuSeconds(worker.child.pid!);
    started = Date.now();
    await queue.add(planned.name, planned.data, { ...REPORT_JOB_OPTIONS, jobId: planned.jobId });
    let fanOutSeconds: number | undefined;
    let lastReport = started;
    let progress = { mails: 0, at: started };
    for (;;) {
      const mails = countMails(outbox);
      if (mails > progress.mails) progress = { mails, at: Date.now() };
      if (Date.now() - progress.at > 60_000) throw new Error(`No new mail for 60 s (${mails} of ${expected}): ${JSON.stringify(await queue.getJobCounts())}`);
      if (fanOutSeconds === undefined && (await (await queue.getJob(planned.jobId))?.isCompleted())) fanOutSeconds = (Date.now() - started) / 1000;
      if (mails >= expected) break;
      const failedJobs = await queue.getFailedCount();
      if (failedJobs) throw new Error(`${failedJobs} report jobs failed: ${(await queue.getFailed(0, 0))[0]?.failedReason}`);
      if (Date.now() - lastReport > 15_000) {
        say(`  … ${mails} of ${expected} mails after ${((Date.now() - started) / 1000).toFixed(0)} s`);
        lastReport = Date.now();
      }
      await sleep(200);
    }
    const seconds = (Date.now() - started) / 1000;
    const after = cpuSeconds(worker.child.pid!);

    // Outbox files are named after their recipient: read the admin's alone, not all 10,000.
    const adminDir = mkdtempSync(join(tmpdir(), 'reports-bench-admin-'));
    for (const file of readdirSync(outbox).filter((name) => name.includes(ADMIN_EMAIL))) copyFileSync(join(outbox, file), join(adminDir, file));
    const [adminMail] = await readMails(adminDir, ADMIN_EMAIL);
    rmSync(adminDir, { recursive: true, force: true });
    // The summary lines; the definitions under the figures start with the same words.
    const summary = adminMail?.text.match(/^(Bookings|Revenue|New drivers|Busiest hour): .*$/gm)?.slice(0, 4);
    say('');
    say(`Month ${month}: ${expected} mails (1 admin report, ${DRIVERS} driver reports, each with its PDF) in the outbox`);
    say(`  admin report: ${summary?.map((line) => line.replace(/\s+/g, ' ')).join(' · ') ?? 'not found'}`);
    say(`  month job (admin report + fan-out of ${DRIVERS} driver jobs) done after ${fanOutSeconds?.toFixed(1) ?? '?'} s`);
    say(`  all mails in the transport after ${seconds.toFixed(1)} s (${(DRIVERS / seconds).toFixed(0)} driver reports/s); target < ${TARGET_SECONDS} s: ${seconds < TARGET_SECONDS ? 'met' : 'MISSED'}`);
    const cores = (used: number) => `${used.toFixed(1)} s (${((used / seconds) * 100).toFixed(0)}% of one core)`;
    say(`  CPU over ${seconds.toFixed(1)} s: worker ${cores(after.process - before.process)}, whole machine ${cores(after.machine - before.machine)} of ${cpus().length} cores`);
  } catch (error) {
    failed = true;
    console.error(`\nBENCHMARK FAILED: ${(error as Error).stack ?? String(error)}`);
  } finally {
    await cleanUp();
  }
  process.exit(failed ? 1 : 0);
}

void main();
