import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { ALL_WEEKDAYS, oneBandTariff } from '../src/pricing/tariff';
import { FakeClock } from './support/fake-clock';
import { DAY_AND_NIGHT } from './support/tariffs';
import { bearer, createTestApp, loginAdmin, registerVerified, SignedIn, TestApp } from './support/test-app';
import { TEST_ADMIN_DB_URL, testDatabaseUrl } from './support/test-env';

interface TariffBody {
  lotId: string;
  version: number;
  timeZone: string;
  bands: { days: number[]; from: string; to: string; ratePerHourCents: number }[];
  graceMinutes: number;
  incrementMinutes: number;
  firstPeriod: { minutes: number; cents: number } | null;
  dailyMaxCents: number | null;
  createdAt: string;
}

describe('tariffs (API, R-TARIFF-1, 2)', () => {
  const clock = new FakeClock();
  let t: TestApp;
  let admin: SignedIn;
  let driver: SignedIn;
  let db: DataSource;
  let vehicleSeq = 0;

  beforeAll(async () => {
    // A lot created without a zone gets APP_TIMEZONE; cached answers live a second, so a test can outwait them.
    t = await createTestApp({ APP_TIMEZONE: 'America/New_York', CACHE_TTL_SECONDS: '1' }, clock);
    admin = await loginAdmin(t);
    driver = await registerVerified(t, 'tariffdriver');
    db = t.app.get(DataSource);
  });

  afterAll(async () => {
    await t?.close();
  });

  beforeEach(() => clock.set(new Date()));

  const api = (who: SignedIn | undefined, method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string) => {
    const call = request(t.http)[method](`/api${path}`);
    return who ? call.set(bearer(who.accessToken)) : call;
  };

  async function newLot(body: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
    const name = `Tariff lot ${randomBytes(4).toString('hex')}`;
    const response = await api(admin, 'post', '/lots').send({ name, address: '1 Clock Street', pricePerHourCents: 600, capacity: 3, ...body }).expect(201);
    return response.body;
  }

  const tariffOf = async (lotId: string, version?: number, who = driver) =>
    (await api(who, 'get', `/lots/${lotId}/tariff`).query(version ? { version } : {}).expect(200)).body as TariffBody;
  const versionsOf = async (lotId: string) =>
    (await api(admin, 'get', `/lots/${lotId}/tariff/versions`).expect(200)).body as { version: number; createdAt: string; createdBy: { id: string; username: string } | null }[];
  const lotOf = async (lotId: string) => (await api(driver, 'get', `/lots/${lotId}`).expect(200)).body as { pricePerHourCents: number; timeZone: string; tariffVersion: number };
  const putTariff = (lotId: string, body: object, who = admin) => api(who, 'put', `/lots/${lotId}/tariff`).send(body);
  const vehicle = () => `TRF${String(++vehicleSeq).padStart(4, '0')}${randomBytes(1).toString('hex').toUpperCase()}`;

  describe('version 1', () => {
    it('is written with the lot: one band at its price, in the zone given or APP_TIMEZONE, by its admin', async () => {
      const berlin = await newLot({ pricePerHourCents: 450, timeZone: 'Europe/Berlin' });
      expect(await tariffOf(berlin.id)).toEqual({ lotId: berlin.id, version: 1, ...oneBandTariff(450, 'Europe/Berlin'), createdAt: expect.any(String) });
      expect(await lotOf(berlin.id)).toMatchObject({ pricePerHourCents: 450, timeZone: 'Europe/Berlin', tariffVersion: 1 });
      expect(await versionsOf(berlin.id)).toEqual([{ version: 1, createdAt: expect.any(String), createdBy: { id: admin.user.id, username: admin.user.username } }]);

      const plain = await newLot({ pricePerHourCents: 300 });
      expect(await tariffOf(plain.id)).toMatchObject({ version: 1, timeZone: 'America/New_York', bands: [{ days: ALL_WEEKDAYS, from: '00:00', to: '24:00', ratePerHourCents: 300 }] });
    });

    it('refuses a zone that is not an IANA name (400) and creates nothing', async () => {
      const name = `Nowhere ${randomBytes(4).toString('hex')}`;
      const response = await api(admin, 'post', '/lots').send({ name, address: 'x', pricePerHourCents: 100, capacity: 1, timeZone: 'Mars/Olympus' }).expect(400);
      expect(response.body).toEqual({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: expect.any(String),
        details: [{ field: 'timeZone', errors: ['timeZone must be an IANA time zone such as Europe/Berlin'] }],
      });
      expect(await db.query(`SELECT 1 FROM lots WHERE name = $1`, [name])).toEqual([]);
    });
  });

  describe('PUT /lots/{id}/tariff', () => {
    it('names every gap and overlap (400 VALIDATION_FAILED) and writes nothing', async () => {
      const lot = await newLot();
      const broken = {
        bands: [
          { days: [1], from: '00:00', to: '18:00', ratePerHourCents: 300 },
          { days: [1], from: '19:00', to: '24:00', ratePerHourCents: 100 },
          { days: [2, 3, 4, 5, 6, 7], from: '00:00', to: '24:00', ratePerHourCents: 200 },
          { days: [2], from: '08:00', to: '09:00', ratePerHourCents: 500 },
        ],
      };
      const response = await putTariff(lot.id, broken).expect(400);
      expect(response.body).toEqual({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'Invalid input — bands: Gap: Monday 18:00–19:00; Overlap: Tuesday 08:00–09:00 (bands 3 and 4)',
        details: [{ field: 'bands', errors: ['Gap: Monday 18:00–19:00', 'Overlap: Tuesday 08:00–09:00 (bands 3 and 4)'] }],
      });
      expect((await tariffOf(lot.id)).version).toBe(1);
      expect(await versionsOf(lot.id)).toHaveLength(1);
    });

    it('names each invalid field: a bad zone, increment 7, grace 121, a first period of 0 minutes, a band ending before it starts', async () => {
      const lot = await newLot();
      const bad = {
        ...DAY_AND_NIGHT,
        timeZone: 'Europe/Atlantis',
        incrementMinutes: 7,
        graceMinutes: 121,
        firstPeriod: { minutes: 0, cents: 100 },
        bands: [...DAY_AND_NIGHT.bands.slice(0, 3), { days: ALL_WEEKDAYS, from: '19:00', to: '07:00', ratePerHourCents: 100 }],
      };
      const response = await putTariff(lot.id, bad).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(response.body.details).toEqual([
        { field: 'timeZone', errors: ['timeZone must be an IANA time zone such as Europe/Berlin'] },
        { field: 'bands.3.to', errors: ['to must be later than from (a span across midnight is two bands)'] },
        { field: 'graceMinutes', errors: ['graceMinutes must not be greater than 120'] },
        { field: 'incrementMinutes', errors: ['incrementMinutes must be one of 1, 5, 10, 15, 30 or 60'] },
        { field: 'firstPeriod.minutes', errors: ['minutes must not be less than 1'] },
      ]);
      for (const field of [{ incrementMinutes: 7 }, { graceMinutes: 121 }, { firstPeriod: { minutes: 0, cents: 0 } }, { timeZone: 'UTC+1' }]) {
        const alone = await putTariff(lot.id, { ...DAY_AND_NIGHT, ...field }).expect(400);
        expect(alone.body.details).toHaveLength(1);
      }
      expect(await versionsOf(lot.id)).toHaveLength(1);
    });

    it('stores a valid day/night tariff as version 2; version 1 stays readable; the versions are listed newest first', async () => {
      const lot = await newLot({ pricePerHourCents: 600, timeZone: 'Europe/Berlin' });
      const response = await putTariff(lot.id, DAY_AND_NIGHT).expect(200);
      const stored = { lotId: lot.id, version: 2, ...DAY_AND_NIGHT, createdAt: clock.now().toISOString() };
      expect(response.body).toEqual(stored);
      expect(await tariffOf(lot.id)).toEqual(stored);
      expect(await tariffOf(lot.id, 2)).toEqual(stored);
      expect(await tariffOf(lot.id, 1)).toEqual({ lotId: lot.id, version: 1, ...oneBandTariff(600, 'Europe/Berlin'), createdAt: expect.any(String) });
      expect((await lotOf(lot.id)).tariffVersion).toBe(2);
      const author = { id: admin.user.id, username: admin.user.username };
      expect(await versionsOf(lot.id)).toEqual([
        { version: 2, createdAt: stored.createdAt, createdBy: author },
        { version: 1, createdAt: expect.any(String), createdBy: author },
      ]);

      const unknownVersion = await api(driver, 'get', `/lots/${lot.id}/tariff`).query({ version: 3 }).expect(404);
      expect(unknownVersion.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Tariff version not found' });
      await api(driver, 'get', `/lots/${lot.id}/tariff`).query({ version: 0 }).expect(400);
    });

    it('fills in the defaults and keeps the lot’s zone when the body names none; a zone given moves the lot', async () => {
      const lot = await newLot({ timeZone: 'Asia/Kolkata' });
      const minimal = { bands: [{ days: ALL_WEEKDAYS, from: '00:00', to: '24:00', ratePerHourCents: 0 }] };
      expect((await putTariff(lot.id, minimal).expect(200)).body).toMatchObject({
        version: 2,
        timeZone: 'Asia/Kolkata',
        graceMinutes: 0,
        incrementMinutes: 1,
        firstPeriod: null,
        dailyMaxCents: null,
      });
      expect(await lotOf(lot.id)).toMatchObject({ pricePerHourCents: 0, timeZone: 'Asia/Kolkata' });
      await putTariff(lot.id, { ...minimal, timeZone: 'Australia/Lord_Howe' }).expect(200);
      expect(await lotOf(lot.id)).toMatchObject({ timeZone: 'Australia/Lord_Howe', tariffVersion: 3 });
    });

    it('gives 20 concurrent changes the versions 2..21, each exactly once, each with its own content', async () => {
      const lot = await newLot();
      const bodies = Array.from({ length: 20 }, (_, i) => ({ bands: [{ days: ALL_WEEKDAYS, from: '00:00', to: '24:00', ratePerHourCents: 1000 + i }] }));
      const responses = await Promise.all(bodies.map((body) => putTariff(lot.id, body)));
      expect(responses.map((response) => response.status)).toEqual(bodies.map(() => 200));
      const versions = responses.map((response) => response.body.version as number);
      expect([...versions].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
      for (const [i, version] of versions.entries()) {
        expect((await tariffOf(lot.id, version)).bands[0].ratePerHourCents).toBe(1000 + i);
      }
      expect((await versionsOf(lot.id)).map((entry) => entry.version)).toEqual(Array.from({ length: 21 }, (_, i) => 21 - i));
      const current = versions.indexOf(21);
      expect(await lotOf(lot.id)).toMatchObject({ tariffVersion: 21, pricePerHourCents: 1000 + current });
    });

    it('is for admins only (403 for drivers, 401 without a token); reading is for anyone signed in', async () => {
      const lot = await newLot();
      expect((await putTariff(lot.id, DAY_AND_NIGHT, driver).expect(403)).body).toMatchObject({ code: 'FORBIDDEN' });
      await api(driver, 'get', `/lots/${lot.id}/tariff/versions`).expect(403);
      await api(undefined, 'put', `/lots/${lot.id}/tariff`).send(DAY_AND_NIGHT).expect(401);
      await api(undefined, 'get', `/lots/${lot.id}/tariff`).expect(401);
      expect((await tariffOf(lot.id)).version).toBe(1);
    });

    it('answers 404 for an unknown lot, 400 for a malformed id, 409 LOT_ARCHIVED on an archived one (whose tariff only admins read)', async () => {
      const unknown = '00000000-0000-4000-8000-00000000beef';
      await putTariff(unknown, DAY_AND_NIGHT).expect(404);
      expect((await api(driver, 'get', `/lots/${unknown}/tariff`).expect(404)).body).toMatchObject({ code: 'NOT_FOUND', message: 'Lot not found' });
      await api(admin, 'get', `/lots/${unknown}/tariff/versions`).expect(404);
      await api(driver, 'get', '/lots/not-a-uuid/tariff').expect(400);

      const lot = await newLot();
      await api(admin, 'delete', `/lots/${lot.id}`).expect(204);
      expect((await putTariff(lot.id, DAY_AND_NIGHT).expect(409)).body).toMatchObject({ code: 'LOT_ARCHIVED' });
      await api(driver, 'get', `/lots/${lot.id}/tariff`).expect(404);
      expect((await tariffOf(lot.id, undefined, admin)).version).toBe(1);
    });
  });

  describe('the lot’s pricePerHourCents (R-TARIFF-1)', () => {
    it('setting it through PATCH makes a one-band version at that rate, in the lot’s zone', async () => {
      const lot = await newLot({ timeZone: 'Europe/Berlin' });
      await putTariff(lot.id, DAY_AND_NIGHT).expect(200);
      const patched = await api(admin, 'patch', `/lots/${lot.id}`).send({ pricePerHourCents: 375 }).expect(200);
      expect(patched.body).toMatchObject({ pricePerHourCents: 375, tariffVersion: 3, timeZone: 'Europe/Berlin' });
      expect(await tariffOf(lot.id)).toEqual({ lotId: lot.id, version: 3, ...oneBandTariff(375, 'Europe/Berlin'), createdAt: clock.now().toISOString() });
      expect((await tariffOf(lot.id, 2)).bands).toEqual(DAY_AND_NIGHT.bands);

      // A new zone alone: the same bands, read there.
      await api(admin, 'patch', `/lots/${lot.id}`).send({ timeZone: 'America/Chicago' }).expect(200);
      expect(await tariffOf(lot.id)).toMatchObject({ version: 4, ...oneBandTariff(375, 'America/Chicago') });
      // Other fields leave the tariff as it is.
      await api(admin, 'patch', `/lots/${lot.id}`).send({ address: '2 Clock Street', timeZone: 'America/Chicago' }).expect(200);
      expect((await versionsOf(lot.id))[0].version).toBe(4);
    });

    it('reads the band in force at the clock’s now, in the lot’s zone, within the cache’s lifetime of an edge', async () => {
      const lot = await newLot({ pricePerHourCents: 600 });
      // Tuesday 2030-01-15, Berlin in winter time (UTC+1): the weekday band ends at 19:00 local, 18:00 UTC.
      clock.set('2030-01-15T17:59:00Z');
      await putTariff(lot.id, DAY_AND_NIGHT).expect(200);
      expect((await lotOf(lot.id)).pricePerHourCents).toBe(300);
      // What bookings snapshot until they are priced by version: the rate in force when the tariff was written.
      expect(await db.query(`SELECT price_per_hour_cents FROM lots WHERE id = $1`, [lot.id])).toEqual([{ price_per_hour_cents: 300 }]);

      clock.set('2030-01-15T18:00:00Z');
      // A cached answer may show the rate before the edge for up to CACHE_TTL_SECONDS (1 s here, 30 s by default).
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await lotOf(lot.id)).pricePerHourCents).toBe(100);
      const listed = await api(driver, 'get', '/lots').query({ search: lot.name }).expect(200);
      expect(listed.body.items).toEqual([expect.objectContaining({ id: lot.id, pricePerHourCents: 100, tariffVersion: 2, timeZone: 'Europe/Berlin' })]);

      // Saturday 2030-01-19 10:00 in Berlin: the weekend day band.
      clock.set('2030-01-19T09:00:00Z');
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await lotOf(lot.id)).pricePerHourCents).toBe(200);
    });
  });

  describe('bookings (R-TARIFF-2)', () => {
    it('record the lot’s current version when they are made, and keep it when the tariff changes', async () => {
      const lot = await newLot({ pricePerHourCents: 500 });
      const first = await api(driver, 'post', '/bookings').send({ lotId: lot.id, vehicleNumber: vehicle() }).expect(201);
      expect(first.body).toMatchObject({ tariffVersion: 1, ratePerHourCents: 500 });

      await putTariff(lot.id, DAY_AND_NIGHT).expect(200);
      const second = await api(driver, 'post', '/bookings').send({ lotId: lot.id, vehicleNumber: vehicle() }).expect(201);
      expect(second.body.tariffVersion).toBe(2);

      await api(admin, 'patch', `/lots/${lot.id}`).send({ pricePerHourCents: 700 }).expect(200);
      const reservation = await api(driver, 'post', '/bookings')
        .send({
          lotId: lot.id,
          vehicleNumber: vehicle(),
          type: 'reserved',
          startAt: new Date(clock.now().getTime() + 3600_000).toISOString(),
          endAt: new Date(clock.now().getTime() + 7200_000).toISOString(),
        })
        .expect(201);
      expect(reservation.body).toMatchObject({ tariffVersion: 3, ratePerHourCents: 700 });

      expect((await api(driver, 'get', `/bookings/${first.body.id}`).expect(200)).body).toMatchObject({ tariffVersion: 1, ratePerHourCents: 500 });
      expect((await api(driver, 'get', `/bookings/${second.body.id}`).expect(200)).body.tariffVersion).toBe(2);
      const listed = await api(admin, 'get', '/admin/bookings').query({ lotId: lot.id }).expect(200);
      expect(listed.body.items.map((b: { tariffVersion: number }) => b.tariffVersion).sort()).toEqual([1, 2, 3]);
    });
  });
});

/**
 * The migration to tariffs on a database of its own, holding lots and bookings made before it: every lot
 * gets version 1 at its price in APP_TIMEZONE; every booking keeps no version (it is priced at its own
 * rate, which need not be its lot's current one) and its cost.
 */
describe('migration Tariffs (R-TARIFF-1, 2)', () => {
  const database = `parking_tariffs_migration_${randomBytes(4).toString('hex')}`;
  let dataSource: DataSource;
  const savedZone = process.env.APP_TIMEZONE;

  beforeAll(async () => {
    const admin = new Client({ connectionString: TEST_ADMIN_DB_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    dataSource = new DataSource(dataSourceOptions(testDatabaseUrl(database), 2));
    await dataSource.initialize();
  });

  afterAll(async () => {
    process.env.APP_TIMEZONE = savedZone;
    await dataSource?.destroy();
    const admin = new Client({ connectionString: TEST_ADMIN_DB_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  /** Undoes the migrations from the newest back to Tariffs included. */
  async function undoThroughTariffs(): Promise<void> {
    for (;;) {
      const [last]: { name: string }[] = await dataSource.query(`SELECT name FROM migrations ORDER BY timestamp DESC LIMIT 1`);
      await dataSource.undoLastMigration();
      if (last.name.startsWith('Tariffs')) return;
    }
  }

  it('gives every existing lot version 1 (one band at its price, in APP_TIMEZONE) and leaves every booking without a version, prices kept', async () => {
    await dataSource.runMigrations();
    await undoThroughTariffs();
    expect(await dataSource.query(`SELECT to_regclass('lot_tariffs') AS t`)).toEqual([{ t: null }]);

    // The schema before tariffs, with a lot of history.
    const [{ id: userId }] = await dataSource.query(`INSERT INTO users (email, username, password_hash) VALUES ('old@example.com', 'old_driver', 'x') RETURNING id`);
    const lots: { id: string; price_per_hour_cents: number; created_at: Date }[] = await dataSource.query(
      `INSERT INTO lots (name, address, price_per_hour_cents, capacity, created_at)
       VALUES ('Old Harbour', '1 Quay', 250, 2, '2025-03-01T08:00:00Z'), ('Old Market', '2 Square', 480, 2, '2025-06-01T08:00:00Z')
       RETURNING id, price_per_hour_cents, created_at`,
    );
    await dataSource.query(`INSERT INTO spots (lot_id, number) SELECT id, n FROM lots CROSS JOIN generate_series(1, 2) n`);
    await dataSource.query(
      `INSERT INTO bookings (user_id, lot_id, spot_id, vehicle_number, type, status, start_at, released_at, rate_per_hour_cents, cost_cents)
       SELECT $1, s.lot_id, s.id, 'OLD' || s.number || upper(substr(md5(s.lot_id::text), 1, 4)), 'instant', 'completed',
              '2025-07-01T08:00:00Z', '2025-07-01T09:30:00Z', 200 + s.number, 300 + s.number
       FROM spots s`,
      [userId],
    );
    const before: { id: string; rate_per_hour_cents: number; cost_cents: number }[] = await dataSource.query(
      `SELECT id, rate_per_hour_cents, cost_cents FROM bookings ORDER BY id`,
    );

    process.env.APP_TIMEZONE = 'Europe/Berlin';
    await dataSource.runMigrations();

    const tariffs: { lot_id: string; version: number; tariff: unknown; created_at: Date; created_by: string | null }[] = await dataSource.query(
      `SELECT lot_id, version, tariff, created_at, created_by FROM lot_tariffs ORDER BY created_at`,
    );
    expect(tariffs).toEqual(
      lots.map((lot) => ({ lot_id: lot.id, version: 1, tariff: oneBandTariff(lot.price_per_hour_cents, 'Europe/Berlin'), created_at: lot.created_at, created_by: null })),
    );
    expect(await dataSource.query(`SELECT time_zone, current_tariff_version, price_per_hour_cents FROM lots ORDER BY created_at`)).toEqual([
      { time_zone: 'Europe/Berlin', current_tariff_version: 1, price_per_hour_cents: 250 },
      { time_zone: 'Europe/Berlin', current_tariff_version: 1, price_per_hour_cents: 480 },
    ]);
    // Their rates (201, 202) are not their lots' (250, 480): version 1 would price them at the lot's.
    expect(await dataSource.query(`SELECT id, rate_per_hour_cents, cost_cents, tariff_version FROM bookings ORDER BY id`)).toEqual(
      before.map((booking) => ({ ...booking, tariff_version: null })),
    );

    // After it: a lot inserted by any means gets its version 1; a booking names a version or none.
    const [{ id: newLotId }] = await dataSource.query(
      `INSERT INTO lots (name, address, price_per_hour_cents, capacity, time_zone) VALUES ('New Pier', '3 Quay', 90, 1, 'Asia/Kolkata') RETURNING id`,
    );
    expect(await dataSource.query(`SELECT version, tariff FROM lot_tariffs WHERE lot_id = $1`, [newLotId])).toEqual([
      { version: 1, tariff: oneBandTariff(90, 'Asia/Kolkata') },
    ]);
    const [{ tariff_version }] = await dataSource.query(
      `INSERT INTO bookings (user_id, lot_id, spot_id, vehicle_number, type, status, start_at, rate_per_hour_cents)
       SELECT $1, lot_id, id, 'NEW1234', 'instant', 'active', now(), 250 FROM spots WHERE lot_id = $2 AND number = 1 RETURNING tariff_version`,
      [userId, lots[0].id],
    );
    expect(tariff_version).toBeNull();
    await expect(dataSource.query(`UPDATE bookings SET tariff_version = 2 WHERE vehicle_number = 'NEW1234'`)).rejects.toThrow(/FK_bookings_tariff/);

    // And it can be undone with the data in place.
    await undoThroughTariffs();
    expect(await dataSource.query(`SELECT to_regclass('lot_tariffs') AS t`)).toEqual([{ t: null }]);
  });
});
