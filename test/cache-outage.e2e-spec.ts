import request from 'supertest';
import { PrivateRedis } from './support/private-redis';
import { bearer, createLot, createTestApp, loginAdmin, TestApp } from './support/test-app';

/** Polls until `check` holds (each try is an HTTP call against the app). */
async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const healthIs = (t: TestApp, status: 'ok' | 'degraded') => async () => (await request(t.http).get('/api/health')).body.status === status;

/**
 * R-ROB-3 for the cache: after Redis was unreachable, no cached answer older than the last write is served —
 * neither from Redis (which may come back with its keys) nor from a process's memory. Two app processes
 * share a Redis of the test's own, which the test stops and starts again.
 */
describe('the cache across a Redis outage (API, R-ROB-3)', () => {
  let redis: PrivateRedis;
  let writer: TestApp;
  let reader: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    writer = await createTestApp({ REDIS_URL: redis.url });
    reader = await createTestApp({ REDIS_URL: redis.url });
    adminToken = (await loginAdmin(writer)).accessToken;
  });

  afterAll(async () => {
    // A test that failed during an outage leaves Redis stopped; the apps close cleanly only with it.
    await redis.start();
    await writer?.close();
    await reader?.close();
    await redis?.remove();
  });

  const lotName = async (t: TestApp, id: string) => (await request(t.http).get(`/api/lots/${id}`).set(bearer(adminToken)).expect(200)).body.name as string;

  /** Both processes have the lot's answer in memory and in Redis. */
  async function warm(id: string): Promise<string> {
    const name = await lotName(writer, id);
    expect(await lotName(reader, id)).toBe(name);
    expect(await lotName(writer, id)).toBe(name);
    const client = redis.client();
    try {
      expect(await client.keys(`*entry*${id}*`)).toHaveLength(1);
    } finally {
      client.disconnect();
    }
    return name;
  }

  /** Renames the lot while Redis is down: committed in PostgreSQL, but no invalidation reaches Redis. */
  async function renameDuringOutage(id: string, data: 'save' | 'nosave'): Promise<string> {
    await redis.stop(data);
    await eventually('health says degraded', healthIs(writer, 'degraded'));
    const body = (await request(writer.http).get('/api/health').expect(200)).body;
    expect(body).toMatchObject({ status: 'degraded', checks: { redis: { status: 'down' } } });
    const renamed = `Renamed in the outage ${id.slice(0, 8)}`;
    await request(writer.http).patch(`/api/lots/${id}`).set(bearer(adminToken)).send({ name: renamed }).expect(200);
    // Meanwhile the database answers.
    expect(await lotName(writer, id)).toBe(renamed);
    expect(await lotName(reader, id)).toBe(renamed);
    return renamed;
  }

  /** From the moment Redis is back until both processes are healthy again, and after, every answer is the renamed lot. */
  async function expectFreshAfterRestart(id: string, renamed: string): Promise<void> {
    const seen = new Set<string>();
    const healthy = async () => {
      seen.add(await lotName(reader, id));
      seen.add(await lotName(writer, id));
      return (await healthIs(writer, 'ok')()) && (await healthIs(reader, 'ok')());
    };
    await eventually('both processes are healthy again', healthy);
    for (let i = 0; i < 5; i++) await healthy();
    expect([...seen]).toEqual([renamed]);
  }

  it('serves the write made during the outage once Redis comes back empty', async () => {
    const lot = await createLot(writer, adminToken);
    // As after an earlier restart that lost everything: the answers are cached under the first versions,
    // the very versions an emptied Redis has again, so only dropping the copies in memory avoids them.
    const client = redis.client();
    try {
      await client.del(...(await client.keys('*cache-version:*')));
    } finally {
      client.disconnect();
    }
    expect(await warm(lot.id)).toBe(lot.name);
    const renamed = await renameDuringOutage(lot.id, 'nosave');
    await redis.start();
    await expectFreshAfterRestart(lot.id, renamed);
  });

  it('never serves the answer from before the outage when Redis comes back with it', async () => {
    const lot = await createLot(writer, adminToken);
    expect(await warm(lot.id)).toBe(lot.name);
    const renamed = await renameDuringOutage(lot.id, 'save');
    await redis.start();
    // The answer from before the outage is back in Redis, under the version it was computed with.
    const client = redis.client();
    try {
      const [key] = await client.keys(`*entry*${lot.id}*`);
      expect(await client.get(key)).toContain(lot.name);
    } finally {
      client.disconnect();
    }
    await expectFreshAfterRestart(lot.id, renamed);
  });
});
