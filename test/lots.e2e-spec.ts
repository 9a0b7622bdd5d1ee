import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppCacheService } from '../src/cache/app-cache.service';
import { DomainError } from '../src/common/errors/domain-error';
import { LotsService } from '../src/lots/lots.service';
import { FakeClock } from './support/fake-clock';
import { bearer, createTestApp, loginAdmin, registerVerified, SignedIn, TestApp } from './support/test-app';

const MINUTE = 60_000;

interface LotBody {
  id: string;
  name: string;
  capacity: number;
  available: number;
  occupied: number;
  reserved: number;
  outOfService: number;
  pricePerHourCents: number;
  archived: boolean;
}

interface BookingRow {
  spot: number;
  status: 'active' | 'reserved' | 'completed' | 'cancelled' | 'expired';
  startAt: Date;
  endAt?: Date;
  checkedInAt?: Date;
  releasedAt?: Date;
  rate?: number;
}

describe('lots (API)', () => {
  const clock = new FakeClock();
  let t: TestApp;
  let admin: SignedIn;
  let driver: SignedIn;
  let db: DataSource;

  beforeAll(async () => {
    t = await createTestApp({}, clock);
    admin = await loginAdmin(t);
    driver = await registerVerified(t, 'lotdriver');
    db = t.app.get(DataSource);
  });

  afterAll(async () => {
    await t.close();
  });

  beforeEach(() => clock.set(new Date()));

  const at = (minutes: number) => new Date(clock.now().getTime() + minutes * MINUTE);
  const uniqueName = (label = 'Lot') => `${label} ${randomBytes(4).toString('hex')}`;
  const api = (who: SignedIn | undefined, method: 'get' | 'post' | 'patch' | 'delete', path: string) => {
    const call = request(t.http)[method](`/api${path}`);
    return who ? call.set(bearer(who.accessToken)) : call;
  };

  async function newLot(body: Record<string, unknown> = {}): Promise<LotBody> {
    const response = await api(admin, 'post', '/lots')
      .send({ name: uniqueName(), address: '1 Test Street', pricePerHourCents: 600, capacity: 3, ...body })
      .expect(201);
    return response.body as LotBody;
  }

  const getLot = async (id: string, who = admin) => (await api(who, 'get', `/lots/${id}`).expect(200)).body as LotBody;

  async function spotIds(lotId: string): Promise<Record<number, string>> {
    const rows: { number: number; id: string }[] = await db.query(`SELECT number, id FROM spots WHERE lot_id = $1 AND archived_at IS NULL`, [lotId]);
    return Object.fromEntries(rows.map((row) => [row.number, row.id]));
  }

  const spotNumbers = async (lotId: string) =>
    ((await api(admin, 'get', `/lots/${lotId}/spots`).expect(200)).body.items as { number: number }[]).map((spot) => spot.number);

  /** A booking written straight to the table (the bookings API is someone else's), then the cache bump it implies. */
  async function insertBooking(lotId: string, row: BookingRow): Promise<string> {
    const spotId = (await spotIds(lotId))[row.spot];
    const [{ id }]: { id: string }[] = await db.query(
      `INSERT INTO bookings (user_id, lot_id, spot_id, vehicle_number, type, status, start_at, end_at, checked_in_at, released_at, rate_per_hour_cents, cost_cents)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        driver.user.id,
        lotId,
        spotId,
        `T${randomBytes(4).toString('hex').toUpperCase()}`,
        row.endAt ? 'reserved' : 'instant',
        row.status,
        row.startAt,
        row.endAt ?? null,
        row.checkedInAt ?? null,
        row.releasedAt ?? null,
        row.rate ?? 600,
        ['completed', 'expired', 'cancelled'].includes(row.status) ? 0 : null,
      ],
    );
    await t.app.get(AppCacheService).invalidate('lots', 'availability');
    return id;
  }

  describe('POST /lots', () => {
    it('creates the lot with spots 1..capacity, all available', async () => {
      const name = uniqueName('Central');
      const lot = await newLot({ name: `  ${name} `, capacity: 4, pricePerHourCents: 250, postalCode: ' 10115 ' });
      expect(lot).toEqual({
        id: expect.any(String),
        name,
        address: '1 Test Street',
        postalCode: '10115',
        pricePerHourCents: 250,
        timeZone: 'UTC',
        tariffVersion: 1,
        currency: 'USD',
        capacity: 4,
        available: 4,
        occupied: 0,
        reserved: 0,
        outOfService: 0,
        parkNowSpots: 4,
        overstays: 0,
        averageRating: null,
        reviewCount: 0,
        archived: false,
        archivedAt: null,
        createdAt: expect.any(String),
      });
      expect(await spotNumbers(lot.id)).toEqual([1, 2, 3, 4]);
    });

    it('refuses a name taken by a live lot, ignoring case and spaces (409 LOT_NAME_TAKEN)', async () => {
      const lot = await newLot();
      for (const name of [lot.name, lot.name.toUpperCase(), ` ${lot.name.toLowerCase()} `]) {
        const response = await api(admin, 'post', '/lots').send({ name, address: 'x', pricePerHourCents: 1, capacity: 1 }).expect(409);
        expect(response.body).toEqual({ statusCode: 409, code: 'LOT_NAME_TAKEN', message: expect.any(String) });
      }
    });

    it('lets an archived lot’s name be used again', async () => {
      const lot = await newLot();
      await api(admin, 'delete', `/lots/${lot.id}`).expect(204);
      await newLot({ name: lot.name });
    });

    it('lists every invalid field (400 VALIDATION_FAILED), unknown fields included', async () => {
      const response = await api(admin, 'post', '/lots')
        .send({ name: '   ', address: 'a'.repeat(201), postalCode: '1234567890123', pricePerHourCents: 0, capacity: 5001, colour: 'red' })
        .expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['address', 'capacity', 'colour', 'name', 'postalCode', 'pricePerHourCents']);
      await api(admin, 'post', '/lots').send({ name: uniqueName(), address: 'x', pricePerHourCents: 1.5, capacity: '3' }).expect(400);
    });

    it('needs a token (401) and an admin (403)', async () => {
      const body = { name: uniqueName(), address: 'x', pricePerHourCents: 100, capacity: 1 };
      expect((await api(undefined, 'post', '/lots').send(body).expect(401)).body.code).toBe('UNAUTHORIZED');
      expect((await api(driver, 'post', '/lots').send(body).expect(403)).body.code).toBe('FORBIDDEN');
    });
  });

  describe('GET /lots and GET /lots/{id}', () => {
    it('shows each spot once, by priority: occupied > reserved > out of service > available (R-LOT-5, R-SPOT-1)', async () => {
      const lot = await newLot({ capacity: 6 });
      await insertBooking(lot.id, { spot: 1, status: 'active', startAt: at(-30) });
      await insertBooking(lot.id, { spot: 2, status: 'reserved', startAt: at(-10), endAt: at(50) });
      // A reservation later today and a cancelled one leave the spot available now.
      await insertBooking(lot.id, { spot: 3, status: 'reserved', startAt: at(120), endAt: at(180) });
      await insertBooking(lot.id, { spot: 4, status: 'cancelled', startAt: at(-10), endAt: at(50) });
      // An overstaying checked-in reservation still occupies its spot.
      await insertBooking(lot.id, { spot: 5, status: 'active', startAt: at(-120), endAt: at(-60), checkedInAt: at(-120) });
      await api(admin, 'patch', `/lots/${lot.id}/spots/${(await spotIds(lot.id))[6]}`).send({ outOfService: true }).expect(200);

      const list = await api(driver, 'get', `/lots?search=${encodeURIComponent(lot.name)}`).expect(200);
      expect(list.body).toEqual({ items: [expect.objectContaining({ id: lot.id })], total: 1, page: 1, pageSize: 20 });
      expect(list.body.items[0]).toMatchObject({ capacity: 6, occupied: 2, reserved: 1, outOfService: 1, available: 2 });
      expect(await getLot(lot.id, driver)).toEqual(list.body.items[0]);
    });

    it('shows the new numbers right after a change, though the list is cached (R-CACHE-1)', async () => {
      const lot = await newLot({ capacity: 2 });
      const search = `/lots?search=${encodeURIComponent(lot.name)}`;
      expect((await api(driver, 'get', search).expect(200)).body.items[0]).toMatchObject({ capacity: 2, available: 2 });
      await getLot(lot.id, driver);

      const spot = (await spotIds(lot.id))[1];
      await api(admin, 'patch', `/lots/${lot.id}/spots/${spot}`).send({ outOfService: true }).expect(200);
      expect((await api(driver, 'get', search).expect(200)).body.items[0]).toMatchObject({ available: 1, outOfService: 1 });
      await api(admin, 'patch', `/lots/${lot.id}`).send({ capacity: 4 }).expect(200);
      expect((await api(driver, 'get', search).expect(200)).body.items[0]).toMatchObject({ capacity: 4, available: 3 });
      expect(await getLot(lot.id, driver)).toMatchObject({ capacity: 4, available: 3, outOfService: 1 });
    });

    it('shows a booking made through another API process at once, though this one keeps the list in memory', async () => {
      const lot = await newLot({ capacity: 3 });
      const search = `/lots?search=${encodeURIComponent(lot.name)}`;
      const other = await createTestApp({}, clock);
      try {
        const counts = async () => (await api(driver, 'get', search).expect(200)).body.items[0] as LotBody;
        expect(await counts()).toMatchObject({ occupied: 0, available: 3 });
        for (const plate of ['XP01AA1', 'XP01AA2', 'XP01AA3']) {
          const booked = await request(other.http).post('/api/bookings').set(bearer(driver.accessToken)).send({ lotId: lot.id, vehicleNumber: plate }).expect(201);
          expect(await counts()).toMatchObject({ occupied: 1, available: 2 });
          await request(other.http).post(`/api/bookings/${booked.body.id}/release`).set(bearer(driver.accessToken)).expect(200);
          expect(await counts()).toMatchObject({ occupied: 0, available: 3 });
        }
      } finally {
        await other.close();
      }
    });

    it('tags the cached list with an ETag: 304 while it is unchanged, the new list once a booking changes it', async () => {
      const lot = await newLot({ capacity: 2 });
      const search = `/lots?search=${encodeURIComponent(lot.name)}`;
      const first = await api(driver, 'get', search).expect(200);
      expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(first.headers.etag).toMatch(/^W\/"/);
      const again = await api(driver, 'get', search).expect(200);
      expect(again.headers.etag).toBe(first.headers.etag);
      expect(again.body).toEqual(first.body);
      await api(driver, 'get', search).set('If-None-Match', first.headers.etag).expect(304);

      const booked = await api(driver, 'post', '/bookings').send({ lotId: lot.id, vehicleNumber: 'ET01AG1' }).expect(201);
      const changed = await api(driver, 'get', search).set('If-None-Match', first.headers.etag).expect(200);
      expect(changed.headers.etag).not.toBe(first.headers.etag);
      expect(changed.body.items[0]).toMatchObject({ occupied: 1, available: 1 });
      await api(driver, 'post', `/bookings/${booked.body.id}/release`).expect(200);
    });

    it('shows the average rating and the number of reviews', async () => {
      const lot = await newLot();
      for (const [spot, rating] of [[1, 5], [2, 4], [3, 4]]) {
        const bookingId = await insertBooking(lot.id, { spot, status: 'completed', startAt: at(-300), releasedAt: at(-240) });
        await db.query(`INSERT INTO reviews (booking_id, user_id, lot_id, rating) VALUES ($1, $2, $3, $4)`, [bookingId, driver.user.id, lot.id, rating]);
      }
      await t.app.get(AppCacheService).invalidate('lots');
      expect(await getLot(lot.id, driver)).toMatchObject({ averageRating: 4.33, reviewCount: 3 });
    });

    it('searches name, address and postal code, ignoring case, with % and _ taken literally; paginates by name', async () => {
      const token = randomBytes(4).toString('hex');
      const alpha = await newLot({ name: `Alpha ${token} 50%off` });
      const beta = await newLot({ name: `beta ${token} 50xoff` });
      const gamma = await newLot({ name: `Gamma ${token}`, address: `7 ${token.toUpperCase()} Road` });
      const other = await newLot({ postalCode: token }); // found by its postal code only
      const list = (query: Record<string, string | number>) => api(driver, 'get', '/lots').query(query).expect(200);
      const names = (body: { items: LotBody[] }) => body.items.map((lot) => lot.name);

      expect(names((await list({ search: token })).body)).toEqual([alpha.name, beta.name, gamma.name, other.name]);
      expect(names((await list({ search: `${token.toUpperCase()}%off` })).body)).toEqual([]);
      expect(names((await list({ search: `${token} 50%` })).body)).toEqual([alpha.name]);
      expect(names((await list({ search: `${token} 50_off` })).body)).toEqual([]);
      expect(names((await list({ search: ` ${token.toUpperCase()} ROAD ` })).body)).toEqual([gamma.name]);

      const page2 = await list({ search: token, page: 2, pageSize: 3 });
      expect(page2.body).toMatchObject({ total: 4, page: 2, pageSize: 3 });
      expect(names(page2.body)).toEqual([other.name]);
      expect((await list({ search: token, page: 5, pageSize: 3 })).body).toEqual({ items: [], total: 4, page: 5, pageSize: 3 });
    });

    it('validates the query (400)', async () => {
      for (const query of ['pageSize=101', 'page=0', 'includeArchived=yes', `search=${'x'.repeat(101)}`, 'sort=name']) {
        expect((await api(admin, 'get', `/lots?${query}`).expect(400)).body.code).toBe('VALIDATION_FAILED');
      }
    });

    it('hides archived lots from drivers (404, 403 for includeArchived) and shows them to admins on request', async () => {
      const lot = await newLot();
      await api(admin, 'delete', `/lots/${lot.id}`).expect(204);
      const search = `/lots?search=${encodeURIComponent(lot.name)}`;

      expect((await api(driver, 'get', search).expect(200)).body.total).toBe(0);
      expect((await api(admin, 'get', search).expect(200)).body.total).toBe(0);
      expect((await api(driver, 'get', `${search}&includeArchived=true`).expect(403)).body.code).toBe('FORBIDDEN');
      await api(driver, 'get', `${search}&includeArchived=false`).expect(200);
      const archived = (await api(admin, 'get', `${search}&includeArchived=true`).expect(200)).body.items;
      expect(archived).toEqual([expect.objectContaining({ id: lot.id, archived: true, archivedAt: expect.any(String) })]);

      expect((await api(driver, 'get', `/lots/${lot.id}`).expect(404)).body.code).toBe('NOT_FOUND');
      expect(await getLot(lot.id, admin)).toMatchObject({ archived: true });
    });

    it('answers 404 for an unknown id, 400 for a malformed one, 401 without a token', async () => {
      expect((await api(driver, 'get', '/lots/00000000-0000-4000-8000-000000000000').expect(404)).body.code).toBe('NOT_FOUND');
      expect((await api(driver, 'get', '/lots/not-a-uuid').expect(400)).body.code).toBe('VALIDATION_FAILED');
      await api(undefined, 'get', '/lots').expect(401);
    });
  });

  describe('PATCH /lots/{id}', () => {
    it('changes name, address, postal code and price; a booking keeps the rate it was made at (R-LOT-3)', async () => {
      const lot = await newLot({ pricePerHourCents: 500, postalCode: '12345' });
      const bookingId = await insertBooking(lot.id, { spot: 1, status: 'active', startAt: at(-10), rate: 500 });
      const name = uniqueName('Renamed');
      const response = await api(admin, 'patch', `/lots/${lot.id}`).send({ name, address: '2 New Road', postalCode: null, pricePerHourCents: 900 }).expect(200);
      expect(response.body).toMatchObject({ name, address: '2 New Road', postalCode: null, pricePerHourCents: 900, capacity: 3, occupied: 1 });
      const [booking] = await db.query(`SELECT rate_per_hour_cents FROM bookings WHERE id = $1`, [bookingId]);
      expect(booking.rate_per_hour_cents).toBe(500);
    });

    it('refuses an empty change, null for a required field and unknown fields (400)', async () => {
      const lot = await newLot();
      for (const body of [{}, { name: null }, { capacity: 0 }, { pricePerHourCents: 1_000_001 }, { archived: true }]) {
        expect((await api(admin, 'patch', `/lots/${lot.id}`).send(body).expect(400)).body.code).toBe('VALIDATION_FAILED');
      }
    });

    it('refuses another live lot’s name in any case (409 LOT_NAME_TAKEN) and changes nothing', async () => {
      const [first, second] = [await newLot(), await newLot()];
      const response = await api(admin, 'patch', `/lots/${second.id}`).send({ name: first.name.toUpperCase(), capacity: 5 }).expect(409);
      expect(response.body.code).toBe('LOT_NAME_TAKEN');
      expect(await getLot(second.id)).toMatchObject({ name: second.name, capacity: 3 });
      expect(await spotNumbers(second.id)).toEqual([1, 2, 3]);
    });

    it('raising capacity adds numbered spots; lowering removes the highest, archiving those with history (R-LOT-2)', async () => {
      const lot = await newLot({ capacity: 3 });
      expect((await api(admin, 'patch', `/lots/${lot.id}`).send({ capacity: 6 }).expect(200)).body).toMatchObject({ capacity: 6, available: 6 });
      expect(await spotNumbers(lot.id)).toEqual([1, 2, 3, 4, 5, 6]);

      const spots = await spotIds(lot.id);
      await insertBooking(lot.id, { spot: 5, status: 'completed', startAt: at(-120), releasedAt: at(-60) });
      expect((await api(admin, 'patch', `/lots/${lot.id}`).send({ capacity: 2 }).expect(200)).body).toMatchObject({ capacity: 2, available: 2 });
      expect(await spotNumbers(lot.id)).toEqual([1, 2]);
      const kept: { id: string; archived_at: Date | null }[] = await db.query(`SELECT id, archived_at FROM spots WHERE id = ANY($1)`, [[spots[4], spots[5]]]);
      expect(kept).toEqual([{ id: spots[5], archived_at: expect.any(Date) }]);

      // Number 5 is taken again by a new spot; the archived one keeps its history.
      await api(admin, 'patch', `/lots/${lot.id}`).send({ capacity: 5 }).expect(200);
      expect(await spotNumbers(lot.id)).toEqual([1, 2, 3, 4, 5]);
    });

    it('refuses to remove a spot with an active or upcoming booking (409 CAPACITY_IN_USE), allows it once the booking is gone', async () => {
      const lot = await newLot({ capacity: 4 });
      const upcoming = await insertBooking(lot.id, { spot: 3, status: 'reserved', startAt: at(24 * 60), endAt: at(25 * 60) });
      const response = await api(admin, 'patch', `/lots/${lot.id}`).send({ capacity: 2, address: 'Elsewhere' }).expect(409);
      expect(response.body.code).toBe('CAPACITY_IN_USE');
      expect(await getLot(lot.id)).toMatchObject({ capacity: 4, address: '1 Test Street' });
      expect(await spotNumbers(lot.id)).toEqual([1, 2, 3, 4]);
      // Shrinking above the reserved spot is fine.
      await api(admin, 'patch', `/lots/${lot.id}`).send({ capacity: 3 }).expect(200);

      const active = await insertBooking(lot.id, { spot: 2, status: 'active', startAt: at(-5) });
      await db.query(`UPDATE bookings SET status = 'cancelled', cost_cents = 0 WHERE id = $1`, [upcoming]);
      expect((await api(admin, 'patch', `/lots/${lot.id}`).send({ capacity: 1 }).expect(409)).body.code).toBe('CAPACITY_IN_USE');
      await db.query(`UPDATE bookings SET status = 'completed', released_at = $2, cost_cents = 100 WHERE id = $1`, [active, at(0)]);
      await api(admin, 'patch', `/lots/${lot.id}`).send({ capacity: 1 }).expect(200);
      expect(await spotNumbers(lot.id)).toEqual([1]);
    });

    it('answers 404 for an unknown lot, 409 LOT_ARCHIVED for an archived one, 403 for a driver', async () => {
      await api(admin, 'patch', '/lots/00000000-0000-4000-8000-000000000000').send({ capacity: 2 }).expect(404);
      const lot = await newLot();
      await api(driver, 'patch', `/lots/${lot.id}`).send({ capacity: 2 }).expect(403);
      await api(admin, 'delete', `/lots/${lot.id}`).expect(204);
      expect((await api(admin, 'patch', `/lots/${lot.id}`).send({ capacity: 2 }).expect(409)).body.code).toBe('LOT_ARCHIVED');
    });
  });

  describe('DELETE /lots/{id}', () => {
    it('refuses while a spot is occupied or a reservation has not ended (409 LOT_IN_USE), then archives', async () => {
      const lot = await newLot();
      const parked = await insertBooking(lot.id, { spot: 1, status: 'active', startAt: at(-30) });
      const upcoming = await insertBooking(lot.id, { spot: 2, status: 'reserved', startAt: at(60), endAt: at(120) });
      // A reservation whose window is over (not yet expired by the job) does not hold the lot.
      await insertBooking(lot.id, { spot: 3, status: 'reserved', startAt: at(-120), endAt: at(-60) });

      expect((await api(admin, 'delete', `/lots/${lot.id}`).expect(409)).body.code).toBe('LOT_IN_USE');
      await db.query(`UPDATE bookings SET status = 'completed', released_at = $2, cost_cents = 300 WHERE id = $1`, [parked, at(0)]);
      expect((await api(admin, 'delete', `/lots/${lot.id}`).expect(409)).body.code).toBe('LOT_IN_USE');
      await db.query(`UPDATE bookings SET status = 'cancelled', cost_cents = 0 WHERE id = $1`, [upcoming]);

      await api(admin, 'delete', `/lots/${lot.id}`).expect(204);
      await api(admin, 'delete', `/lots/${lot.id}`).expect(204);
      expect(await getLot(lot.id)).toMatchObject({ archived: true });
    });

    it('answers 404 for an unknown lot and 403 for a driver', async () => {
      await api(admin, 'delete', '/lots/00000000-0000-4000-8000-000000000000').expect(404);
      const lot = await newLot();
      await api(driver, 'delete', `/lots/${lot.id}`).expect(403);
    });
  });

  describe('POST /lots/{id}/restore', () => {
    /** As the admin unless told otherwise; `null` sends no token. */
    const restore = (id: string, who: SignedIn | null = admin) => api(who ?? undefined, 'post', `/lots/${id}/restore`);
    const driverList = async (name: string) => (await api(driver, 'get', `/lots?search=${encodeURIComponent(name)}`).expect(200)).body.items as LotBody[];

    it('lists the lot for drivers again and lets them book it, though their list was cached while it was archived', async () => {
      const lot = await newLot({ capacity: 2 });
      await api(admin, 'delete', `/lots/${lot.id}`).expect(204);
      // Read while archived, so these answers are cached.
      expect(await driverList(lot.name)).toEqual([]);
      await api(driver, 'get', `/lots/${lot.id}`).expect(404);

      const restored = (await restore(lot.id).expect(200)).body;
      expect(restored).toMatchObject({ id: lot.id, name: lot.name, archived: false, archivedAt: null, capacity: 2, available: 2 });

      expect(await driverList(lot.name)).toEqual([expect.objectContaining({ id: lot.id, archived: false })]);
      expect(await getLot(lot.id, driver)).toMatchObject({ archived: false, available: 2 });
      await api(driver, 'post', '/bookings').send({ lotId: lot.id, vehicleNumber: 'RESTORE1' }).expect(201);
      expect(await getLot(lot.id, driver)).toMatchObject({ occupied: 1, available: 1 });
    });

    it('answers a lot that is not archived as it is (200), and changes nothing', async () => {
      const lot = await newLot();
      const again = (await restore(lot.id).expect(200)).body;
      expect(again).toMatchObject({ id: lot.id, archived: false, archivedAt: null });
      expect(again).toEqual(await getLot(lot.id));
    });

    it('refuses while a live lot has the name in any case (409 LOT_NAME_TAKEN), and restores once that lot is gone', async () => {
      const lot = await newLot();
      await api(admin, 'delete', `/lots/${lot.id}`).expect(204);
      const namesake = await newLot({ name: lot.name.toUpperCase() });

      const refused = (await restore(lot.id).expect(409)).body;
      expect(refused).toEqual({ statusCode: 409, code: 'LOT_NAME_TAKEN', message: expect.stringContaining('rename it') });
      expect(await getLot(lot.id)).toMatchObject({ archived: true });

      await api(admin, 'delete', `/lots/${namesake.id}`).expect(204);
      await restore(lot.id).expect(200);
      expect(await getLot(lot.id)).toMatchObject({ archived: false });
    });

    it('answers 404 for an unknown lot, 400 for a malformed id, 401 without a token and 403 for a driver', async () => {
      expect((await restore('00000000-0000-4000-8000-000000000000').expect(404)).body.code).toBe('NOT_FOUND');
      expect((await restore('not-a-uuid').expect(400)).body.code).toBe('VALIDATION_FAILED');
      const lot = await newLot();
      await api(admin, 'delete', `/lots/${lot.id}`).expect(204);
      expect((await restore(lot.id, null).expect(401)).body.code).toBe('UNAUTHORIZED');
      expect((await restore(lot.id, driver).expect(403)).body.code).toBe('FORBIDDEN');
      expect(await getLot(lot.id)).toMatchObject({ archived: true });
    });
  });

  describe('GET /lots/{id}/spots', () => {
    it('shows drivers each spot’s status only, and admins who holds it, since when and the cost so far', async () => {
      const lot = await newLot({ capacity: 5 });
      const parked = await insertBooking(lot.id, { spot: 1, status: 'active', startAt: at(-30), rate: 600 });
      const checkedIn = await insertBooking(lot.id, { spot: 2, status: 'active', startAt: at(-20), endAt: at(40), checkedInAt: at(-25), rate: 600 });
      const waiting = await insertBooking(lot.id, { spot: 3, status: 'reserved', startAt: at(-10), endAt: at(50) });
      await api(admin, 'patch', `/lots/${lot.id}/spots/${(await spotIds(lot.id))[4]}`).send({ outOfService: true }).expect(200);

      const forDriver = await api(driver, 'get', `/lots/${lot.id}/spots`).expect(200);
      expect(forDriver.body).toMatchObject({ total: 5, page: 1, pageSize: 100 });
      expect(forDriver.body.items.map((s: { number: number; status: string; outOfService: boolean }) => [s.number, s.status, s.outOfService])).toEqual([
        [1, 'occupied', false],
        [2, 'occupied', false],
        [3, 'reserved', false],
        [4, 'outOfService', true],
        [5, 'available', false],
      ]);
      expect(JSON.stringify(forDriver.body)).not.toMatch(/current|username|vehicleNumber/);

      const items = (await api(admin, 'get', `/lots/${lot.id}/spots`).expect(200)).body.items;
      const holder = {
        userId: driver.user.id,
        username: driver.user.username,
        vehicleNumber: expect.stringMatching(/^T[0-9A-F]{8}$/),
        overstay: false,
        overstayMinutes: 0,
        mustLeaveBy: null,
      };
      expect(items[0].current).toEqual({ ...holder, bookingId: parked, type: 'instant', since: at(-30).toISOString(), endAt: null, costCents: 300 });
      // A checked-in reservation is charged its whole window; it is parked since check-in.
      expect(items[1].current).toEqual({ ...holder, bookingId: checkedIn, type: 'reserved', since: at(-25).toISOString(), endAt: at(40).toISOString(), costCents: 600 });
      expect(items[2].current).toEqual({ ...holder, bookingId: waiting, type: 'reserved', since: at(-10).toISOString(), endAt: at(50).toISOString(), costCents: 0 });
      expect(items[3].current).toBeUndefined();
    });

    it('filters by status and paginates', async () => {
      const lot = await newLot({ capacity: 5 });
      await insertBooking(lot.id, { spot: 2, status: 'active', startAt: at(-5) });
      const occupied = await api(admin, 'get', `/lots/${lot.id}/spots?status=occupied`).expect(200);
      expect(occupied.body).toMatchObject({ total: 1, items: [{ number: 2, status: 'occupied' }] });
      const page = await api(driver, 'get', `/lots/${lot.id}/spots?status=available&page=2&pageSize=2`).expect(200);
      expect(page.body).toMatchObject({ total: 4, page: 2, pageSize: 2 });
      expect(page.body.items.map((s: { number: number }) => s.number)).toEqual([4, 5]);
      expect((await api(driver, 'get', `/lots/${lot.id}/spots?status=broken`).expect(400)).body.code).toBe('VALIDATION_FAILED');
    });

    it('answers 404 for an unknown lot, and for drivers on an archived one', async () => {
      await api(driver, 'get', '/lots/00000000-0000-4000-8000-000000000000/spots').expect(404);
      const lot = await newLot();
      await api(admin, 'delete', `/lots/${lot.id}`).expect(204);
      await api(driver, 'get', `/lots/${lot.id}/spots`).expect(404);
      await api(admin, 'get', `/lots/${lot.id}/spots`).expect(200);
    });
  });

  describe('PATCH /lots/{id}/spots/{spotId}', () => {
    it('takes a spot out of service and back; it then counts as out of service and is not available', async () => {
      const lot = await newLot({ capacity: 2 });
      const spot = (await spotIds(lot.id))[2];
      const response = await api(admin, 'patch', `/lots/${lot.id}/spots/${spot}`).send({ outOfService: true }).expect(200);
      expect(response.body).toEqual({
        id: spot,
        number: 2,
        status: 'outOfService',
        outOfService: true,
        overstay: false,
        hasActiveOrUpcomingBooking: false,
        nextReservationAt: null,
      });
      expect(await getLot(lot.id, driver)).toMatchObject({ outOfService: 1, available: 1 });
      const window = `startAt=${encodeURIComponent(at(60).toISOString())}&endAt=${encodeURIComponent(at(120).toISOString())}`;
      expect((await api(driver, 'get', `/lots/${lot.id}/availability?${window}`).expect(200)).body.available).toBe(1);

      await api(admin, 'patch', `/lots/${lot.id}/spots/${spot}`).send({ outOfService: false }).expect(200);
      expect(await getLot(lot.id, driver)).toMatchObject({ outOfService: 0, available: 2 });
      expect((await api(driver, 'get', `/lots/${lot.id}/availability?${window}`).expect(200)).body.available).toBe(2);
    });

    it('refuses while the spot has an active or upcoming booking (409 SPOT_IN_USE)', async () => {
      const lot = await newLot();
      const spots = await spotIds(lot.id);
      await insertBooking(lot.id, { spot: 1, status: 'active', startAt: at(-5) });
      await insertBooking(lot.id, { spot: 2, status: 'reserved', startAt: at(3 * 24 * 60), endAt: at(3 * 24 * 60 + 60) });
      for (const spot of [spots[1], spots[2]]) {
        expect((await api(admin, 'patch', `/lots/${lot.id}/spots/${spot}`).send({ outOfService: true }).expect(409)).body.code).toBe('SPOT_IN_USE');
      }
      await api(admin, 'patch', `/lots/${lot.id}/spots/${spots[3]}`).send({ outOfService: true }).expect(200);
    });

    it('flags for admins the spots a booking keeps in use, exactly those PATCH refuses with 409 SPOT_IN_USE (R-SPOT-2)', async () => {
      const lot = await newLot({ capacity: 7 });
      const spots = await spotIds(lot.id);
      const inThreeDays = at(3 * 24 * 60);
      await insertBooking(lot.id, { spot: 1, status: 'active', startAt: at(-30) });
      await insertBooking(lot.id, { spot: 2, status: 'reserved', startAt: at(-10), endAt: at(50) });
      await insertBooking(lot.id, { spot: 3, status: 'reserved', startAt: inThreeDays, endAt: at(3 * 24 * 60 + 60) });
      // A checked-in reservation past its window: the car overstays.
      await insertBooking(lot.id, { spot: 4, status: 'active', startAt: at(-120), endAt: at(-60), checkedInAt: at(-120) });
      // A window that is over without a check-in (the expiry job has not run yet), a finished stay, a cancelled reservation.
      await insertBooking(lot.id, { spot: 5, status: 'reserved', startAt: at(-120), endAt: at(-60) });
      await insertBooking(lot.id, { spot: 6, status: 'completed', startAt: at(-90), releasedAt: at(-80) });
      await insertBooking(lot.id, { spot: 6, status: 'cancelled', startAt: at(60), endAt: at(120) });

      type Flagged = { number: number; status: string; hasActiveOrUpcomingBooking: boolean; nextReservationAt: string | null };
      const items = (await api(admin, 'get', `/lots/${lot.id}/spots`).expect(200)).body.items as Flagged[];
      expect(items.map((spot) => [spot.number, spot.status, spot.hasActiveOrUpcomingBooking, spot.nextReservationAt])).toEqual([
        [1, 'occupied', true, null],
        [2, 'reserved', true, at(-10).toISOString()],
        [3, 'available', true, inThreeDays.toISOString()],
        [4, 'occupied', true, null],
        [5, 'available', false, null],
        [6, 'available', false, null],
        [7, 'available', false, null],
      ]);
      // Drivers see neither fact.
      expect(JSON.stringify((await api(driver, 'get', `/lots/${lot.id}/spots`).expect(200)).body)).not.toMatch(/hasActiveOrUpcomingBooking|nextReservationAt/);

      // PATCH refuses exactly the flagged spots, and takes the others out of service.
      for (const spot of items) {
        const response = await api(admin, 'patch', `/lots/${lot.id}/spots/${spots[spot.number]}`).send({ outOfService: true });
        expect([spot.number, response.status, response.body.code]).toEqual(
          spot.hasActiveOrUpcomingBooking ? [spot.number, 409, 'SPOT_IN_USE'] : [spot.number, 200, undefined],
        );
      }
      const after = (await api(admin, 'get', `/lots/${lot.id}/spots`).expect(200)).body.items as (Flagged & { outOfService: boolean })[];
      expect(after.filter((spot) => spot.outOfService).map((spot) => spot.number)).toEqual([5, 6, 7]);
    });

    it('answers 404 for a spot of another lot or unknown, 400 for bad input, 403 for drivers, 409 on an archived lot', async () => {
      const [lot, other] = [await newLot(), await newLot()];
      const spot = (await spotIds(lot.id))[1];
      const foreign = (await spotIds(other.id))[1];
      await api(admin, 'patch', `/lots/${lot.id}/spots/${foreign}`).send({ outOfService: true }).expect(404);
      await api(admin, 'patch', `/lots/${lot.id}/spots/00000000-0000-4000-8000-000000000000`).send({ outOfService: true }).expect(404);
      await api(admin, 'patch', `/lots/${lot.id}/spots/nope`).send({ outOfService: true }).expect(400);
      await api(admin, 'patch', `/lots/${lot.id}/spots/${spot}`).send({ outOfService: 'yes' }).expect(400);
      await api(admin, 'patch', `/lots/${lot.id}/spots/${spot}`).send({}).expect(400);
      await api(driver, 'patch', `/lots/${lot.id}/spots/${spot}`).send({ outOfService: true }).expect(403);
      await api(admin, 'delete', `/lots/${lot.id}`).expect(204);
      expect((await api(admin, 'patch', `/lots/${lot.id}/spots/${spot}`).send({ outOfService: true }).expect(409)).body.code).toBe('LOT_ARCHIVED');
    });
  });

  describe('GET /lots/{id}/availability', () => {
    const windowQuery = (startAt: Date | string, endAt: Date | string) =>
      `startAt=${encodeURIComponent(typeof startAt === 'string' ? startAt : startAt.toISOString())}&endAt=${encodeURIComponent(typeof endAt === 'string' ? endAt : endAt.toISOString())}`;

    it('counts the spots free over the whole window and estimates the cost', async () => {
      const lot = await newLot({ capacity: 6, pricePerHourCents: 450 });
      const [start, end] = [at(24 * 60), at(26 * 60)];
      await insertBooking(lot.id, { spot: 1, status: 'reserved', startAt: at(25 * 60), endAt: at(27 * 60) }); // overlaps the end
      await insertBooking(lot.id, { spot: 2, status: 'reserved', startAt: at(26 * 60), endAt: at(28 * 60) }); // starts as it ends
      await insertBooking(lot.id, { spot: 3, status: 'cancelled', startAt: start, endAt: end });
      await insertBooking(lot.id, { spot: 4, status: 'active', startAt: at(-10) }); // parked, open-ended
      await insertBooking(lot.id, { spot: 5, status: 'active', startAt: at(-120), endAt: at(-60), checkedInAt: at(-120) }); // overstaying

      const response = await api(driver, 'get', `/lots/${lot.id}/availability?${windowQuery(start, end)}`).expect(200);
      expect(response.body).toEqual({
        lotId: lot.id,
        startAt: start.toISOString(),
        endAt: end.toISOString(),
        available: 3,
        capacity: 6,
        estimatedCostCents: 900,
        currency: 'USD',
      });
    });

    it('counts a booking that ended inside a window starting in the allowed minute of skew', async () => {
      const lot = await newLot({ capacity: 2 });
      await insertBooking(lot.id, { spot: 1, status: 'completed', startAt: at(-60), releasedAt: at(-0.25) });
      const response = await api(driver, 'get', `/lots/${lot.id}/availability?${windowQuery(at(-0.5), at(60))}`).expect(200);
      expect(response.body.available).toBe(1);
      expect((await api(driver, 'get', `/lots/${lot.id}/availability?${windowQuery(at(0), at(60))}`).expect(200)).body.available).toBe(2);
    });

    it('validates the window (400): offset required, not in the past, 15 minutes to 7 days', async () => {
      const lot = await newLot();
      const cases: [string | Date, string | Date][] = [
        ['2030-01-01T10:00:00', '2030-01-01T12:00:00+00:00'],
        ['2030-02-30T10:00:00Z', '2030-03-01T12:00:00Z'],
        [at(-60), at(60)],
        [at(60), at(70)],
        [at(60), at(30)],
        [at(60), at(8 * 24 * 60)],
      ];
      for (const [startAt, endAt] of cases) {
        expect((await api(driver, 'get', `/lots/${lot.id}/availability?${windowQuery(startAt, endAt)}`).expect(400)).body.code).toBe('VALIDATION_FAILED');
      }
      const missing = await api(driver, 'get', `/lots/${lot.id}/availability?startAt=${encodeURIComponent(at(60).toISOString())}`).expect(400);
      expect(missing.body.details.map((d: { field: string }) => d.field)).toEqual(['endAt']);
    });

    it('answers 404 for an unknown lot and 409 LOT_ARCHIVED for an archived one', async () => {
      const window = windowQuery(at(60), at(120));
      await api(driver, 'get', `/lots/00000000-0000-4000-8000-000000000000/availability?${window}`).expect(404);
      const lot = await newLot();
      await api(admin, 'delete', `/lots/${lot.id}`).expect(204);
      expect((await api(driver, 'get', `/lots/${lot.id}/availability?${window}`).expect(409)).body.code).toBe('LOT_ARCHIVED');
    });
  });

  describe('LotsService.requireBookableLot (spot changes)', () => {
    it('returns a live lot, and refuses unknown (404) and archived (409 LOT_ARCHIVED) ones', async () => {
      const lots = t.app.get(LotsService);
      const lot = await newLot();
      await expect(db.transaction((manager) => lots.requireBookableLot(lot.id, manager))).resolves.toMatchObject({ id: lot.id, capacity: 3 });
      await expect(db.transaction((manager) => lots.requireBookableLot('00000000-0000-4000-8000-000000000000', manager))).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await api(admin, 'delete', `/lots/${lot.id}`).expect(204);
      const archived = db.transaction((manager) => lots.requireBookableLot(lot.id, manager));
      await expect(archived).rejects.toBeInstanceOf(DomainError);
      await expect(archived).rejects.toMatchObject({ code: 'LOT_ARCHIVED' });
    });
  });
});
