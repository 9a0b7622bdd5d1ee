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
import { benchDbUrl, httpClient, latencySummary, loginDrivers, ms, runBench, say, seedDrivers, seedLots, startCpu } from './lib';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 20);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 3);
const SPOTS = 200;

/** The user id of pgbench client `:client_id`: the seeded drivers have deterministic ids (lib.driverId). */
const PG_USER = `('00000000-0000-4000-8000-' || lpad(:client_id::text, 12, '0'))::uuid`;
const PG_VEHICLE = `('PGB' || lpad(:client_id::text, 3, '0'))`;
/** The booking id of a cycle whose insert lost the spot race: the release then finds nothing. */
const LOST_RACE = '00000000-0000-0000-0000-000000000000';

/**
 * One cycle of the API as SQL, statement by statement as TypeORM sends them (captured with log_statement
 * from a real run; see docs/BENCHMARKS.md): BookingsService.allocateOnce in one transaction, then
 * BookingsService.transition (release) in another. Timestamps are parameters in the app; now() here.
 */
const CORE_CYCLE = `
BEGIN;
-- LotsService.requireBookableLot → LotsRepository.lock(id, 'for_key_share')
SELECT "Lot"."id" AS "Lot_id", "Lot"."name" AS "Lot_name", "Lot"."address" AS "Lot_address", "Lot"."postal_code" AS "Lot_postal_code", "Lot"."price_per_hour_cents" AS "Lot_price_per_hour_cents", "Lot"."capacity" AS "Lot_capacity", "Lot"."archived_at" AS "Lot_archived_at", "Lot"."created_at" AS "Lot_created_at", "Lot"."updated_at" AS "Lot_updated_at" FROM "lots" "Lot" WHERE (("Lot"."id" = :lot)) LIMIT 1 FOR KEY SHARE;
-- BookingsService.assertCanBook → manager.findOneBy(User, { id })
SELECT "User"."id" AS "User_id", "User"."email" AS "User_email", "User"."username" AS "User_username", "User"."full_name" AS "User_full_name", "User"."role" AS "User_role", "User"."is_active" AS "User_is_active", "User"."email_verified_at" AS "User_email_verified_at", "User"."created_at" AS "User_created_at", "User"."updated_at" AS "User_updated_at" FROM "users" "User" WHERE (("User"."id" = ${PG_USER})) LIMIT 1;
-- BookingsRepository.vehicleIsParked
SELECT 1 FROM bookings WHERE vehicle_number = ${PG_VEHICLE} AND status = 'active' LIMIT 1;
-- BookingsRepository.freeSpotFromNow(lock = true)
SELECT s.id AS spot_id, s.number FROM spots s
 WHERE s.lot_id = :lot AND s.archived_at IS NULL AND NOT s.out_of_service
   AND NOT EXISTS (
     SELECT 1 FROM bookings b
     WHERE b.spot_id = s.id AND b.status IN ('active', 'reserved') AND (b.status = 'active' OR b.end_at > now()))
 ORDER BY s.number
 LIMIT 1 FOR UPDATE OF s SKIP LOCKED \\gset
-- BookingsRepository.insert → manager.insert(Booking, …). pgbench cannot catch the exclusion violation of
-- a lost spot race (the API retries it in a new transaction), so here a lost race inserts nothing and the
-- cycle is wasted; only cycles that booked are counted (completed PGB… bookings in the database).
WITH inserted AS (
  INSERT INTO "bookings"("id", "user_id", "lot_id", "spot_id", "vehicle_number", "type", "status", "start_at", "end_at", "checked_in_at", "released_at", "rate_per_hour_cents", "cost_cents", "release_reason", "released_by", "created_at", "updated_at") VALUES (DEFAULT, ${PG_USER}, :lot, :spot_id, ${PG_VEHICLE}, 'instant', 'active', now(), NULL, DEFAULT, DEFAULT, 600, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT)
  ON CONFLICT DO NOTHING
  RETURNING "id", "period", "created_at", "updated_at")
SELECT coalesce((SELECT "id" FROM inserted), '${LOST_RACE}') AS booking_id \\gset
COMMIT;
BEGIN;
-- BookingsRepository.lockBooking → manager.findOne(Booking, { lock: pessimistic_write })
SELECT "Booking"."id" AS "Booking_id", "Booking"."user_id" AS "Booking_user_id", "Booking"."lot_id" AS "Booking_lot_id", "Booking"."spot_id" AS "Booking_spot_id", "Booking"."vehicle_number" AS "Booking_vehicle_number", "Booking"."type" AS "Booking_type", "Booking"."status" AS "Booking_status", "Booking"."start_at" AS "Booking_start_at", "Booking"."end_at" AS "Booking_end_at", "Booking"."checked_in_at" AS "Booking_checked_in_at", "Booking"."released_at" AS "Booking_released_at", "Booking"."rate_per_hour_cents" AS "Booking_rate_per_hour_cents", "Booking"."cost_cents" AS "Booking_cost_cents", "Booking"."release_reason" AS "Booking_release_reason", "Booking"."released_by" AS "Booking_released_by", "Booking"."created_at" AS "Booking_created_at", "Booking"."updated_at" AS "Booking_updated_at" FROM "bookings" "Booking" WHERE (("Booking"."id" = :booking_id) AND ("Booking"."user_id" = ${PG_USER})) LIMIT 1 FOR UPDATE;
-- manager.update(Booking, { id }, { status: completed, releasedAt, costCents })
UPDATE "bookings" SET "status" = 'completed', "released_at" = now(), "cost_cents" = 10, "updated_at" = CURRENT_TIMESTAMP WHERE "id" = :booking_id;
COMMIT;
`;

/** The view each answer is built from (BookingsRepository.findView); `owner` is the driver's id or NULL. */
const findView = (owner: string) => `SELECT b.id, b.user_id, u.username, b.lot_id, l.name AS lot_name, b.spot_id, s.number AS spot_number,
         b.vehicle_number, b.type, b.status, b.start_at, b.end_at, b.checked_in_at, b.released_at,
         b.rate_per_hour_cents, b.cost_cents, b.release_reason, (p.id IS NOT NULL) AS paid, b.created_at
  FROM bookings b JOIN lots l ON l.id = b.lot_id JOIN spots s ON s.id = b.spot_id JOIN users u ON u.id = b.user_id
  LEFT JOIN payments p ON p.booking_id = b.id
  WHERE b.id = :booking_id AND (${owner}::uuid IS NULL OR b.user_id = ${owner});`;

/**
 * The cycle plus the reads the API runs outside the transactions: the booking's view for the 201, the
 * driver's address for the confirmation mail (R-JOB-1), the booking's view for the release's 200.
 */
const FULL_CYCLE = CORE_CYCLE.replace(
  /COMMIT;\nBEGIN;/,
  `COMMIT;\n${findView(PG_USER)}\nSELECT email, username, full_name FROM users WHERE id = ${PG_USER};\nBEGIN;`,
).replace(/COMMIT;\n$/, `COMMIT;\n${findView('NULL')}\n`);

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
    const child = spawn('pgbench', args, { stdio: ['ignore', 'pipe', 'pipe'] });
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
  const coreFile = join(dir, 'cycle.sql');
  const fullFile = join(dir, 'cycle-with-views.sql');
  writeFileSync(coreFile, CORE_CYCLE);
  writeFileSync(fullFile, FULL_CYCLE);

  say(`\n## pgbench: the cycle's transactions (2 transactions, 11 statements), ${CLIENTS} clients, ${DURATION_S} s`);
  let cpu2 = startCpu(server.pid);
  const core = await runPgbench(ctx.db, coreFile, lotId);
  const coreCpu = cpu2.stop().toString();
  say(core.output.trim());
  say(`cycles that booked: ${core.booked} of ${core.transactions} (the rest lost the spot race) → ${core.cycles.toFixed(1)} cycles/s`);
  say(coreCpu);

  say(`\n## pgbench: the same plus the 3 reads around them (2 × findView, the mail's user lookup), ${CLIENTS} clients, ${DURATION_S} s`);
  cpu2 = startCpu(server.pid);
  const full = await runPgbench(ctx.db, fullFile, lotId);
  const fullCpu = cpu2.stop().toString();
  say(`tps = ${full.tps.toFixed(1)}, latency average = ${full.latencyAvgMs} ms, failed: ${full.failed}; booked ${full.booked} of ${full.transactions} → ${full.cycles.toFixed(1)} cycles/s`);
  say(fullCpu);

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
  say(`| pgbench cycles/s, the two transactions | ${core.cycles.toFixed(1)} (scripts/s ${core.tps.toFixed(1)}, failed: ${core.failed}) |`);
  say(`| pgbench cycles/s, with the 3 reads around them | ${full.cycles.toFixed(1)} (scripts/s ${full.tps.toFixed(1)}) |`);
  say(`| ratio API ÷ pgbench (the two transactions), target ≥ 0.5 | **${(api.rate / core.cycles).toFixed(2)}** ${api.rate / core.cycles >= 0.5 ? 'met' : 'MISSED'} |`);
  say(`| ratio API ÷ pgbench (with the reads) | ${(api.rate / full.cycles).toFixed(2)} |`);
  say(`| bookings written / spot overlaps | ${bookings} / ${overlapping} |`);
});
