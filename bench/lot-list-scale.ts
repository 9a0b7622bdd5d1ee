/**
 * Scenario 4: the uncached lot list at scale — 500 lots × 100 spots, 1,000,000 past bookings, live
 * bookings on half the spots — measured through the API with cache misses, then the same SQL with
 * EXPLAIN (ANALYZE, BUFFERS).
 *
 *   npx ts-node --transpile-only bench/lot-list-scale.ts
 *
 * Cache misses are made two ways: (a) a search string never asked before (every one matches all 500
 * lots) on each of the 25 pages; (b) no search, each read preceded by an admin price change, which
 * invalidates the lot list (the write is not timed). BENCH_SAMPLES (200) reads per way.
 */
import { join } from 'node:path';
import { Client } from 'pg';
import { benchDbUrl, DIST, httpClient, latencySummary, loginAdmin, loginDrivers, ms, runBench, say, seedDrivers, seedLots, startCpu } from './lib';

const LOTS = 500;
const SPOTS = 100;
const PAST_PER_SPOT = 20; // 500 × 100 × 20 = 1,000,000 past bookings
const USERS = 1000;
const BATCH_LOTS = 50;
const PAGE_SIZE = 20;
const PAGES = LOTS / PAGE_SIZE;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
/** Substrings of every lot's name or address ("<n> Harbour Road, Benchton"), each a new cache key. */
const SEARCHES = ['Harbour', 'Harbour Road', 'arbour', 'Benchton', 'Road', 'Benchto', 'enchton', 'Harbo', 'our Ro', 'Bench', 'chton', 'bour R'];

async function timed<T>(label: string, step: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await step();
  say(`  ${label} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return result;
}

async function seed(db: Client): Promise<string[]> {
  say('Seeding (set-based SQL):');
  await timed(`${USERS} drivers`, () => seedDrivers(db, USERS));
  const lotIds = await timed(`${LOTS} lots × ${SPOTS} spots`, () => seedLots(db, 'Scale', LOTS, SPOTS));
  // Past bookings: spot k's j-th booking starts 1 + 18·j days ago (plus a few hours) and lasts 30–179 min,
  // so periods never overlap on a spot; each spot has its own vehicle (a varied prefix, then the spot's
  // index), so none overlap per vehicle either. Inserted with every constraint in place — each row is
  // checked by both exclusion constraints, which is most of the seeding time — in two sessions at once.
  const second = new Client({ connectionString: benchDbUrl() });
  await second.connect();
  const insertBatch = (session: Client, first: number) =>
    session.query(
      `INSERT INTO bookings (user_id, lot_id, spot_id, vehicle_number, type, status, start_at, released_at, rate_per_hour_cents, cost_cents, created_at, updated_at)
       SELECT ('00000000-0000-4000-8000-' || lpad(((g.idx * ${PAST_PER_SPOT} + j) % ${USERS})::text, 12, '0'))::uuid,
              g.lot_id, g.spot_id, upper(substr(md5(g.idx::text), 1, 5)) || g.idx, 'instant', 'completed',
              t.start_at, t.start_at + t.minutes * interval '1 minute', 300, ceil(300 * t.minutes / 60.0)::int, t.start_at, t.start_at
       FROM (
         SELECT s.id AS spot_id, s.lot_id, s.number, ((b.ord - 1 + $2) * ${SPOTS} + s.number) AS idx
         FROM unnest($1::uuid[]) WITH ORDINALITY AS b(lot_id, ord) JOIN spots s ON s.lot_id = b.lot_id
       ) g
       CROSS JOIN generate_series(1, ${PAST_PER_SPOT}) AS j
       CROSS JOIN LATERAL (
         SELECT now() - interval '1 day' - j * interval '18 days' + (g.number % 24) * interval '1 hour' AS start_at,
                30 + (g.idx * 7 + j) % 150 AS minutes
       ) t`,
      [lotIds.slice(first, first + BATCH_LOTS), first],
    );
  try {
    const batches = Array.from({ length: LOTS / BATCH_LOTS }, (_, i) => i * BATCH_LOTS);
    let done = 0;
    const started = performance.now();
    await Promise.all(
      [db, second].map(async (session) => {
        for (let first = batches.shift(); first !== undefined; first = batches.shift()) {
          await insertBatch(session, first);
          done += BATCH_LOTS * SPOTS * PAST_PER_SPOT;
          say(`  past bookings ${done.toLocaleString('en')} / ${(LOTS * SPOTS * PAST_PER_SPOT).toLocaleString('en')} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
        }
      }),
    );
  } finally {
    await second.end();
  }
  await timed('reviews of 2% of the past bookings', () =>
    db.query(
      `INSERT INTO reviews (booking_id, user_id, lot_id, rating, created_at)
       SELECT id, user_id, lot_id, 1 + abs(hashtext(id::text)) % 5, released_at FROM bookings WHERE abs(hashtext(id::text)) % 50 = 0`,
    ),
  );
  // Now: spots 1–30 of every lot parked, 31–35 in a reservation window that contains now, 36–45 reserved
  // later, spot 100 of every tenth lot out of service.
  await timed('live bookings: 15,000 parked, 2,500 reserved now, 5,000 reserved later', () =>
    db.query(
      `INSERT INTO bookings (user_id, lot_id, spot_id, vehicle_number, type, status, start_at, end_at, rate_per_hour_cents)
       SELECT ('00000000-0000-4000-8000-' || lpad((g.idx % ${USERS})::text, 12, '0'))::uuid, g.lot_id, g.spot_id,
              CASE WHEN g.number <= 30 THEN 'LA' WHEN g.number <= 35 THEN 'LR' ELSE 'LF' END || lpad(g.idx::text, 6, '0'),
              CASE WHEN g.number <= 30 THEN 'instant' ELSE 'reserved' END::booking_type,
              CASE WHEN g.number <= 30 THEN 'active' ELSE 'reserved' END::booking_status,
              CASE WHEN g.number <= 30 THEN now() - (g.idx % 540) * interval '1 minute'
                   WHEN g.number <= 35 THEN now() - interval '30 minutes'
                   ELSE now() + (2 + g.idx % 24) * interval '1 hour' END,
              CASE WHEN g.number <= 30 THEN NULL
                   WHEN g.number <= 35 THEN now() + interval '90 minutes'
                   ELSE now() + (4 + g.idx % 24) * interval '1 hour' END,
              300
       FROM (SELECT s.id AS spot_id, s.lot_id, s.number, row_number() OVER (ORDER BY s.lot_id, s.number) AS idx FROM spots s WHERE s.number <= 45) g`,
    ),
  );
  await db.query(`UPDATE spots s SET out_of_service = true FROM (SELECT id, row_number() OVER (ORDER BY name) AS ord FROM lots) l WHERE s.lot_id = l.id AND l.ord % 10 = 0 AND s.number = 100`);
  await timed('VACUUM ANALYZE', () => db.query('VACUUM ANALYZE'));
  const [{ bookings, size }] = (await db.query(`SELECT count(*)::int AS bookings, pg_size_pretty(pg_total_relation_size('bookings')) AS size FROM bookings`)).rows;
  say(`  bookings table: ${bookings.toLocaleString('en')} rows, ${size} with indexes`);
  return lotIds;
}

interface ListRepository {
  listWithCounts(filter: { search?: string; includeArchived: boolean; offset: number; limit: number }, now: Date): Promise<unknown>;
}
let LotsRepository: new (repository: unknown) => ListRepository;

/** The exact SQL and parameters LotsRepository.listWithCounts sends, taken from the production build. */
async function listSql(filter: { search?: string; offset: number; limit: number }): Promise<{ sql: string; params: unknown[] }> {
  let captured: { sql: string; params: unknown[] } | undefined;
  const fake = {
    query: async (sql: string, params: unknown[]) => {
      captured ??= { sql, params };
      return [];
    },
  };
  await new LotsRepository(fake).listWithCounts({ ...filter, includeArchived: false }, new Date());
  if (!captured) throw new Error('LotsRepository.listWithCounts sent no query');
  return captured;
}

runBench(`Lot list at scale: ${LOTS} lots × ${SPOTS} spots, 1,000,000 past bookings, uncached`, async (ctx) => {
  // Loaded now, from the build the API runs: a rebuild of dist/ during the run must not break it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled module, so the SQL is the build's own
  LotsRepository = require(join(DIST, 'lots', 'lots.repository.js')).LotsRepository;
  const seedStarted = performance.now();
  const lotIds = await seed(ctx.db);
  say(`Seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

  const server = await ctx.start();
  const [driver] = await loginDrivers(server.base, 1);
  const admin = await loginAdmin(server);
  const client = httpClient(server.base, 2);
  ctx.onCleanup(async () => client.close());

  const list = async (query: string) => {
    const reply = await client.call('GET', `/api/lots?${query}`, driver);
    if (reply.status !== 200 || reply.body.total !== LOTS || reply.body.items.length !== PAGE_SIZE) {
      throw new Error(`GET /api/lots?${query}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
    }
    return reply;
  };
  const first = (await list(`page=1&pageSize=${PAGE_SIZE}`)).body.items[0];
  say(`\nFirst lot listed: ${JSON.stringify(first)}`);

  say(`\n## Cached: GET /api/lots?page=1 × ${SAMPLES} (for contrast)`);
  const cached: number[] = [];
  for (let i = 0; i < SAMPLES; i++) cached.push((await list(`page=1&pageSize=${PAGE_SIZE}`)).ms);
  const cachedSummary = latencySummary(cached);
  say(`p50 ${ms(cachedSummary.p50)}, p95 ${ms(cachedSummary.p95)}`);

  say(`\n## Uncached (a): a new search on each of the ${PAGES} pages, ${SAMPLES} reads, one at a time`);
  const cpu = startCpu(server.pid);
  const bySearch: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const search = SEARCHES[Math.floor(i / PAGES) % SEARCHES.length];
    if (i >= PAGES * SEARCHES.length) throw new Error('not enough distinct searches for the samples');
    bySearch.push((await list(`search=${encodeURIComponent(search)}&page=${(i % PAGES) + 1}&pageSize=${PAGE_SIZE}`)).ms);
  }
  const searchSummary = latencySummary(bySearch);
  say(`p50 ${ms(searchSummary.p50)}, p95 ${ms(searchSummary.p95)}, p99 ${ms(searchSummary.p99)}, max ${ms(searchSummary.max)}`);

  say(`\n## Uncached (b): no search, pages 1–${PAGES}, each read right after an admin price change (not timed)`);
  const afterWrite: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const change = await client.call('PATCH', `/api/lots/${lotIds[i % lotIds.length]}`, admin, { pricePerHourCents: 300 + (i % 2) * 50 });
    if (change.status !== 200) throw new Error(`PATCH lot: ${change.status} ${JSON.stringify(change.body)}`);
    afterWrite.push((await list(`page=${(i % PAGES) + 1}&pageSize=${PAGE_SIZE}`)).ms);
  }
  const writeSummary = latencySummary(afterWrite);
  say(`p50 ${ms(writeSummary.p50)}, p95 ${ms(writeSummary.p95)}, p99 ${ms(writeSummary.p99)}, max ${ms(writeSummary.max)}`);
  say(cpu.stop().toString());

  say('\n## Park now + release at this scale (1,000,000 rows behind both exclusion constraints), 50 in a row');
  const parkMs: number[] = [];
  const releaseMs: number[] = [];
  for (let i = 0; i < 50; i++) {
    const parked = await client.call('POST', '/api/bookings', driver, { lotId: lotIds[(i * 7) % LOTS], vehicleNumber: `SCALE${i}` });
    if (parked.status !== 201) throw new Error(`park now: ${parked.status} ${JSON.stringify(parked.body)}`);
    parkMs.push(parked.ms);
    const released = await client.call('POST', `/api/bookings/${parked.body.id}/release`, driver);
    if (released.status !== 200) throw new Error(`release: ${released.status} ${JSON.stringify(released.body)}`);
    releaseMs.push(released.ms);
  }
  const park = latencySummary(parkMs);
  const release = latencySummary(releaseMs);
  say(`POST /api/bookings p50 ${ms(park.p50)}, p95 ${ms(park.p95)}; release p50 ${ms(release.p50)}, p95 ${ms(release.p95)}`);

  say('\n## The SQL alone (LotsRepository.listWithCounts as built), timed from a plain pg client');
  const sqlTimes: Record<string, number[]> = {};
  const variants = [
    { label: 'page 1, no search', filter: { offset: 0, limit: PAGE_SIZE } },
    { label: "page 13, search 'Harbour'", filter: { search: 'Harbour', offset: 12 * PAGE_SIZE, limit: PAGE_SIZE } },
    { label: 'page 25, no search', filter: { offset: 24 * PAGE_SIZE, limit: PAGE_SIZE } },
  ];
  for (const variant of variants) {
    const { sql, params } = await listSql(variant.filter);
    sqlTimes[variant.label] = [];
    for (let i = 0; i < 50; i++) {
      const started = performance.now();
      await ctx.db.query(sql, [new Date(), ...params.slice(1)]);
      sqlTimes[variant.label].push(performance.now() - started);
    }
    const summary = latencySummary(sqlTimes[variant.label]);
    say(`${variant.label}: p50 ${ms(summary.p50)}, p95 ${ms(summary.p95)} (50 runs)`);
  }

  for (const variant of [variants[0], variants[1]]) {
    const { sql, params } = await listSql(variant.filter);
    const plan = await ctx.db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, [new Date(), ...params.slice(1)]);
    say(`\n## EXPLAIN (ANALYZE, BUFFERS), ${variant.label}`);
    for (const row of plan.rows) say(row['QUERY PLAN']);
  }

  say('\n## Result (target: p95 of the uncached list < 50 ms)');
  say('| figure | p50 | p95 | p99 | target p95 < 50 ms |');
  say('| --- | --- | --- | --- | --- |');
  say(`| cached, page 1 | ${ms(cachedSummary.p50)} | ${ms(cachedSummary.p95)} | ${ms(cachedSummary.p99)} | |`);
  for (const [label, summary] of [
    ['uncached (a): new search, pages 1–25', searchSummary],
    ['uncached (b): after a write, pages 1–25', writeSummary],
  ] as const) {
    say(`| ${label} | ${ms(summary.p50)} | **${ms(summary.p95)}** | ${ms(summary.p99)} | ${summary.p95 < 50 ? 'met' : 'MISSED'} |`);
  }
  say(`| park now at scale (POST /api/bookings) | ${ms(park.p50)} | ${ms(park.p95)} | ${ms(park.p99)} | |`);
  say(`| release at scale | ${ms(release.p50)} | ${ms(release.p95)} | ${ms(release.p99)} | |`);
  for (const [label, times] of Object.entries(sqlTimes)) {
    const summary = latencySummary(times);
    say(`| SQL alone, ${label} | ${ms(summary.p50)} | ${ms(summary.p95)} | ${ms(summary.p99)} | |`);
  }
});
