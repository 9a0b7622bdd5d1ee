/**
 * Scenario 8: the outbox under a steady load. 50 messages per second are committed to the outbox table
 * (the account-code mail, with the INSERT the API runs inside its transactions) for BENCH_DURATION seconds
 * (30) while the production build runs API and worker in one process (`standalone.js`, as `npm start`);
 * for each message, the time from its commit to the `.eml` file the mail transport wrote.
 *
 *   npx ts-node --transpile-only bench/outbox-latency.ts
 *
 * The path measured is the whole of it: the relay's poll, the hand-over to Bull, the mail processor,
 * template rendering and the transport. The first BENCH_WARMUP seconds (5) are not counted.
 * Target: p99 < 2 s at 50 messages per second.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { outboxInsert } from '../src/outbox/outbox.service';
import { latencySummary, mailArrivals, runBench, say, sayMailLatency, startCpu, untilDue } from './lib';

const RATE = 50;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 30);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 5);
const INSERT = outboxInsert(`'mail'`, '$1', '$2::jsonb');

const recipient = (i: number) => `outbox-bench-${String(i).padStart(6, '0')}@example.com`;

runBench(`Outbox: commit → mail transport at ${RATE} messages/s`, async (ctx) => {
  const mailDir = mkdtempSync(join(tmpdir(), 'parking-bench-outbox-'));
  ctx.onCleanup(async () => rmSync(mailDir, { recursive: true, force: true }));
  const server = await ctx.start({ MAIL_OUTBOX_DIR: mailDir }, 'standalone.js');

  const total = RATE * (WARMUP_S + DURATION_S);
  const committedAt = new Map<string, number>();
  server.warnings(true);
  const cpuMeter = startCpu(server.pid);
  const started = Date.now();
  for (let i = 0; i < total; i++) {
    await untilDue(started, i, RATE);
    const to = recipient(i);
    await ctx.db.query(INSERT, [
      `account-code:bench:${i}`,
      JSON.stringify({ to, subject: 'Your verification code', template: 'account-code', context: { name: `Driver ${i}`, code: '123456', minutes: 10, codePageUrl: 'http://localhost/verify-email' } }),
    ]);
    committedAt.set(to, Date.now());
  }
  const lastLateBy = Date.now() - (started + ((total - 1) * 1000) / RATE);
  say(`Committed ${total} messages in ${((Date.now() - started) / 1000).toFixed(1)} s (the last one ${lastLateBy} ms after its time)`);

  const measuredRecipients = Array.from({ length: total - RATE * WARMUP_S }, (_, k) => recipient(RATE * WARMUP_S + k));
  const { delivered, duplicates, latencies: measured } = await mailArrivals(mailDir, committedAt, measuredRecipients, 60_000);
  const cpu = cpuMeter.stop().toString();
  const latency = latencySummary(measured);
  const { rows } = await ctx.db.query(`SELECT count(*) FILTER (WHERE sent_at IS NULL)::int AS unsent FROM outbox_messages`);

  say(`\ndelivered ${delivered} of ${total}; recipients with more than one mail: ${duplicates}; rows still unsent: ${rows[0].unsent}`);
  say(cpu);
  say(`API warnings: ${JSON.stringify(server.warnings())}`);
  say(`\n## Result (target: p99 < 2 s at ${RATE} messages/s; ${DURATION_S} s measured after ${WARMUP_S} s of warm-up)`);
  sayMailLatency('messages', latency, delivered, total, duplicates);
});
