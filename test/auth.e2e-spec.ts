import jwt from 'jsonwebtoken';
import request from 'supertest';
import { latestCode, ParsedMail, readMails, waitForMails } from './support/outbox';
import { ADMIN, bearer, createTestApp, loginAdmin, registerVerified, settleQueues, TestApp, uniqueUser } from './support/test-app';

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** No response may ever carry a password or its hash. */
function expectNoSecrets(body: unknown): void {
  expect(JSON.stringify(body)).not.toMatch(/argon2|passwordHash|password_hash|"password"/i);
}

describe('auth (API)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const post = (path: string, body: object) => request(t.http).post(`/api/auth/${path}`).send(body);
  const outbox = () => t.config.mail.outboxDir;

  describe('POST /auth/register', () => {
    it('creates an unverified driver, stores the e-mail lower-case and mails a 6-digit code', async () => {
      const user = uniqueUser();
      const response = await post('register', { ...user, email: user.email.toUpperCase() }).expect(201);
      expect(response.body).toMatchObject({ email: user.email, username: user.username, role: 'user', emailVerified: false, isActive: true });
      expectNoSecrets(response.body);
      const [mail] = await waitForMails(outbox(), user.email);
      expect(mail.subject).toBe('Your verification code');
      expect(mail.text).toMatch(/\b\d{6}\b/);
      expect(mail.html).toContain(/\b(\d{6})\b/.exec(mail.text)![1]);
    });

    it("links each code mail to the client's page for that code, with the address filled in", async () => {
      const plain = uniqueUser();
      // A `+` shows that the address is encoded as a query parameter, not pasted in.
      const user = { ...plain, email: plain.email.replace('@', '+parking@') };
      const pageOf = (page: string) => `${t.config.app.publicUrl}/${page}?email=${encodeURIComponent(user.email)}`;
      const expectLink = (mail: ParsedMail, link: string) => {
        expect(new URL(link).searchParams.get('email')).toBe(user.email);
        expect(mail.text).toContain(link);
        // Handlebars escapes `=` in the HTML part; a browser reads the same address back.
        expect(mail.html).toContain(`href="${link.replaceAll('=', '&#x3D;')}"`);
      };
      await post('register', user).expect(201);
      expectLink((await waitForMails(outbox(), user.email))[0], pageOf('verify-email'));
      await post('forgot-password', { email: user.email }).expect(202);
      const [reset] = await waitForMails(outbox(), user.email, 1, 10_000, (mail) => mail.subject.includes('reset'));
      expectLink(reset, pageOf('reset-password'));
    });

    it('refuses a taken e-mail (409 EMAIL_TAKEN) and a username taken in another case (409 USERNAME_TAKEN)', async () => {
      const user = uniqueUser();
      await post('register', user).expect(201);
      const sameEmail = await post('register', { ...uniqueUser(), email: user.email }).expect(409);
      expect(sameEmail.body).toEqual({ statusCode: 409, code: 'EMAIL_TAKEN', message: expect.any(String) });
      const sameName = await post('register', { ...uniqueUser(), username: user.username.toUpperCase() }).expect(409);
      expect(sameName.body.code).toBe('USERNAME_TAKEN');
    });

    it('lists every invalid field (400 VALIDATION_FAILED) and creates nothing', async () => {
      const response = await post('register', { email: 'not-an-email', username: 'a!', password: 'lettersonly' }).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['email', 'password', 'username']);
      const admin = await loginAdmin(t);
      const list = await request(t.http).get('/api/admin/users?search=not-an-email').set(bearer(admin.accessToken)).expect(200);
      expect(list.body.total).toBe(0);
    });

    it.each([
      ['digits only', '12345678'],
      ['too short', 'abc1234'],
      ['too long', `a1${'x'.repeat(127)}`],
    ])('refuses a password that is %s', async (_label, password) => {
      const response = await post('register', { ...uniqueUser(), password }).expect(400);
      expect(response.body.details[0].field).toBe('password');
    });

    it('rejects unknown fields, so nobody can register as admin', async () => {
      const response = await post('register', { ...uniqueUser(), role: 'admin' }).expect(400);
      expect(response.body.details).toEqual([{ field: 'role', errors: ['property role should not exist'] }]);
    });

    it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
      const response = await request(t.http).post('/api/auth/register').set('Content-Type', 'application/json').send('{"email":').expect(400);
      expect(response.body).toEqual({ statusCode: 400, code: 'MALFORMED_JSON', message: expect.any(String) });
    });
  });

  describe('POST /auth/verify-email and /auth/resend-code', () => {
    it('verifies with the mailed code and signs in; a second verification is 409 ALREADY_VERIFIED', async () => {
      const user = uniqueUser();
      await post('register', user).expect(201);
      const code = await latestCode(outbox(), user.email);
      const response = await post('verify-email', { email: user.email, code }).expect(200);
      expect(response.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { email: user.email, emailVerified: true } });
      expectNoSecrets(response.body);
      await request(t.http).get('/api/auth/me').set(bearer(response.body.accessToken)).expect(200);
      const again = await post('verify-email', { email: user.email, code }).expect(409);
      expect(again.body.code).toBe('ALREADY_VERIFIED');
    });

    it('voids the code after 5 wrong tries', async () => {
      const user = uniqueUser();
      await post('register', user).expect(201);
      const code = await latestCode(outbox(), user.email);
      const wrong = code === '000000' ? '111111' : '000000';
      for (let attempt = 0; attempt < 5; attempt++) {
        const response = await post('verify-email', { email: user.email, code: wrong }).expect(400);
        expect(response.body.code).toBe('INVALID_CODE');
      }
      await post('verify-email', { email: user.email, code }).expect(400);
    });

    it('answers an unknown e-mail like a wrong code', async () => {
      const response = await post('verify-email', { email: 'nobody@example.com', code: '123456' }).expect(400);
      expect(response.body.code).toBe('INVALID_CODE');
    });

    it('sends no second code within the minute, answering it like an unknown account (202, R-ROB-5)', async () => {
      const user = uniqueUser();
      await post('register', user).expect(201);
      await waitForMails(outbox(), user.email, 1);
      const tooSoon = await post('resend-code', { email: user.email }).expect(202);
      const unknown = await post('resend-code', { email: 'nobody@example.com' }).expect(202);
      expect(tooSoon.body).toEqual(unknown.body);
      await settleQueues(t);
      expect(await readMails(outbox(), user.email)).toHaveLength(1);
    });
  });

  describe('POST /auth/login', () => {
    it('signs in by e-mail or by username in any case', async () => {
      const driver = await registerVerified(t);
      const byEmail = await post('login', { login: driver.user.email, password: driver.password }).expect(200);
      expect(byEmail.body.user.id).toBe(driver.user.id);
      const byName = await post('login', { login: driver.user.username.toUpperCase(), password: driver.password }).expect(200);
      expect(byName.body.user.id).toBe(driver.user.id);
      expect(jwt.decode(byName.body.accessToken)).toMatchObject({ sub: driver.user.id, role: 'user' });
    });

    it('answers a wrong password and an unknown account identically (401 INVALID_CREDENTIALS)', async () => {
      const driver = await registerVerified(t);
      const wrongPassword = await post('login', { login: driver.user.email, password: 'Wrong12345' }).expect(401);
      const unknown = await post('login', { login: 'ghost@example.com', password: 'Wrong12345' }).expect(401);
      expect(wrongPassword.body).toEqual(unknown.body);
      expect(unknown.body.code).toBe('INVALID_CREDENTIALS');
    });

    it('refuses an unverified account (403 EMAIL_NOT_VERIFIED)', async () => {
      const user = uniqueUser();
      await post('register', user).expect(201);
      const response = await post('login', { login: user.email, password: user.password }).expect(403);
      expect(response.body.code).toBe('EMAIL_NOT_VERIFIED');
    });

    it('tells an unverified account signing in by username its e-mail address, only once the password matched', async () => {
      const user = uniqueUser();
      await post('register', { ...user, email: user.email.toUpperCase() }).expect(201);
      const byName = await post('login', { login: user.username, password: user.password }).expect(403);
      expect(byName.body).toEqual({ statusCode: 403, code: 'EMAIL_NOT_VERIFIED', message: expect.any(String), details: { email: user.email } });
      // A wrong password learns nothing about the account: the answer of an unknown one, without details.
      const wrongPassword = await post('login', { login: user.username, password: 'Wrong12345' }).expect(401);
      const unknown = await post('login', { login: 'nobody_at_all', password: 'Wrong12345' }).expect(401);
      expect(wrongPassword.body).toEqual({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: expect.any(String) });
      expect(wrongPassword.body).toEqual(unknown.body);
    });
  });

  describe('access tokens', () => {
    let driver: Awaited<ReturnType<typeof registerVerified>>;

    beforeAll(async () => {
      driver = await registerVerified(t);
    });

    const me = (token?: string) => {
      const call = request(t.http).get('/api/auth/me');
      return token === undefined ? call : call.set(bearer(token));
    };

    it('GET /auth/me returns the caller without secrets', async () => {
      const response = await me(driver.accessToken).expect(200);
      expect(response.body).toMatchObject({ id: driver.user.id, email: driver.user.email, username: driver.user.username, role: 'user' });
      expect(response.body).toHaveProperty('fullName');
      expectNoSecrets(response.body);
    });

    it('refuses a missing token', async () => {
      expect((await me().expect(401)).body.code).toBe('UNAUTHORIZED');
    });

    it('refuses a token with an altered signature', async () => {
      const [header, payload, signature] = driver.accessToken.split('.');
      const altered = `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
      await me(altered).expect(401);
    });

    it('refuses a token whose claims were edited (role raised to admin)', async () => {
      const [header, payload, signature] = driver.accessToken.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      await me(`${header}.${base64url({ ...claims, role: 'admin' })}.${signature}`).expect(401);
    });

    it('refuses an unsigned token (alg: none)', async () => {
      const claims = { sub: driver.user.id, role: 'admin', exp: Math.floor(Date.now() / 1000) + 600 };
      await me(`${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`).expect(401);
      const adminList = await request(t.http).get('/api/admin/users').set(bearer(`${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`));
      expect(adminList.status).toBe(401);
    });

    it('refuses an expired token', async () => {
      const expired = jwt.sign({ sub: driver.user.id, role: 'user' }, t.config.auth.jwtSecret, { algorithm: 'HS256', expiresIn: -10 });
      await me(expired).expect(401);
    });

    it('refuses a token signed with another secret', async () => {
      const forged = jwt.sign({ sub: driver.user.id, role: 'admin' }, 'another-secret-that-is-long-enough-000', { algorithm: 'HS256' });
      await me(forged).expect(401);
    });
  });

  describe('refresh tokens', () => {
    it('rotates: each refresh returns a new pair and uses the old refresh token up', async () => {
      const driver = await registerVerified(t);
      const first = await post('refresh', { refreshToken: driver.refreshToken }).expect(200);
      expect(first.body.refreshToken).not.toBe(driver.refreshToken);
      expectNoSecrets(first.body);
      const second = await post('refresh', { refreshToken: first.body.refreshToken }).expect(200);
      await request(t.http).get('/api/auth/me').set(bearer(second.body.accessToken)).expect(200);
    });

    it('revokes the whole family when a rotated token is presented again', async () => {
      const driver = await registerVerified(t);
      const rotated = await post('refresh', { refreshToken: driver.refreshToken }).expect(200);
      const reuse = await post('refresh', { refreshToken: driver.refreshToken }).expect(401);
      expect(reuse.body.code).toBe('REFRESH_TOKEN_REUSED');
      const descendant = await post('refresh', { refreshToken: rotated.body.refreshToken }).expect(401);
      expect(descendant.body.code).toBe('REFRESH_TOKEN_REUSED');
    });

    it('leaves other sign-ins of the same user alone when one family is revoked', async () => {
      const driver = await registerVerified(t);
      const otherDevice = await post('login', { login: driver.user.email, password: driver.password }).expect(200);
      await post('refresh', { refreshToken: driver.refreshToken }).expect(200);
      await post('refresh', { refreshToken: driver.refreshToken }).expect(401);
      await post('refresh', { refreshToken: otherDevice.body.refreshToken }).expect(200);
    });

    it('refuses an unknown refresh token (401 INVALID_REFRESH_TOKEN)', async () => {
      const response = await post('refresh', { refreshToken: 'not-a-token' }).expect(401);
      expect(response.body.code).toBe('INVALID_REFRESH_TOKEN');
    });

    it('logout revokes the sign-in and is idempotent', async () => {
      const driver = await registerVerified(t);
      await post('logout', { refreshToken: driver.refreshToken }).expect(204);
      await post('logout', { refreshToken: driver.refreshToken }).expect(204);
      await post('refresh', { refreshToken: driver.refreshToken }).expect(401);
    });
  });

  describe('password reset', () => {
    it('resets with the mailed code, revokes every refresh token and swaps the password', async () => {
      const driver = await registerVerified(t);
      const otherSession = await post('login', { login: driver.user.email, password: driver.password }).expect(200);
      await post('forgot-password', { email: driver.user.email }).expect(202);
      const code = await latestCode(outbox(), driver.user.email, 'reset');
      const wrong = await post('reset-password', { email: driver.user.email, code: code === '999999' ? '888888' : '999999', newPassword: 'NewPassw0rd' }).expect(400);
      expect(wrong.body.code).toBe('INVALID_CODE');
      await post('reset-password', { email: driver.user.email, code, newPassword: 'NewPassw0rd' }).expect(200);
      for (const token of [driver.refreshToken, otherSession.body.refreshToken]) {
        await post('refresh', { refreshToken: token }).expect(401);
      }
      await post('login', { login: driver.user.email, password: driver.password }).expect(401);
      await post('login', { login: driver.user.email, password: 'NewPassw0rd' }).expect(200);
      await post('reset-password', { email: driver.user.email, code, newPassword: 'Other12345' }).expect(400);
    });

    it('answers 202 for an unknown e-mail and sends nothing', async () => {
      await post('forgot-password', { email: 'nobody-here@example.com' }).expect(202);
      await settleQueues(t);
      expect(await readMails(outbox(), 'nobody-here@example.com')).toEqual([]);
    });

    it('validates the new password', async () => {
      const response = await post('reset-password', { email: 'a@example.com', code: '123456', newPassword: 'short' }).expect(400);
      expect(response.body.details[0].field).toBe('newPassword');
    });
  });

  describe('admin users', () => {
    let admin: Awaited<ReturnType<typeof loginAdmin>>;

    beforeAll(async () => {
      admin = await loginAdmin(t);
    });

    it('the start-up admin exists and is an admin', async () => {
      expect(admin.user).toMatchObject({ email: ADMIN.email, role: 'admin' });
    });

    it('lists users with search and pagination, without secrets', async () => {
      const driver = await registerVerified(t, 'findme');
      const response = await request(t.http)
        .get(`/api/admin/users?search=${driver.user.username.toUpperCase()}&page=1&pageSize=5`)
        .set(bearer(admin.accessToken))
        .expect(200);
      expect(response.body).toMatchObject({ total: 1, page: 1, pageSize: 5, items: [{ id: driver.user.id }] });
      expectNoSecrets(response.body);
      const tooBig = await request(t.http).get('/api/admin/users?pageSize=101').set(bearer(admin.accessToken)).expect(400);
      expect(tooBig.body.details[0].field).toBe('pageSize');
    });

    it('is admin-only: 401 without a token, 403 for a driver', async () => {
      const driver = await registerVerified(t);
      await request(t.http).get('/api/admin/users').expect(401);
      const forbidden = await request(t.http).get('/api/admin/users').set(bearer(driver.accessToken)).expect(403);
      expect(forbidden.body.code).toBe('FORBIDDEN');
      await request(t.http).patch(`/api/admin/users/${driver.user.id}`).set(bearer(driver.accessToken)).send({ isActive: false }).expect(403);
    });

    it('deactivation locks the account out at once; reactivation lets it back in', async () => {
      const driver = await registerVerified(t);
      const patch = (isActive: boolean) =>
        request(t.http).patch(`/api/admin/users/${driver.user.id}`).set(bearer(admin.accessToken)).send({ isActive });
      // The token is in use before, so the process has it verified already.
      await request(t.http).get('/api/auth/me').set(bearer(driver.accessToken)).expect(200);
      const deactivated = await patch(false).expect(200);
      expect(deactivated.body.isActive).toBe(false);
      expectNoSecrets(deactivated.body);
      expect((await request(t.http).get('/api/auth/me').set(bearer(driver.accessToken)).expect(403)).body.code).toBe('ACCOUNT_DISABLED');
      expect((await post('login', { login: driver.user.email, password: driver.password }).expect(403)).body.code).toBe('ACCOUNT_DISABLED');
      expect((await post('refresh', { refreshToken: driver.refreshToken }).expect(403)).body.code).toBe('ACCOUNT_DISABLED');
      await patch(true).expect(200);
      await post('login', { login: driver.user.email, password: driver.password }).expect(200);
      await request(t.http).get('/api/auth/me').set(bearer(driver.accessToken)).expect(200);
    });

    it('a deactivation reaches the other API processes, running and newly started, and so does the reactivation', async () => {
      const driver = await registerVerified(t);
      const other = await createTestApp();
      let started: TestApp | undefined;
      try {
        const meOn = (app: TestApp) => request(app.http).get('/api/auth/me').set(bearer(driver.accessToken));
        // Another process learns of the change through Redis, a moment later: poll it for up to 3 s.
        const eventually = async (app: TestApp, status: number) => {
          for (let attempt = 0; attempt < 60 && (await meOn(app)).status !== status; attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
          return meOn(app);
        };
        await meOn(other).expect(200);
        await request(t.http).patch(`/api/admin/users/${driver.user.id}`).set(bearer(admin.accessToken)).send({ isActive: false }).expect(200);
        expect((await eventually(other, 403)).body.code).toBe('ACCOUNT_DISABLED');
        started = await createTestApp();
        expect((await meOn(started).expect(403)).body.code).toBe('ACCOUNT_DISABLED');
        await request(t.http).patch(`/api/admin/users/${driver.user.id}`).set(bearer(admin.accessToken)).send({ isActive: true }).expect(200);
        await meOn(t).expect(200);
        expect((await eventually(other, 200)).status).toBe(200);
        expect((await eventually(started, 200)).status).toBe(200);
      } finally {
        await other.close();
        await started?.close();
      }
    });

    it('an admin cannot deactivate themself (409 CANNOT_DEACTIVATE_SELF)', async () => {
      const response = await request(t.http).patch(`/api/admin/users/${admin.user.id}`).set(bearer(admin.accessToken)).send({ isActive: false }).expect(409);
      expect(response.body.code).toBe('CANNOT_DEACTIVATE_SELF');
    });

    it('answers a malformed id with 400 and an unknown id with 404', async () => {
      const bad = await request(t.http).patch('/api/admin/users/42').set(bearer(admin.accessToken)).send({ isActive: false }).expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      const unknown = await request(t.http)
        .patch('/api/admin/users/5d0c7a43-6a39-4d6f-9a39-0e0e0e0e0e0e')
        .set(bearer(admin.accessToken))
        .send({ isActive: false })
        .expect(404);
      expect(unknown.body.code).toBe('NOT_FOUND');
    });
  });
});

describe('auth rate limits (API)', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Behind a proxy, X-Forwarded-For tells clients apart; it lets one test play several clients.
    t = await createTestApp({ AUTH_RATE_LIMIT: '3', TRUST_PROXY: 'true', REDIS_PREFIX: `${process.env.REDIS_PREFIX}-limits` });
  });

  afterAll(async () => {
    await t.close();
  });

  const login = (login: string, client: string) =>
    request(t.http).post('/api/auth/login').set('X-Forwarded-For', client).send({ login, password: 'Wrong12345' });

  it('limits one client address across accounts, with Retry-After', async () => {
    for (const n of [1, 2, 3]) await login(`someone${n}@example.com`, '203.0.113.7').expect(401);
    const limited = await login('someone4@example.com', '203.0.113.7').expect(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    await login('someone5@example.com', '203.0.113.8').expect(401);
  });

  it('limits one account across client addresses', async () => {
    for (const n of [1, 2, 3]) await login('target@example.com', `198.51.100.${n}`).expect(401);
    await login('target@example.com', '198.51.100.4').expect(429);
    await login('TARGET@example.com', '198.51.100.5').expect(429);
  });

  it('limits registration too', async () => {
    for (const n of [1, 2, 3]) {
      await request(t.http).post('/api/auth/register').set('X-Forwarded-For', '192.0.2.50').send({ ...uniqueUser(), email: `x${n}` }).expect(400);
    }
    await request(t.http).post('/api/auth/register').set('X-Forwarded-For', '192.0.2.50').send(uniqueUser()).expect(429);
  });
});
