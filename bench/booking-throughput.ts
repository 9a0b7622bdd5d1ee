/**
 * Scenario 1: park-now + release cycles at 50 concurrent clients through the API, then the same SQL
 * straight from pgbench at the same concurrency, in one run; reports API cycles/s ÷ pgbench cycles/s.
 *
 *   npx ts-node --transpile-only bench/booking-throughput.ts
 *
 * BENCH_CLIENTS (50), BENCH_DURATION seconds per measured phase (20), BENCH_WARMUP seconds (3).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { allocationStatement, FIND_VIEW } from '../src/bookings/bookings.repository';
import { benchDbUrl, httpClient, latencySummary, loginDrivers, ms, runBench, say, seedDrivers, seedLots, startCpu } from './lib';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 20);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 3);
const SPOTS = 200;

/** The user id of pgbench client `:client_id`: the seeded drivers have deterministic ids (lib.driverId). */
const PG_USER = `('00000000-0000-4000-8000-' || lpad(:client_id::text, 12, '0'))::uuid`;
const PG_VEHICLE = `('PGB' || lpad(:client_id::text, 3, '0'))`;
/** The booking id `\gset` captured: pgbench stores the NULL of a lost race as an empty string. */
const BOOKED_ID = `NULLIF(:id, '')::uuid`;

/**
 * One cycle of the API as SQL, statement by statement as the API sends them: the booking's one statement
 * (BookingsRepository.allocate, shared with the API), then the release's read of the booking
 * (BookingsRepository.findView) and its compare-and-set update (BookingsRepository.updateIfStatus, as
 * TypeORM writes it). Timestamps and the cost are parameters in the app; now() and a constant here.
 * pgbench cannot catch the exclusion violation of a lost spot race (the API retries it), so here the
 * insert does nothing instead, its booking id is NULL and the cycle is wasted; only cycles that booked
 * are counted (completed PGB… bookings in the database).
 */
const CYCLE = `
-- BookingsRepository.allocate
${pgbenchParams(allocationStatement(false))} \\gset
-- BookingsRepository.findView
${FIND_VIEW.replace('$1', BOOKED_ID).replaceAll('$2', PG_USER)};
-- BookingsRepository.updateIfStatus
UPDATE "bookings" SET "status" = 'completed', "released_at" = now(), "cost_cents" = 10, "updated_at" = CURRENT_TIMESTAMP WHERE id = ${BOOKED_ID} AND status = 'active' RETURNING status, checked_in_at, released_at, cost_cents, release_reason;
`;

/** The allocation statement with pgbench's variables for its parameters, and a lost race as "nothing inserted". */
function pgbenchParams(statement: string): string {
  const values: Record<string, string> = {
    $1: ':lot::uuid',
    $2: PG_USER,
    $3: PG_VEHICLE,
    $4: "'instant'",
    $5: "'active'",
    $6: 'now()',
    $7: 'NULL',
    // Park now's earliest next reservation (R-BOOK-1), as the API passes it: now + PARK_NOW_MIN_FREE_MINUTES.
    $8: "(now() + interval '60 minutes')",
    // Park now: the lot's current tariff version, no quoted price.
    $9: 'NULL',
    $10: 'NULL',
  };
  const withValues = statement.replace(/\$(10|[1-9])\b/g, (param) => values[param]);
  if (!withValues.includes('\n          RETURNING id,')) throw new Error('The allocation statement changed: update pgbenchParams');
  return withValues.replace('\n          RETURNING id,', '\n          ON CONFLICT DO NOTHING\n          RETURNING id,');
}

interface PgbenchResult {
  /** Scripts run per second, lost races included. */
  tps: number;
  /** Cycles that booked and released, per second. */
  cycles: number;
  booked: number;
  transactions: number;
  failed: string;
  latencyAvgMs: number;
  output: string;
}

async function runPgbench(db: Client, scriptFile: string, lotId: string): Promise<PgbenchResult> {
  const completed = async () =>
    Number((await db.query(`SELECT count(*) AS n FROM bookings WHERE vehicle_number LIKE 'PGB%' AND status = 'completed'`)).rows[0].n);
  const before = await completed();
  const result = await pgbench(scriptFile, lotId);
  const booked = (await completed()) - before;
  return { ...result, booked, cycles: (result.tps * booked) / result.transactions };
}

function pgbench(scriptFile: string, lotId: string): Promise<Omit<PgbenchResult, 'cycles' | 'booked'>> {
  const args = ['-n', '-c', String(CLIENTS), '-j', '2', '-T', String(DURATION_S), '-M', 'extended', '-r', '-D', `lot=${lotId}`, '-f', scriptFile, benchDbUrl()];
  say(`$ pgbench ${args.join(' ')}`);
  return new Promise((done, fail) => {
    // The session settings the API's connections carry, so the driver-limit trigger does the same work here.
    const env = { ...process.env, PGOPTIONS: '-c parking.max_upcoming_reservations=5 -c parking.max_active_bookings=3' };
    const child = spawn('pgbench', args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code) => {
      const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(output);
      if (code !== 0 || !tps) return fail(new Error(`pgbench exited with ${code}:\n${output}`));
      done({
        tps: Number(tps[1]),
        transactions: Number(/number of transactions actually processed: (\d+)/.exec(output)?.[1]),
        failed: /number of failed transactions: (.*)/.exec(output)?.[1] ?? 'n/a',
        latencyAvgMs: Number(/latency average = ([\d.]+) ms/.exec(output)?.[1]),
        output,
      });
    });
  });
}

runBench('Booking throughput: park-now + release cycles, API vs pgbench', async (ctx) => {
  await seedDrivers(ctx.db, CLIENTS);
  const [lotId] = await seedLots(ctx.db, 'Throughput', 1, SPOTS);
  say(`Seeded ${CLIENTS} drivers and one lot of ${SPOTS} spots`);
  const server = await ctx.start();
  const tokens = await loginDrivers(server.base, CLIENTS);
  const client = httpClient(server.base, CLIENTS);
  ctx.onCleanup(async () => client.close());

  /** Every client books its own vehicle and releases it, again and again, until the time is up. */
  async function cycles(seconds: number) {
    const latency = { book: [] as number[], release: [] as number[] };
    const unexpected: Record<string, number> = {};
    let completed = 0;
    const started = performance.now();
    const until = started + seconds * 1000;
    await Promise.all(
      tokens.map(async (token, i) => {
        const vehicleNumber = `TPUT${String(i).padStart(3, '0')}`;
        while (performance.now() < until) {
          const booked = await client.call('POST', '/api/bookings', token, { lotId, vehicleNumber });
          latency.book.push(booked.ms);
          if (booked.status !== 201) {
            const key = `book ${booked.status} ${booked.body?.code ?? ''}`;
            unexpected[key] = (unexpected[key] ?? 0) + 1;
            continue;
          }
          const released = await client.call('POST', `/api/bookings/${booked.body.id}/release`, token);
          latency.release.push(released.ms);
          if (released.status === 200) completed++;
          else {
            const key = `release ${released.status} ${released.body?.code ?? ''}`;
            unexpected[key] = (unexpected[key] ?? 0) + 1;
          }
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    return { completed, elapsed, rate: completed / elapsed, latency, unexpected };
  }

  say(`\n## API: ${CLIENTS} clients, ${WARMUP_S} s warm-up then ${DURATION_S} s measured`);
  await cycles(WARMUP_S);
  const cpu = startCpu(server.pid);
  const api = await cycles(DURATION_S);
  const apiCpu = cpu.stop().toString();
  const book = latencySummary(api.latency.book);
  const release = latencySummary(api.latency.release);
  const all = latencySummary([...api.latency.book, ...api.latency.release]);
  say(`cycles: ${api.completed} in ${api.elapsed.toFixed(1)} s → ${api.rate.toFixed(1)} cycles/s (${(2 * api.rate).toFixed(0)} requests/s)`);
  say(`unexpected answers: ${JSON.stringify(api.unexpected)}`);
  say(`latency per request: p50 ${ms(all.p50)}, p99 ${ms(all.p99)} (max ${ms(all.max)})`);
  say(`  POST /api/bookings:              p50 ${ms(book.p50)}, p95 ${ms(book.p95)}, p99 ${ms(book.p99)}`);
  say(`  POST /api/bookings/{id}/release: p50 ${ms(release.p50)}, p95 ${ms(release.p95)}, p99 ${ms(release.p99)}`);
  say(apiCpu);
  const [{ active }] = (await ctx.db.query(`SELECT count(*)::int AS active FROM bookings WHERE status = 'active'`)).rows;
  if (active !== 0) throw new Error(`${active} bookings are still active after the API phase`);

  const dir = mkdtempSync(join(tmpdir(), 'parking-pgbench-'));
  ctx.onCleanup(async () => rmSync(dir, { recursive: true, force: true }));
  const cycleFile = join(dir, 'cycle.sql');
  writeFileSync(cycleFile, CYCLE);

  say(`\n## pgbench: the cycle's statements (allocate, then the release's read and update), ${CLIENTS} clients, ${DURATION_S} s`);
  const cpu2 = startCpu(server.pid);
  const sql = await runPgbench(ctx.db, cycleFile, lotId);
  const sqlCpu = cpu2.stop().toString();
  say(sql.output.trim());
  say(`cycles that booked: ${sql.booked} of ${sql.transactions} (the rest lost the spot race) → ${sql.cycles.toFixed(1)} cycles/s`);
  say(sqlCpu);

  const [{ bookings, overlapping }] = (
    await ctx.db.query(
      `SELECT (SELECT count(*)::int FROM bookings) AS bookings,
              (SELECT count(*)::int FROM bookings a JOIN bookings b ON b.spot_id = a.spot_id AND b.id > a.id AND b.period && a.period
               WHERE a.status <> 'cancelled' AND b.status <> 'cancelled') AS overlapping`,
    )
  ).rows;

  say('\n## Result');
  say(`| figure | value |`);
  say(`| --- | --- |`);
  say(`| API cycles/s (${CLIENTS} clients) | ${api.rate.toFixed(1)} |`);
  say(`| API latency per request p50 / p99 | ${ms(all.p50)} / ${ms(all.p99)} |`);
  say(`| pgbench cycles/s, the same statements | ${sql.cycles.toFixed(1)} (scripts/s ${sql.tps.toFixed(1)}, failed: ${sql.failed}) |`);
  say(`| ratio API ÷ pgbench, target ≥ 0.5 | **${(api.rate / sql.cycles).toFixed(2)}** ${api.rate / sql.cycles >= 0.5 ? 'met' : 'MISSED'} |`);
  say(`| bookings written / spot overlaps | ${bookings} / ${overlapping} |`);
});
