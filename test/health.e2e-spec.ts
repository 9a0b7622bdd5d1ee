import request from 'supertest';
import { ALL_QUEUES } from '../src/queues/queue-names';
import { bearer, createLot, createTestApp, loginAdmin, registerVerified, TestApp } from './support/test-app';

describe('operations (API)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('GET /health reports the database, Redis and every queue (R-OPS-2)', async () => {
    const response = await request(t.http).get('/api/health').expect(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      checks: { database: { status: 'up' }, redis: { status: 'up' } },
    });
    expect(response.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([...ALL_QUEUES].sort());
    for (const queue of response.body.queues) expect(queue).toMatchObject({ status: 'up', waiting: expect.any(Number), failed: expect.any(Number) });
  });

  it('GET /health/live answers without touching dependencies', async () => {
    expect((await request(t.http).get('/api/health/live').expect(200)).body).toEqual({ status: 'ok' });
  });

  it('tags every response with a request id, keeping a sane one from the caller (R-OPS-3)', async () => {
    const own = await request(t.http).get('/api/health/live').set('X-Request-Id', 'trace-123').expect(200);
    expect(own.headers['x-request-id']).toBe('trace-123');
    const made = await request(t.http).get('/api/health/live').set('X-Request-Id', 'bad id with spaces').expect(200);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the OpenAPI spec with bearer auth and unique operation ids named after the methods', async () => {
    const spec = (await request(t.http).get('/api/docs-json').expect(200)).body;
    expect(spec.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const ids = Object.values(spec.paths).flatMap((path) => Object.values(path as Record<string, { operationId: string }>).map((op) => op.operationId));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['login', 'register', 'createBooking', 'listLots']));
    expect((await request(t.http).get('/api/docs').expect(200)).text).toContain('swagger');
  });

  it('opens the queue dashboard to admins only, through a path-scoped cookie (R-OPS-5)', async () => {
    await request(t.http).get('/api/admin/queues').expect(401);
    const driver = await registerVerified(t, 'peeker');
    await request(t.http).post('/api/admin/queue-dashboard/session').set(bearer(driver.accessToken)).expect(403);
    const driverPage = await request(t.http).get('/api/admin/queues').set(bearer(driver.accessToken)).expect(403);
    expect(driverPage.body.code).toBe('FORBIDDEN');

    const admin = await loginAdmin(t);
    const session = await request(t.http).post('/api/admin/queue-dashboard/session').set(bearer(admin.accessToken)).expect(204);
    const cookie = session.headers['set-cookie'][0] as string;
    expect(cookie).toMatch(/^queues_session=[^;]+; Max-Age=900; Path=\/api\/admin\/queues; Expires=[^;]+; HttpOnly; SameSite=Strict$/);
    const page = await request(t.http).get('/api/admin/queues').set('Cookie', cookie.split(';')[0]).expect(200);
    expect(page.text).toContain('Parking queues');
    const queues = await request(t.http).get('/api/admin/queues/api/queues').set('Cookie', cookie.split(';')[0]).expect(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([...ALL_QUEUES].sort());
    await request(t.http).get('/api/admin/queues').set('Cookie', 'queues_session=forged.token.value').expect(401);
    // The dashboard cookie is no access token for the rest of the API.
    const dashboardToken = decodeURIComponent(cookie.split(';')[0].split('=')[1]);
    await request(t.http).get('/api/admin/users').set(bearer(dashboardToken)).expect(401);
  });

  it('answers unknown routes with the error body and sets security headers', async () => {
    const response = await request(t.http).get('/api/no-such-route').expect(404);
    expect(response.body).toEqual({ statusCode: 404, code: 'ROUTE_NOT_FOUND', message: expect.any(String) });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('refuses an oversized body with 413 and a non-JSON body with 415, never 5xx', async () => {
    const big = await request(t.http).post('/api/auth/login').send({ login: 'x'.repeat(200_000), password: 'y' }).expect(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
    const text = await request(t.http).post('/api/auth/login').set('Content-Type', 'text/plain').send('login=x').expect(415);
    expect(text.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('GET /health/ready says ready while the process takes traffic (R-OPS-4)', async () => {
    expect((await request(t.http).get('/api/health/ready').expect(200)).body).toEqual({ status: 'ready' });
  });
});

describe('with Redis unreachable (R-CACHE-1, degraded)', () => {
  let healthy: TestApp;
  let t: TestApp;

  beforeAll(async () => {
    // Data is prepared through a healthy app; the second app shares the database but not Redis.
    healthy = await createTestApp();
    t = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
  });

  afterAll(async () => {
    await t.close();
    await healthy.close();
  });

  it('still serves logins, lot lists and bookings, and health says degraded', async () => {
    const admin = await loginAdmin(healthy);
    const driver = await registerVerified(healthy, 'noredis');
    const lot = await createLot(healthy, admin.accessToken, { capacity: 2 });

    const login = await request(t.http).post('/api/auth/login').send({ login: driver.user.email, password: driver.password }).expect(200);
    const token = login.body.accessToken as string;
    const list = await request(t.http).get('/api/lots').query({ search: lot.name }).set(bearer(token)).expect(200);
    expect(list.body.items[0]).toMatchObject({ id: lot.id, available: 2 });
    await request(t.http).post('/api/bookings').set(bearer(token)).send({ lotId: lot.id, vehicleNumber: 'NORED1S' }).expect(201);
    const after = await request(t.http).get('/api/lots').query({ search: lot.name }).set(bearer(token)).expect(200);
    expect(after.body.items[0]).toMatchObject({ occupied: 1, available: 1 });

    const health = await request(t.http).get('/api/health').expect(200);
    expect(health.body).toMatchObject({ status: 'degraded', checks: { database: { status: 'up' }, redis: { status: 'down' } } });
  });
});
