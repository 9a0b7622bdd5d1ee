/**
 * Scenario 3: 1,000 simultaneous park-now requests (50 drivers × 20 vehicles) on one lot of 100 spots,
 * against the production build: wall time until all 1,000 are answered, and the answers counted.
 *
 *   npx ts-node --transpile-only bench/contention.ts
 *
 * Three bursts on new connections (1,000 clients arriving at once: TCP connect included), then one on
 * 1,000 already-open keep-alive connections (the request work alone). Each burst gets a fresh lot and
 * fresh vehicles. BENCH_ROUNDS (3) sets the number of bursts on new connections.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { httpClient, latencySummary, loginDrivers, ms, Reply, runBench, say, seedDrivers, seedLots, sleep, startCpu } from './lib';

const DRIVERS = 50;
const VEHICLES_PER_DRIVER = 20;
const SPOTS = 100;
const COLD_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** The kernel's count of connections dropped because a listen backlog was full (TcpExt ListenOverflows). */
function listenOverflows(): number {
  const [names, values] = readFileSync('/proc/net/netstat', 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('TcpExt:'))
    .map((line) => line.split(/\s+/));
  const at = names?.indexOf('ListenOverflows') ?? -1;
  return at > 0 ? Number(values[at]) : NaN;
}

runBench('Contention: 1,000 simultaneous park-now requests on a lot of 100 spots', async (ctx) => {
  await seedDrivers(ctx.db, DRIVERS);
  const lotIds = await seedLots(ctx.db, 'Rush', COLD_ROUNDS + 1, SPOTS);
  say(`Seeded ${DRIVERS} drivers and ${lotIds.length} lots of ${SPOTS} spots (one per burst)`);
  const server = await ctx.start();
  const tokens = await loginDrivers(server.base, DRIVERS);

  const rows: string[] = [];
  const walls: { kind: string; ms: number }[] = [];
  for (let round = 0; round < lotIds.length; round++) {
    const warm = round === COLD_ROUNDS;
    const kind = warm ? 'open keep-alive connections' : 'new connections';
    const client = httpClient(server.base, 1000);
    if (warm) {
      // Open 1,000 sockets first (a constant route), so the burst below measures only the bookings.
      await Promise.all(Array.from({ length: 1000 }, () => client.call('GET', '/api/health/live')));
      const open = Object.values(client.agent.freeSockets).reduce((sum, list) => sum + (list?.length ?? 0), 0);
      say(`\n## Burst ${round + 1}: ${kind} (${open} sockets open)`);
    } else {
      say(`\n## Burst ${round + 1}: ${kind}`);
    }
    const lotId = lotIds[round];
    const requests = tokens.flatMap((token, d) =>
      Array.from({ length: VEHICLES_PER_DRIVER }, (_, v) => ({ token, vehicleNumber: `R${round}D${String(d).padStart(2, '0')}V${String(v).padStart(2, '0')}` })),
    );
    server.warnings(true);
    const overflowsBefore = listenOverflows();
    const cpuMeter = startCpu(server.pid);
    const started = performance.now();
    const replies: Reply[] = await Promise.all(
      requests.map((r) => client.call('POST', '/api/bookings', r.token, { lotId, vehicleNumber: r.vehicleNumber }).catch((error: Error) => ({ status: 0, body: { code: error.message }, ms: NaN }))),
    );
    const wall = performance.now() - started;
    const cpu = cpuMeter.stop().toString();
    client.close();

    const counts: Record<string, number> = {};
    for (const reply of replies) {
      const key = reply.status >= 400 || reply.status === 0 ? `${reply.status} ${reply.body?.code}` : String(reply.status);
      counts[key] = (counts[key] ?? 0) + 1;
    }
    const fiveXx = replies.filter((reply) => reply.status >= 500).length;
    const latency = latencySummary(replies.map((reply) => reply.ms).filter((value) => !Number.isNaN(value)));
    const [db] = (
      await ctx.db.query(
        `SELECT count(*)::int AS bookings, count(DISTINCT spot_id)::int AS spots, count(DISTINCT vehicle_number)::int AS vehicles FROM bookings WHERE lot_id = $1 AND status = 'active'`,
        [lotId],
      )
    ).rows;
    say(`all 1,000 answered in ${Math.round(wall)} ms; answers ${JSON.stringify(counts)}; 5xx: ${fiveXx}`);
    say(`per request: p50 ${ms(latency.p50)}, p99 ${ms(latency.p99)}, max ${ms(latency.max)}`);
    say(`database: ${db.bookings} active bookings on ${db.spots} distinct spots, ${db.vehicles} distinct vehicles`);
    say(cpu);
    say(`API warnings during the burst: ${JSON.stringify(server.warnings())}`);
    say(`connections dropped by a full listen backlog (whole machine, TcpExt ListenOverflows): ${listenOverflows() - overflowsBefore}`);
    const exact = counts['201'] === 100 && counts['409 LOT_FULL'] === 900 && db.bookings === 100 && db.spots === 100 && db.vehicles === 100;
    if (!exact) say('!! the answers or the database are not exactly 100 × 201 / 900 × 409 LOT_FULL / 100 distinct spots');
    walls.push({ kind, ms: wall });
    rows.push(
      `| ${round + 1} | ${kind} | **${Math.round(wall)} ms** ${wall < 5000 ? 'met' : 'MISSED'} | ${counts['201'] ?? 0} | ${counts['409 LOT_FULL'] ?? 0} | ${fiveXx} | ${1000 - (counts['201'] ?? 0) - (counts['409 LOT_FULL'] ?? 0) - fiveXx} | ${ms(latency.p50)} / ${ms(latency.p99)} | ${exact ? 'yes' : 'NO'} |`,
    );
    await sleep(1000);
  }
  // The agent was destroyed; nothing of it must keep the process alive.
  http.globalAgent.destroy();

  say('\n## Result (target: all 1,000 answered in < 5 s)');
  say('| burst | connections | wall time, all 1,000 answered | 201 | 409 LOT_FULL | 5xx | other | per-request p50 / p99 | DB exact |');
  say('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) say(row);
  const cold = walls.filter((w) => w.kind === 'new connections').map((w) => w.ms).sort((a, b) => a - b);
  say(`\nmedian of the bursts on new connections: ${Math.round(cold[Math.floor(cold.length / 2)])} ms`);
});
