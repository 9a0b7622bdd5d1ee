/**
 * Export of one driver's 1,000,000 bookings (R-JOB-5), as CSV and as xlsx, each through the real processor
 * in a fresh production worker (the compiled `worker.js`): wall time and peak RSS of that worker. Not a test.
 * The sources are compiled into the scratch folder rather than dist/, which others rebuild while this runs.
 *
 *   npx ts-node --transpile-only bench/export.ts
 *
 * BENCH_BOOKINGS (1000000), BENCH_FORMATS (csv,xlsx), BENCH_LAYOUT (readable; or machine). Targets: csv under 60 s, xlsx under 3 min, peak RSS
 * under 300 MB for both. A scratch database and Redis prefix of its own are created and always removed.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, createReadStream, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Bull from 'bull';
import { Client } from 'pg';
import { EXPORT_JOB_OPTIONS, ExportFormat, ExportJobData, ExportKind, ExportLayout, ExportResult } from '../src/exports/export-formats';
import { JobName, QueueName } from '../src/queues/queue-names';
import { adminQuery, databaseUrlOf, deleteRedisKeysUnder, driverId, machineLine, REDIS_URL, ROOT, say, seedDrivers, seedLots, sleep } from './lib';

const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 1_000_000);
const FORMATS = (process.env.BENCH_FORMATS ?? 'csv,xlsx').split(',') as ExportFormat[];
/** The readable layout (what a driver gets by default) writes more per row than the machine one. */
const LAYOUT = (process.env.BENCH_LAYOUT ?? ExportLayout.Readable) as ExportLayout;
const TARGETS: Record<ExportFormat, { seconds: number; rssMb: number }> = { csv: { seconds: 60, rssMb: 300 }, xlsx: { seconds: 180, rssMb: 300 } };
/** 10 lots × 100 spots; each spot (and its own vehicle) gets a booking every 2 hours, so no period overlaps. */
const LOTS = 10;
const SPOTS_PER_LOT = 100;
const SEED_BATCH = 50_000;

const RUN_ID = randomBytes(4).toString('hex');
const DB_NAME = `parking_bench_export_${RUN_ID}`;
const REDIS_PREFIX = `parking-bench-export-${RUN_ID}`;
const SCRATCH = mkdtempSync(join(tmpdir(), 'parking-bench-export-'));

/** The production build of the current sources, private to this run. */
const BUILD = join(SCRATCH, 'dist');
/** The build lives outside the repository: packages are found through NODE_PATH. */
const NODE_PATH = join(ROOT, 'node_modules');

function build(): void {
  const started = Date.now();
  const compiled = spawnSync('npx', ['--no', '--', 'tsc', '-p', 'tsconfig.build.json', '--outDir', BUILD], { cwd: ROOT, encoding: 'utf8' });
  if (compiled.status !== 0) throw new Error(`tsc failed: ${compiled.stdout}${compiled.stderr}`);
  // What nest-cli.json copies as assets.
  cpSync(join(ROOT, 'src', 'mail', 'templates'), join(BUILD, 'mail', 'templates'), { recursive: true });
  say(`Compiled the sources into ${BUILD} in ${seconds(Date.now() - started)}`);
}

const dbUrl = () => databaseUrlOf(DB_NAME);

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

// ---------------------------------------------------------------------------------------------------
// Database
// ---------------------------------------------------------------------------------------------------

async function createDatabase(): Promise<Client> {
  await adminQuery(`CREATE DATABASE ${DB_NAME}`);
  const migrated = spawnSync(process.execPath, [join(BUILD, 'database', 'migrate.js')], { cwd: SCRATCH, env: { ...process.env, DATABASE_URL: dbUrl(), NODE_PATH }, encoding: 'utf8' });
  if (migrated.status !== 0) throw new Error(`Migrations failed: ${migrated.stderr || migrated.stdout}`);
  say(`Database ${DB_NAME}: ${migrated.stdout.trim()}`);
  const db = new Client({ connectionString: dbUrl() });
  await db.connect();
  return db;
}

/** Set-based: one INSERT … SELECT generate_series per batch, with mixed types and states, a third paid. */
async function seed(db: Client): Promise<string> {
  const started = Date.now();
  await seedDrivers(db, 1);
  const lotIds = await seedLots(db, 'Export bench', LOTS, SPOTS_PER_LOT);
  await db.query(
    `CREATE TEMP TABLE bench_spots AS
     SELECT (row_number() OVER (ORDER BY l.name, s.number) - 1)::int AS idx, s.id AS spot_id, l.id AS lot_id, l.price_per_hour_cents AS rate
     FROM spots s JOIN lots l ON l.id = s.lot_id WHERE l.id = ANY($1::uuid[])`,
    [lotIds],
  );
  const spots = LOTS * SPOTS_PER_LOT;
  for (let from = 0; from < BOOKINGS; from += SEED_BATCH) {
    const to = Math.min(BOOKINGS, from + SEED_BATCH) - 1;
    await db.query(
      `WITH g AS (
         SELECT g, s.spot_id, s.lot_id, s.rate, 'EXB' || lpad(s.idx::text, 4, '0') AS vehicle,
                timestamptz '2020-01-01T00:00:00Z' + (g / $3) * interval '2 hours' AS start_at
         FROM generate_series($1::int, $2::int) AS g JOIN bench_spots s ON s.idx = g % $3)
       INSERT INTO bookings (user_id, lot_id, spot_id, vehicle_number, type, status, start_at, end_at, checked_in_at, released_at,
                             rate_per_hour_cents, cost_cents, created_at)
       SELECT $4, lot_id, spot_id, vehicle,
              CASE WHEN g % 5 = 0 THEN 'reserved' ELSE 'instant' END::booking_type,
              CASE WHEN g % 10 = 5 THEN 'cancelled' ELSE 'completed' END::booking_status,
              start_at,
              CASE WHEN g % 5 = 0 THEN start_at + interval '1 hour' END,
              CASE WHEN g % 10 = 0 THEN start_at END,
              CASE WHEN g % 10 <> 5 THEN start_at + interval '55 minutes' END,
              rate, CASE WHEN g % 10 = 5 THEN 0 ELSE rate END, start_at - interval '1 day'
       FROM g`,
      [from, to, spots, driverId(0)],
    );
    say(`  seeded ${(to + 1).toLocaleString('en-US')} / ${BOOKINGS.toLocaleString('en-US')} bookings (${seconds(Date.now() - started)})`);
  }
  const paid = await db.query(
    `INSERT INTO payments (booking_id, user_id, amount_cents, method, created_at)
     SELECT id, user_id, cost_cents, 'card', released_at FROM bookings WHERE status = 'completed' AND abs(hashtext(id::text)) % 3 = 0`,
  );
  await db.query('VACUUM ANALYZE bookings');
  await db.query('VACUUM ANALYZE payments');
  say(`Seeded ${BOOKINGS.toLocaleString('en-US')} bookings (${paid.rowCount} paid) for one driver in ${seconds(Date.now() - started)}`);
  return driverId(0);
}

// ---------------------------------------------------------------------------------------------------
// Worker
// ---------------------------------------------------------------------------------------------------

interface Worker {
  child: ChildProcess;
  stop(): Promise<void>;
}

/** The compiled worker in production mode on the scratch database, resolved once it logs that it is ready. */
async function startWorker(): Promise<Worker> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_PATH,
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    DATABASE_URL: dbUrl(),
    REDIS_URL,
    REDIS_PREFIX,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ADMIN_EMAIL: 'bench-admin@parking.bench',
    ADMIN_PASSWORD: `Bench-${randomBytes(12).toString('hex')}1`,
    EXPORT_DIR: join(SCRATCH, 'exports'),
    MAIL_OUTBOX_DIR: join(SCRATCH, 'mail'),
  };
  // cwd is the scratch folder so a developer's .env never leaks into the measured process.
  const child = spawn(process.execPath, [join(BUILD, 'worker.js')], { cwd: SCRATCH, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((done) => child.once('exit', () => ((exited = true), done())));
  const deadline = Date.now() + 60_000;
  while (!output.includes('Worker ready')) {
    if (exited) throw new Error(`The worker exited during start-up:\n${output}`);
    if (Date.now() > deadline) throw new Error(`The worker was not ready in 60 s:\n${output}`);
    await sleep(100);
  }
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exit;
    clearTimeout(timer);
  };
  return { child, stop };
}

/** Resident set now and its high-water mark since the process started, in kB (/proc/<pid>/status). */
function memory(pid: number): { rssKb: number; hwmKb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssKb: field('VmRSS'), hwmKb: field('VmHWM') };
}

async function countLines(path: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(path)) {
    for (let i = (chunk as Buffer).indexOf(10); i !== -1; i = (chunk as Buffer).indexOf(10, i + 1)) lines++;
  }
  return lines;
}

interface Figures {
  format: ExportFormat;
  wallMs: number;
  processingMs: number;
  bootRssKb: number;
  peakRssKb: number;
  result: ExportResult;
  check: string;
  mail: string;
}

/** One export in a fresh worker, so the worker's high-water mark belongs to this format alone. */
async function measure(queue: Bull.Queue<ExportJobData>, ownerId: string, format: ExportFormat): Promise<Figures> {
  const worker = await startWorker();
  try {
    const pid = worker.child.pid!;
    const boot = memory(pid);
    say(`\n## ${format}: worker pid ${pid} ready, RSS after start-up ${mb(boot.rssKb)}`);
    say(`  load average ${loadavg().map((load) => load.toFixed(2)).join(', ')} (other processes share the ${cpus().length} cores)`);
    const mailsBefore = mailFiles();
    const started = performance.now();
    const added = await queue.add(JobName.ExportBookings, { ownerId, format, kind: ExportKind.Bookings, layout: LAYOUT, timeZone: 'Europe/Berlin' }, EXPORT_JOB_OPTIONS);
    let lastSay = 0;
    for (;;) {
      const job = (await queue.getJob(added.id))!;
      const state = await job.getState();
      if (state === 'failed') throw new Error(`The ${format} export failed: ${job.failedReason}`);
      if (state === 'completed') {
        const wallMs = performance.now() - started;
        const peak = memory(pid);
        const result = job.returnvalue as ExportResult;
        const file = join(SCRATCH, 'exports', `${job.id}.${format}`);
        const check = format === 'csv' ? `${(await countLines(file)).toLocaleString('en-US')} lines (header + rows)` : `${result.rowCount.toLocaleString('en-US')} rows written`;
        return { format, wallMs, processingMs: job.finishedOn! - job.processedOn!, bootRssKb: boot.rssKb, peakRssKb: peak.hwmKb, result, check, mail: await readMail(mailsBefore) };
      }
      if (performance.now() - lastSay > 10_000) {
        lastSay = performance.now();
        say(`  ${seconds(lastSay - started)}: ${state}, progress ${job.progress()}%, worker RSS ${mb(memory(pid).rssKb)}`);
      }
      await sleep(250);
    }
  } finally {
    await worker.stop();
  }
}

function mailFiles(): string[] {
  try {
    return readdirSync(join(SCRATCH, 'mail')).filter((name) => name.endsWith('.eml'));
  } catch {
    return []; // nothing mailed yet: the outbox transport creates the folder
  }
}

/** The export-ready mail, the one new in the outbox since `before`: an attachment up to 10 MB, else a link. */
async function readMail(before: string[]): Promise<string> {
  for (let tries = 0; tries < 150; tries++) {
    const mail = mailFiles().find((name) => !before.includes(name));
    if (mail) {
      const text = readFileSync(join(SCRATCH, 'mail', mail), 'utf8');
      return /^Content-Disposition: attachment/im.test(text) ? 'attached' : 'link (no attachment)';
    }
    await sleep(100);
  }
  return 'not found';
}

// ---------------------------------------------------------------------------------------------------
// Run
// ---------------------------------------------------------------------------------------------------

function deleteRedisKeys(): Promise<number> {
  return deleteRedisKeysUnder(REDIS_URL, REDIS_PREFIX);
}

let queue: Bull.Queue<ExportJobData> | undefined;
let db: Client | undefined;
let cleaning: Promise<void> | undefined;

const cleanUp = () =>
  (cleaning ??= (async () => {
    await queue?.close().catch(() => undefined);
    await db?.end().catch(() => undefined);
    await adminQuery(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`).catch((error: unknown) => console.error(`dropping ${DB_NAME}: ${(error as Error).message}`));
    const keys = await deleteRedisKeys().catch(() => 0);
    rmSync(SCRATCH, { recursive: true, force: true });
    say(`Cleaned up: database ${DB_NAME} dropped, ${keys} Redis keys of ${REDIS_PREFIX} deleted, ${SCRATCH} removed`);
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
    say(`# Export of ${BOOKINGS.toLocaleString('en-US')} bookings of one driver (${FORMATS.join(', ')})`);
    say(machineLine());
    build();
    db = await createDatabase();
    const ownerId = await seed(db);
    queue = new Bull<ExportJobData>(QueueName.Exports, REDIS_URL, { prefix: `${REDIS_PREFIX}:bull` });
    const figures: Figures[] = [];
    for (const format of FORMATS) figures.push(await measure(queue, ownerId, format));

    say('\n## Results');
    say('| format | rows | file | wall (enqueue → completed) | in the worker | worker RSS after start | worker peak RSS | mail | target |');
    say('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const f of figures) {
      const target = TARGETS[f.format];
      const met = f.wallMs / 1000 < target.seconds && f.peakRssKb / 1024 < target.rssMb;
      say(
        `| ${f.format} | ${f.result.rowCount.toLocaleString('en-US')} (${f.check}) | ${(f.result.sizeBytes / 2 ** 20).toFixed(1)} MB | ${seconds(f.wallMs)} | ` +
          `${seconds(f.processingMs)} | ${mb(f.bootRssKb)} | ${mb(f.peakRssKb)} | ${f.mail} | < ${target.seconds} s, < ${target.rssMb} MB: ${met ? 'met' : 'MISSED'} |`,
      );
    }
  } catch (error) {
    failed = true;
    console.error(`\nBENCHMARK FAILED: ${(error as Error).stack ?? String(error)}`);
  } finally {
    await cleanUp();
  }
  process.exit(failed ? 1 : 0);
})();
