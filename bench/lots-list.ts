/**
 * Scenario 2: the cached lot list (`GET /api/lots` as a signed-in driver) against a constant public route
 * (`GET /api/health/live`), each with autocannon at 50 connections, in one run; reports the ratio.
 *
 *   npx ts-node --transpile-only bench/lots-list.ts
 *
 * BENCH_CONNECTIONS (50), BENCH_DURATION seconds per route (15), BENCH_WARMUP seconds per route (3).
 */
import autocannon from 'autocannon';
import { loginDrivers, ms, runBench, say, seedDrivers, seedLots, sleep, startCpu } from './lib';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 15);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 3);
const LOTS = 20;
/** The constant route to compare with; SPEC's /api/health touches PostgreSQL, Redis and the queues. */
const CONSTANT_ROUTE = '/api/health/live';

function cannon(url: string, headers: Record<string, string>, duration: number): Promise<autocannon.Result> {
  return autocannon({ url, connections: CONNECTIONS, duration, headers });
}

runBench('Lot list (cached) vs a constant route', async (ctx) => {
  await seedDrivers(ctx.db, 1);
  const lotIds = await seedLots(ctx.db, 'Listed', LOTS, 50);
  // Some life in the counts: a third of each lot parked through SQL (the list is computed once, then cached).
  await ctx.db.query(
    `INSERT INTO bookings (user_id, lot_id, spot_id, vehicle_number, type, status, start_at, rate_per_hour_cents)
     SELECT '00000000-0000-4000-8000-000000000000', s.lot_id, s.id, 'LL' || lpad(row_number() OVER ()::text, 6, '0'), 'instant', 'active', now() - interval '1 hour', 300
     FROM spots s WHERE s.lot_id = ANY($1::uuid[]) AND s.number <= 17`,
    [lotIds],
  );
  say(`Seeded ${LOTS} lots of 50 spots, 17 of each occupied`);
  const server = await ctx.start();
  const [token] = await loginDrivers(server.base, 1);

  const check = await fetch(`${server.base}/api/lots`, { headers: { authorization: `Bearer ${token}` } });
  const page = (await check.json()) as { items: { occupied: number }[]; total: number };
  if (check.status !== 200 || page.total !== LOTS || page.items[0]?.occupied !== 17) throw new Error(`unexpected lot list: ${check.status} ${JSON.stringify(page).slice(0, 300)}`);
  const constant = await fetch(`${server.base}${CONSTANT_ROUTE}`);
  if (constant.status !== 200) throw new Error(`${CONSTANT_ROUTE} answered ${constant.status}: this benchmark needs that constant public route`);
  say(`GET /api/lots returns ${page.items.length} of ${page.total} lots (${JSON.stringify(page).length} bytes of JSON)`);

  const routes: { name: string; url: string; headers: Record<string, string> }[] = [
    { name: `GET ${CONSTANT_ROUTE}`, url: `${server.base}${CONSTANT_ROUTE}`, headers: {} },
    { name: 'GET /api/lots (cached, driver token)', url: `${server.base}/api/lots`, headers: { authorization: `Bearer ${token}` } },
  ];
  const results: { name: string; result: autocannon.Result; cpu: string }[] = [];
  // A cached read must not reach PostgreSQL: count the bench database's transactions per phase.
  const transactions = async () => {
    await sleep(1100); // backends report their statistics at most once a second
    return Number((await ctx.db.query(`SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()`)).rows[0].n);
  };
  for (const route of routes) {
    say(`\n## ${route.name}: ${CONNECTIONS} connections, ${WARMUP_S} s warm-up, ${DURATION_S} s measured`);
    await cannon(route.url, route.headers, WARMUP_S);
    const before = await transactions();
    server.warnings(true);
    const cpuMeter = startCpu(server.pid);
    const result = await cannon(route.url, route.headers, DURATION_S);
    const cpu = cpuMeter.stop().toString();
    const dbTransactions = (await transactions()) - before - 1;
    say(
      `${result.requests.average.toFixed(0)} requests/s (total ${result.requests.total}), latency p50 ${ms(result.latency.p50)}, p99 ${ms(result.latency.p99)}, max ${ms(result.latency.max)}; non-2xx ${result.non2xx}, errors ${result.errors}`,
    );
    say(`database transactions during the phase: ${dbTransactions} (${(dbTransactions / result.requests.total).toFixed(3)} per request)`);
    say(`API warnings during the phase: ${JSON.stringify(server.warnings())}`);
    say(cpu);
    if (result.non2xx || result.errors) throw new Error(`${route.name}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
    results.push({ name: route.name, result, cpu });
  }

  const [live, lots] = results.map((entry) => entry.result);
  const ratio = lots.requests.average / live.requests.average;
  say('\n## Result');
  say('| figure | value |');
  say('| --- | --- |');
  say(`| ${CONSTANT_ROUTE} requests/s | ${live.requests.average.toFixed(0)} (p99 ${ms(live.latency.p99)}) |`);
  say(`| /api/lots (cached) requests/s | ${lots.requests.average.toFixed(0)} |`);
  say(`| ratio lots ÷ constant, target ≥ 0.7 | **${ratio.toFixed(2)}** ${ratio >= 0.7 ? 'met' : 'MISSED'} |`);
  say(`| /api/lots p99, target < 50 ms | **${ms(lots.latency.p99)}** ${lots.latency.p99 < 50 ? 'met' : 'MISSED'} |`);
});
