import request from 'supertest';
import { DataSource } from 'typeorm';
import { bearer, createLot, createTestApp, loginAdmin, registerVerified, SignedIn, TestApp } from './support/test-app';

/**
 * R-CACHE-1 per lot: a write in lot A drops lot A's cached answers and the lot lists, and leaves lot B's.
 * To tell a cached answer from a fresh one, the test renames both lots in the database behind the app's
 * back: a fresh answer shows the new name, a cached one the name it was cached with.
 */
describe('cached lot answers, per lot (API, R-CACHE-1)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: SignedIn;
  let driver: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    admin = await loginAdmin(t);
    driver = await registerVerified(t, 'percache');
  });

  afterAll(async () => {
    await t.close();
  });

  const getLot = async (id: string) => (await request(t.http).get(`/api/lots/${id}`).set(bearer(driver.accessToken)).expect(200)).body;

  /** Lots A and B, read once so that both answers are cached, then renamed in the database only. */
  async function twoCachedLots() {
    const [a, b] = [await createLot(t, admin.accessToken, { capacity: 3 }), await createLot(t, admin.accessToken, { capacity: 3 })];
    const start = await Promise.all([getLot(a.id), getLot(b.id)]);
    expect(start.map((lot) => lot.available)).toEqual([3, 3]);
    for (const lot of [a, b]) await db.query('UPDATE lots SET name = $1 WHERE id = $2', [`${lot.name} renamed`, lot.id]);
    // Still served from the cache.
    expect((await getLot(a.id)).name).toBe(a.name);
    expect((await getLot(b.id)).name).toBe(b.name);
    return { a, b };
  }

  it("a booking in lot A refreshes lot A and the lot lists, and lot B's answer stays served from the cache", async () => {
    const { a, b } = await twoCachedLots();
    await request(t.http).post('/api/bookings').set(bearer(driver.accessToken)).send({ lotId: a.id, vehicleNumber: 'CACHE1A' }).expect(201);

    expect(await getLot(a.id)).toMatchObject({ name: `${a.name} renamed`, occupied: 1, available: 2 });
    expect(await getLot(b.id)).toMatchObject({ name: b.name, occupied: 0, available: 3 });
    const list = await request(t.http).get('/api/lots').query({ search: b.name }).set(bearer(driver.accessToken)).expect(200);
    expect(list.body.items).toEqual([expect.objectContaining({ id: b.id, name: `${b.name} renamed` })]);
  });

  it("an admin's change of lot A refreshes lot A and leaves lot B's answer cached", async () => {
    const { a, b } = await twoCachedLots();
    await request(t.http).patch(`/api/lots/${a.id}`).set(bearer(admin.accessToken)).send({ pricePerHourCents: 700 }).expect(200);

    expect(await getLot(a.id)).toMatchObject({ name: `${a.name} renamed`, pricePerHourCents: 700 });
    expect((await getLot(b.id)).name).toBe(b.name);
  });
});
