import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { MAIL_KEEP_COMPLETED_SECONDS } from '../src/queues/queues.module';
import { QueueName } from '../src/queues/queue-names';
import { readMails, waitForMails } from './support/outbox';
import { PrivateRedis } from './support/private-redis';
import { createTestApp, settleQueues, TestApp, uniqueUser } from './support/test-app';

interface OutboxRow {
  dedupe_key: string;
  sent_at: Date | null;
}

/** R-HOOK-2, R-ROB-3: mail is written with the change that causes it and relayed to Bull by the worker. */
describe('the outbox (API)', () => {
  const apps: TestApp[] = [];
  let redis: PrivateRedis | undefined;

  async function start(env: Record<string, string> = {}, worker = true): Promise<TestApp> {
    const t = await createTestApp(env, undefined, { worker });
    apps.push(t);
    return t;
  }

  async function stop(t: TestApp): Promise<void> {
    apps.splice(apps.indexOf(t), 1);
    await t.close();
  }

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((t) => t.close()));
    await redis?.remove();
    redis = undefined;
  });

  /** Registers drivers through the API; the answer comes once the code and its mail are committed. */
  async function register(t: TestApp, count: number): Promise<string[]> {
    const emails: string[] = [];
    for (let i = 0; i < count; i++) {
      const user = uniqueUser('outbox');
      await request(t.http).post('/api/auth/register').send(user).expect(201);
      emails.push(user.email);
    }
    return emails;
  }

  const rowsTo = (t: TestApp, emails: string[]): Promise<OutboxRow[]> =>
    t.app.get(DataSource).query(`SELECT dedupe_key, sent_at FROM outbox_messages WHERE payload->>'to' = ANY($1) ORDER BY id`, [emails]);

  /** Waits until the relay marked every row to `emails` sent and the worker sent what it was handed. */
  async function drained(t: TestApp, emails: string[], timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = await rowsTo(t, emails);
      if (rows.length === emails.length && rows.every((row) => row.sent_at !== null)) break;
      if (Date.now() > deadline) throw new Error(`Outbox rows still unsent after ${timeoutMs} ms: ${JSON.stringify(rows)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await settleQueues(t, timeoutMs);
  }

  /** Once nothing is left to hand over or to send, each recipient has exactly the one code mail. */
  async function expectOneCodeMailEach(t: TestApp, emails: string[]): Promise<void> {
    await drained(t, emails);
    for (const email of emails) {
      const mails = await readMails(t.config.mail.outboxDir, email);
      expect({ email, subjects: mails.map((mail) => mail.subject) }).toEqual({ email, subjects: ['Your verification code'] });
      expect(mails[0].text).toMatch(/\b\d{6}\b/);
    }
  }

  it('delivers the code mail of a registration through the outbox', async () => {
    const t = await start();
    const [email] = await register(t, 1);
    const [row] = await rowsTo(t, [email]);
    expect(row.dedupe_key).toMatch(/^verify_email:[0-9a-f-]{36}:[0-9a-f-]{36}$/);
    await waitForMails(t.config.mail.outboxDir, email);
    await expectOneCodeMailEach(t, [email]);
    // The Bull job carries the row's key as its id.
    const job = await t.app.get<Queue>(getQueueToken(QueueName.Mail)).getJob(row.dedupe_key);
    expect(await job?.getState()).toBe('completed');
  });

  it('writes no mail for a change that rolled back', async () => {
    const t = await start();
    const user = uniqueUser('outbox');
    await request(t.http).post('/api/auth/register').send(user).expect(201);
    // The same e-mail again: the registration fails, and with it the mail of its code.
    const again = await request(t.http)
      .post('/api/auth/register')
      .send({ ...user, username: `${user.username}_2` })
      .expect(409);
    expect(again.body.code).toBe('EMAIL_TAKEN');
    expect(await rowsTo(t, [user.email])).toHaveLength(1);
    await expectOneCodeMailEach(t, [user.email]);
  });

  it('keeps the mail of requests made while Redis is down and sends each once when it is back', async () => {
    redis = await PrivateRedis.start();
    const t = await start({ REDIS_URL: redis.url });
    const [before] = await register(t, 1);
    await expectOneCodeMailEach(t, [before]);

    // Unreachable, not emptied: it comes back with what it held.
    await redis.stop('save');
    const during = await register(t, 3);
    expect((await rowsTo(t, during)).map((row) => row.sent_at)).toEqual([null, null, null]);
    const health = await request(t.http).get('/api/health').expect(200);
    expect(health.body).toMatchObject({ status: 'degraded', outbox: { unsent: expect.any(Number), oldestUnsentSeconds: expect.any(Number) } });
    expect(health.body.outbox.unsent).toBeGreaterThanOrEqual(3);
    // Long enough for the relay to have failed several times (and backed off).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await rowsTo(t, during)).map((row) => row.sent_at)).toEqual([null, null, null]);

    await redis.start();
    await expectOneCodeMailEach(t, [before, ...during]);
  });

  it('delivers mail committed by an API process that stopped before any hand-over, once a worker runs', async () => {
    const api = await start({}, false);
    const emails = await register(api, 2);
    // No relay runs in an API process: the rows wait, as they would after a crash between commit and hand-over.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await rowsTo(api, emails)).map((row) => row.sent_at)).toEqual([null, null]);
    await stop(api);

    const worker = await start();
    await expectOneCodeMailEach(worker, emails);
  });

  it('sends one mail when a message is handed over twice, with two relays running', async () => {
    const [first, second] = [await start(), await start()];
    const emails = await register(first, 10);
    await expectOneCodeMailEach(first, emails);

    // As if a relay died after Bull took the batch and before its commit: the rows are unsent again.
    const db = first.app.get(DataSource);
    await db.query(`UPDATE outbox_messages SET sent_at = NULL WHERE payload->>'to' = ANY($1)`, [emails]);
    await expectOneCodeMailEach(second, emails);

    // The completed job is what the second hand-over met; it is kept by age, not trimmed by count.
    const [row] = await rowsTo(first, emails.slice(0, 1));
    const job = await first.app.get<Queue>(getQueueToken(QueueName.Mail)).getJob(row.dedupe_key);
    expect(await job?.getState()).toBe('completed');
    expect(job?.opts.removeOnComplete).toEqual({ age: MAIL_KEEP_COMPLETED_SECONDS });
    // Two applications and twenty mails: on a loaded 2-core runner this alone has taken over a minute.
  }, 150_000);
});
