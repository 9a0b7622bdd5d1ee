/**
 * The re-seat sweep (R-OCC-3) over 5,000 reservations starting within the hour: 50 lots of 110 spots,
 * 100 reservations each on spots 1–100, and an overstaying car on two of those spots per lot, so 100
 * reservations must move to the free spots 101–110. Times BookingsService.reseatAhead() of the production
 * build in-process (the worker's job body), first with the moves, then again with nothing left to move.
 *
 *   npx ts-node --transpile-only bench/reseat-sweep.ts
 *
 * Target: the sweep finishes in under 2 s.
 */
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { benchDbUrl, distDir, REDIS_PREFIX, REDIS_URL, runBench, say, seedDrivers, seedLots } from './lib';

const LOTS = 50;
const SPOTS = 110;
const RESERVED_SPOTS = 100;
const OVERSTAYS_PER_LOT = 2;
const RUNS = 3;

runBench(`Re-seat sweep: ${LOTS * RESERVED_SPOTS} reservations starting within the hour, ${LOTS * OVERSTAYS_PER_LOT} on overstayed spots`, async (ctx) => {
  await seedDrivers(ctx.db, 1);
  const lotIds = await seedLots(ctx.db, 'Sweep', LOTS, SPOTS);
  const driver = '00000000-0000-4000-8000-000000000000';
  // Reservations start 5–55 minutes from now on spots 1–100 of every lot.
  await ctx.db.query(
    `INSERT INTO bookings (user_id, lot_id, spot_id, vehicle_number, type, status, start_at, end_at, rate_per_hour_cents)
     SELECT $1, s.lot_id, s.id, 'SW' || lpad(row_number() OVER ()::text, 8, '0'), 'reserved', 'reserved',
            now() + (5 + s.number % 50) * interval '1 minute', now() + interval '2 hours', 300
     FROM spots s WHERE s.lot_id = ANY($2::uuid[]) AND s.number <= $3`,
    [driver, lotIds, RESERVED_SPOTS],
  );
  // Cars that checked in two hours ago for a window that ended ten minutes ago: they overstay.
  await ctx.db.query(
    `INSERT INTO bookings (user_id, lot_id, spot_id, vehicle_number, type, status, start_at, end_at, checked_in_at, rate_per_hour_cents)
     SELECT $1, s.lot_id, s.id, 'OV' || lpad(row_number() OVER ()::text, 8, '0'), 'reserved', 'active',
            now() - interval '2 hours', now() - interval '10 minutes', now() - interval '2 hours', 300
     FROM spots s WHERE s.lot_id = ANY($2::uuid[]) AND s.number <= $3`,
    [driver, lotIds, OVERSTAYS_PER_LOT],
  );
  await ctx.db.query('ANALYZE bookings');
  say(`Seeded ${LOTS * RESERVED_SPOTS} reservations and ${LOTS * OVERSTAYS_PER_LOT} overstaying cars`);

  // The production build's modules, loaded from the bench build (no HTTP: the sweep is the worker's job body).
  const { AppModule } = await import(join(distDir(), 'app.module.js'));
  const { buildConfig } = await import(join(distDir(), 'config', 'app-config.js'));
  const { BookingsService } = await import(join(distDir(), 'bookings', 'bookings.service.js'));
  const config = buildConfig({
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: benchDbUrl(),
    REDIS_URL,
    REDIS_PREFIX,
    JWT_SECRET: 'bench-secret-0123456789-0123456789',
    ADMIN_PASSWORD: 'BenchAdmin123',
  });
  const app: INestApplicationContext = await NestFactory.createApplicationContext(AppModule.forRoot({ config, worker: false }), { logger: ['error'] });
  ctx.onCleanup(() => app.close());
  const bookings = app.get(BookingsService);

  const rows: string[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const started = performance.now();
    const { moved, stranded } = await bookings.reseatAhead();
    const elapsed = performance.now() - started;
    rows.push(`| ${run} | ${moved} | ${stranded} | ${elapsed.toFixed(0)} ms |`);
    say(`run ${run}: ${moved} moved, ${stranded} without a spot, ${elapsed.toFixed(0)} ms`);
  }
  const [{ doubled }] = (
    await ctx.db.query(`SELECT count(*)::int AS doubled FROM (SELECT spot_id FROM bookings WHERE status = 'active' GROUP BY spot_id HAVING count(*) > 1) d`)
  ).rows;
  say(`\nSpots with two active bookings afterwards: ${doubled}`);
  say('\n| run | moved | without a spot | sweep time |\n| --- | --- | --- | --- |');
  for (const row of rows) say(row);
});
