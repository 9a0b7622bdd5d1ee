import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Test } from '@nestjs/testing';
import { PARAMS_PROVIDER_TOKEN, Params } from 'nestjs-pino';
import { Client } from 'pg';
import request from 'supertest';
import type { App } from 'supertest/types';
import { AppModule } from '../src/app.module';
import { buildConfig } from '../src/config/app-config';
import { configureHttpApp, listenHttp } from '../src/http-app';
import { loggingOptions, useStructuredLogger } from '../src/logging';
import { latestCode, readMails, waitForMails } from './support/outbox';
import { freePort } from './support/free-port';
import { PrivatePostgres } from './support/private-postgres';
import { ADMIN, bearer, createTestApp, loginAdmin, settleQueues, TestApp, uniqueUser } from './support/test-app';

const errorBody = (statusCode: number, code: string) => ({ statusCode, code, message: expect.any(String) });
const nested = (levels: number, leaf = '"x"') => `${'['.repeat(levels)}${leaf}${']'.repeat(levels)}`;

describe('bad input never yields a 5xx (R-ROB-1)', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp();
    token = (await loginAdmin(t)).accessToken;
  });

  afterAll(async () => {
    await t.close();
  });

  const login = () => request(t.http).post('/api/auth/login');

  it('refuses a NUL byte in a body string with 400 naming the field (PostgreSQL would refuse it with a 500)', async () => {
    const response = await login().send({ login: 'jane\u0000', password: 'Passw0rd!' }).expect(400);
    expect(response.body).toEqual({ ...errorBody(400, 'VALIDATION_FAILED'), details: [{ field: 'login', errors: [expect.stringContaining('NUL')] }] });
  });

  it('finds a NUL byte in nested objects and arrays, and in property names', async () => {
    const nestedValue = await login().send({ login: 'jane', password: 'Passw0rd!', extra: { list: ['ok', 'a\u0000'] } }).expect(400);
    expect(nestedValue.body.details).toEqual([{ field: 'extra.list.1', errors: [expect.stringContaining('NUL')] }]);
    const key = await login().send({ login: 'jane', password: 'Passw0rd!', 'pass\u0000': 'x' }).expect(400);
    expect(key.body.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a NUL byte in a query string', async () => {
    const response = await request(t.http).get('/api/lots?search=a%00b').set(bearer(token)).expect(400);
    expect(response.body).toEqual({ ...errorBody(400, 'VALIDATION_FAILED'), details: [{ field: 'search', errors: [expect.stringContaining('NUL')] }] });
  });

  it('refuses a body that is not valid UTF-8, and an unpaired surrogate, with 400', async () => {
    const bytes = Buffer.concat([Buffer.from('{"login":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('","password":"Passw0rd!"}')]);
    const invalid = await login()
      .set('Content-Type', 'application/json')
      // The bytes as they are: superagent would serialise a Buffer as JSON.
      .serialize((raw) => raw)
      .send(bytes)
      .expect(400);
    expect(invalid.body).toEqual({ statusCode: 400, code: 'MALFORMED_JSON', message: 'The request body is not valid UTF-8' });
    const surrogate = await login().set('Content-Type', 'application/json').send('{"login":"\\ud800","password":"Passw0rd!"}').expect(400);
    expect(surrogate.body.details).toEqual([{ field: 'login', errors: [expect.stringContaining('Unicode')] }]);
  });

  it('refuses JSON nested ten thousand levels deep with 400, closed or not', async () => {
    const unclosed = await login().set('Content-Type', 'application/json').send('['.repeat(10_000)).expect(400);
    expect(unclosed.body).toEqual(errorBody(400, 'MALFORMED_JSON'));
    const inField = await login().set('Content-Type', 'application/json').send(`{"login":${nested(10_000)},"password":"x"}`).expect(400);
    expect(inField.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: expect.stringMatching(/^login(\.0)+$/) }] });
    const whole = await login().set('Content-Type', 'application/json').send(nested(10_000)).expect(400);
    expect(whole.body.code).toBe('VALIDATION_FAILED');
    // The process is unharmed.
    await request(t.http).get('/api/health/live').expect(200);
  });

  it.each([
    ['text/plain', 'login=admin'],
    ['application/x-www-form-urlencoded', 'login=admin&password=x'],
    ['multipart/form-data; boundary=XyZ', '--XyZ\r\nContent-Disposition: form-data; name="login"\r\n\r\nadmin\r\n--XyZ--\r\n'],
    ['application/json; charset=latin1', '{"login":"admin","password":"x"}'],
  ])('answers a %s body with 415 UNSUPPORTED_MEDIA_TYPE on any route', async (type, body) => {
    const publicRoute = await login().set('Content-Type', type).send(body).expect(415);
    expect(publicRoute.body).toEqual(errorBody(415, 'UNSUPPORTED_MEDIA_TYPE'));
    const guarded = await request(t.http).post('/api/lots').set(bearer(token)).set('Content-Type', type).send(body).expect(415);
    expect(guarded.body).toEqual(errorBody(415, 'UNSUPPORTED_MEDIA_TYPE'));
  });

  it('answers a body without any Content-Type with 415', async () => {
    const response = await login().serialize((raw) => raw).send('{"login":"ab12"}').unset('Content-Type').expect(415);
    expect(response.body).toEqual(errorBody(415, 'UNSUPPORTED_MEDIA_TYPE'));
  });

  /** Every operation of openapi.json that takes a body, with its path ids filled in by an unknown UUID. */
  const operationsWithBody = () => {
    const spec = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8')) as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
    return Object.entries(spec.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation.requestBody !== undefined)
        .map(([method, operation]) => ({ method, path: path.replace(/\{[^}]+\}/g, randomUUID()), operation })),
    );
  };

  it('answers each bad body on every route that takes one with a 4xx, signed in as an admin', async () => {
    const bad: [string, string][] = [
      ['application/json', JSON.stringify({ name: 'a\u0000b', email: 'x\u0000@example.com', reason: '\u0000' })],
      ['application/json', nested(10_000)],
      ['application/json', '{"unterminated": '],
      ['text/plain', 'hello'],
      ['application/x-www-form-urlencoded', 'a=b'],
    ];
    const routes = operationsWithBody();
    expect(routes.length).toBeGreaterThan(15);
    for (const { method, path } of routes) {
      for (const [type, body] of bad) {
        const response = await request(t.http)[method as 'post' | 'patch' | 'put'](path).set(bearer(token)).set('Content-Type', type).send(body);
        expect({ route: `${method.toUpperCase()} ${path}`, type, status: response.status < 500 && response.status >= 400 }).toEqual({
          route: `${method.toUpperCase()} ${path}`,
          type,
          status: true,
        });
      }
    }
  });

  it('takes application/json with charset=utf-8, and requests without a body', async () => {
    await login()
      .set('Content-Type', 'application/json; charset=utf-8')
      .send(JSON.stringify({ login: ADMIN.email, password: ADMIN.password }))
      .expect(200);
    await request(t.http).get('/api/auth/me').set(bearer(token)).set('Content-Type', 'text/plain').expect(200);
  });
});

describe('answers about accounts reveal nothing (R-ROB-5)', () => {
  let t: TestApp;
  const LIMIT = 5;
  const ip = () => `198.18.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

  beforeAll(async () => {
    // Behind a proxy each X-Forwarded-For is a client of its own, so one test plays many.
    t = await createTestApp({ AUTH_RATE_LIMIT: String(LIMIT), TRUST_PROXY: 'true' });
  });

  afterAll(async () => {
    await t.close();
  });

  const post = (path: string, body: object, client = ip()) => request(t.http).post(`/api/auth/${path}`).set('X-Forwarded-For', client).send(body);

  /** Registers and verifies a driver, each request from a client address of its own. */
  async function signUp(label: string) {
    const user = uniqueUser(label);
    const registered = await post('register', user).expect(201);
    const code = await latestCode(t.config.mail.outboxDir, user.email);
    const verified = await post('verify-email', { email: user.email, code }).expect(200);
    return { user, registered, verified };
  }

  it('sends Cache-Control: no-store with every auth answer, those carrying tokens first', async () => {
    const { user, registered, verified } = await signUp('nostore');
    expect(registered.headers['cache-control']).toBe('no-store');
    expect(verified.body.accessToken).toEqual(expect.any(String));
    expect(verified.headers['cache-control']).toBe('no-store');
    const signedIn = await post('login', { login: user.email, password: user.password }).expect(200);
    expect(signedIn.headers['cache-control']).toBe('no-store');
    const refreshed = await post('refresh', { refreshToken: signedIn.body.refreshToken }).expect(200);
    expect(refreshed.headers['cache-control']).toBe('no-store');
    const refused = await post('login', { login: user.email, password: 'Wrong12345' }).expect(401);
    expect(refused.headers['cache-control']).toBe('no-store');
    const me = await request(t.http).get('/api/auth/me').set(bearer(refreshed.body.accessToken)).expect(200);
    expect(me.headers['cache-control']).toBe('no-store');
  });

  it.each(['forgot-password', 'resend-code'])(
    '%s answers an existing and an unknown account alike however often it is called, and mails at most once a minute',
    async (path) => {
      let existing: { email: string };
      if (path === 'forgot-password') {
        existing = (await signUp('forgetful')).user;
      } else {
        existing = uniqueUser('unverified');
        await post('register', existing).expect(201);
        await waitForMails(t.config.mail.outboxDir, existing.email, 1);
      }
      const mailsBefore = (await readMails(t.config.mail.outboxDir, existing.email)).length;
      const unknown = `nobody.${randomBytes(4).toString('hex')}@example.com`;
      const answers = { existing: [] as string[], unknown: [] as string[] };
      // Past the once-a-minute rule and past the account's own limit, each from a new client.
      for (let call = 0; call <= LIMIT; call++) {
        for (const [who, email] of [['existing', existing.email], ['unknown', unknown]] as const) {
          const response = await post(path, { email });
          answers[who].push(`${response.status} ${JSON.stringify(response.body)} ${response.headers['retry-after'] ?? ''}`);
        }
      }
      expect(new Set([...answers.existing, ...answers.unknown])).toEqual(new Set([answers.unknown[0]]));
      expect(answers.unknown[0]).toMatch(/^202 /);
      // forgot-password mails one reset code; resend-code mails nothing within a minute of registering.
      const expected = mailsBefore + (path === 'forgot-password' ? 1 : 0);
      await waitForMails(t.config.mail.outboxDir, existing.email, expected);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await settleQueues(t);
      expect(await readMails(t.config.mail.outboxDir, existing.email)).toHaveLength(expected);
    },
  );

  it("still answers 429 with Retry-After over one client's limit", async () => {
    const client = ip();
    for (let call = 0; call < LIMIT; call++) await post('forgot-password', { email: `n${call}.${randomBytes(3).toString('hex')}@example.com` }, client).expect(202);
    const limited = await post('forgot-password', { email: 'another@example.com' }, client).expect(429);
    expect(limited.body).toMatchObject(errorBody(429, 'RATE_LIMITED'));
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

/** The app as the API process runs it, writing its JSON log lines into `lines`. */
async function createLoggedApp(env: Record<string, string>, lines: string[]): Promise<{ http: App; url: string; close: () => Promise<void> }> {
  const config = buildConfig({ ...process.env, NODE_ENV: 'test', AUTH_RATE_LIMIT: '10000', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, ...env });
  const params = loggingOptions({ ...config, app: { ...config.app, env: 'production', logLevel: 'info' } });
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot({ config, worker: false })] })
    .overrideProvider(PARAMS_PROVIDER_TOKEN)
    .useValue({ ...params, pinoHttp: [params.pinoHttp, sink] } as Params)
    .compile();
  const app = moduleRef.createNestApplication();
  useStructuredLogger(app);
  configureHttpApp(app, config);
  const port = await freePort();
  await listenHttp(app, port, '127.0.0.1');
  return { http: app.getHttpServer() as App, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/** The log line of the request with this id that names `cause`, parsed. */
function logLineOf(lines: string[], requestId: string, cause: RegExp): { level: number; msg: string } | undefined {
  return lines
    .map((line) => JSON.parse(line) as { level: number; msg: string; req?: { id?: string } })
    .find((line) => line.req?.id === requestId && cause.test(line.msg));
}

describe('PostgreSQL unreachable (R-ROB-2) and the log of every 5xx (R-ROB-4)', () => {
  let postgres: PrivatePostgres;
  let app: Awaited<ReturnType<typeof createLoggedApp>>;
  const lines: string[] = [];

  beforeAll(async () => {
    postgres = await PrivatePostgres.create();
    // Migrations run at start outside production, so the private database gets the schema.
    app = await createLoggedApp({ DATABASE_URL: postgres.url }, lines);
  });

  afterAll(async () => {
    await app?.close();
    await postgres?.destroy();
  });

  const login = (requestId: string) =>
    request(app.http).post('/api/auth/login').set('X-Request-Id', requestId).send({ login: ADMIN.email, password: ADMIN.password });
  const lots = (token: string, requestId: string) =>
    request(app.http).get('/api/lots').query({ search: randomBytes(4).toString('hex') }).set(bearer(token)).set('X-Request-Id', requestId);

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After while it is down, and recovers by itself', async () => {
    const token = (await login('before-outage').expect(200)).body.accessToken as string;
    await lots(token, 'before-outage-lots').expect(200);

    await postgres.stop();
    const started = Date.now();
    const refused = await login('outage-login').expect(503);
    expect(refused.body).toEqual(errorBody(503, 'SERVICE_UNAVAILABLE'));
    expect(refused.headers['retry-after']).toBe('5');
    const list = await lots(token, 'outage-lots').expect(503);
    expect(list.body).toEqual(errorBody(503, 'SERVICE_UNAVAILABLE'));
    expect(Date.now() - started).toBeLessThan(10_000);
    // The log has the cause of the 503, under the request's id.
    expect(logLineOf(lines, 'outage-login', /ECONNREFUSED|Connection terminated|57P01/)).toMatchObject({ level: 50 });

    await postgres.start();
    // The pool opens new connections on demand: no restart of the API.
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (status !== 200 && Date.now() < deadline) {
      status = (await login('after-outage')).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe(200);
    await lots(token, 'after-outage-lots').expect(200);
  });

  it('logs the cause of a 500 with the request id, and answers without internals', async () => {
    const db = new Client({ connectionString: postgres.url });
    await db.connect();
    await db.query('ALTER TABLE users RENAME TO users_away');
    try {
      // Not through supertest, which refuses any status openapi.json does not list (a 500 is never planned).
      const failed = await fetch(`${app.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'broken-query' },
        body: JSON.stringify({ login: ADMIN.email, password: ADMIN.password }),
      });
      expect(failed.status).toBe(500);
      expect(await failed.json()).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'Something went wrong on our side' });
    } finally {
      await db.query('ALTER TABLE users_away RENAME TO users');
      await db.end();
    }
    const line = logLineOf(lines, 'broken-query', /relation "users" does not exist/);
    expect(line).toMatchObject({ level: 50 });
    expect(line!.msg).toMatch(/\n\s+at /);
  });
});

describe('SIGTERM drains before closing (R-OPS-4), and the API process writes its logs (R-ROB-4)', () => {
  let child: ChildProcess | undefined;

  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('reports not ready while it still serves, then exits; every Nest log line reaches stdout', async () => {
    const port = await freePort();
    const drainMs = 1500;
    const base = `http://127.0.0.1:${port}`;
    let stdout = '';
    // The API process as `node dist/main.js` runs it, from the sources.
    child = spawn(join(__dirname, '..', 'node_modules', '.bin', 'ts-node'), ['--transpile-only', 'src/main.ts'], {
      cwd: join(__dirname, '..'),
      env: {
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        PORT: String(port),
        SHUTDOWN_DRAIN_MS: String(drainMs),
        JWT_SECRET: randomBytes(24).toString('hex'),
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));

    const deadline = Date.now() + 50_000;
    for (;;) {
      const ready = await fetch(`${base}/api/health/ready`).catch(() => undefined);
      if (ready?.status === 200) {
        expect(await ready.json()).toEqual({ status: 'ready' });
        break;
      }
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`The API did not start:\n${stdout}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    // Lines of Nest's own Logger, written after start-up (they were buffered forever before).
    expect(stdout).toMatch(/"context":"RoutesResolver"/);

    const signalledAt = Date.now();
    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const draining = await fetch(`${base}/api/health/ready`, { headers: { 'X-Request-Id': 'drain-check' } });
    expect(draining.status).toBe(503);
    expect(await draining.json()).toEqual(errorBody(503, 'SERVICE_UNAVAILABLE'));
    expect((await fetch(`${base}/api/health/live`)).status).toBe(200);

    expect(await exited).toBe(0);
    expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(drainMs);
    await expect(fetch(`${base}/api/health/live`)).rejects.toThrow();
    // The 503 is a warning in the log, under the request's id.
    const warning = stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: number; msg: string; req?: { id?: string } })
      .find((line) => line.req?.id === 'drain-check' && line.msg.includes('SERVICE_UNAVAILABLE'));
    expect(warning).toMatchObject({ level: 40 });
  });
});
