/**
 * A booking's confirmation through the outbox under load: 50 park-now bookings per second through the
 * API (each by its own driver, so each confirmation has its own recipient), for BENCH_DURATION seconds
 * (30) after BENCH_WARMUP (5), with the production build running API and worker in one process
 * (`standalone.js`, as `npm start`); for each booking, the time from its 201 to the `.eml` file.
 *
 *   npx ts-node --transpile-only bench/booking-confirmation-latency.ts
 *
 * The booking's statement writes the mail to the outbox; the relay, Bull, the mail processor and the
 * transport do the rest. Each car leaves right after it parked (the release is not timed).
 * Target: p99 < 2 s at 50 bookings per second.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { httpClient, latencySummary, loginDrivers, mailArrivals, runBench, say, sayMailLatency, seedDrivers, seedLots, startCpu, untilDue } from './lib';

const RATE = 50;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 30);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 5);
const TOTAL = RATE * (WARMUP_S + DURATION_S);

runBench(`Booking confirmation: 201 → mail transport at ${RATE} bookings/s`, async (ctx) => {
  const mailDir = mkdtempSync(join(tmpdir(), 'parking-bench-confirmation-'));
  ctx.onCleanup(async () => rmSync(mailDir, { recursive: true, force: true }));
  await seedDrivers(ctx.db, TOTAL);
  const [lotId] = await seedLots(ctx.db, 'Confirm', 1, 200);
  const server = await ctx.start({ MAIL_OUTBOX_DIR: mailDir }, 'standalone.js');
  say(`Logging in ${TOTAL} drivers …`);
  const tokens = await loginDrivers(server.base, TOTAL, 8);
  const client = httpClient(server.base, 64);
  ctx.onCleanup(async () => client.close());

  const bookedAt = new Map<string, number>();
  const refused: string[] = [];
  const inFlight: Promise<void>[] = [];
  server.warnings(true);
  const cpuMeter = startCpu(server.pid);
  const started = Date.now();
  for (let i = 0; i < TOTAL; i++) {
    await untilDue(started, i, RATE);
    inFlight.push(
      (async () => {
        const booked = await client.call('POST', '/api/bookings', tokens[i], { lotId, vehicleNumber: `CONF${String(i).padStart(6, '0')}` });
        if (booked.status !== 201) return void refused.push(`${booked.status} ${booked.body?.code}`);
        bookedAt.set(`bench.driver${i}@example.com`, Date.now());
        await client.call('POST', `/api/bookings/${booked.body.id}/release`, tokens[i]);
      })(),
    );
  }
  await Promise.all(inFlight);
  say(`Asked for ${TOTAL} bookings in ${((Date.now() - started) / 1000).toFixed(1)} s; refused: ${refused.length} ${refused.slice(0, 3).join(', ')}`);

  const measuredRecipients = Array.from({ length: TOTAL - RATE * WARMUP_S }, (_, k) => `bench.driver${RATE * WARMUP_S + k}@example.com`);
  const { delivered, duplicates, latencies } = await mailArrivals(mailDir, bookedAt, measuredRecipients, 60_000);
  const cpu = cpuMeter.stop().toString();
  const latency = latencySummary(latencies);

  say(`\ndelivered ${delivered} of ${bookedAt.size}; recipients with more than one mail: ${duplicates}`);
  say(cpu);
  say(`API warnings: ${JSON.stringify(server.warnings())}`);
  say(`\n## Result (target: p99 < 2 s at ${RATE} bookings/s; ${DURATION_S} s measured after ${WARMUP_S} s of warm-up)`);
  sayMailLatency('bookings', latency, delivered, bookedAt.size, duplicates);
});
