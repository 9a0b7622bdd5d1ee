import request from 'supertest';
import { BookingsService } from '../src/bookings/bookings.service';
import { FakeClock } from './support/fake-clock';
import { waitForMails } from './support/outbox';
import { bearer, createLot, createTestApp, loginAdmin, registerVerified, SignedIn, TestApp } from './support/test-app';

const MINUTE = 60_000;

describe('bookings (API)', () => {
  const clock = new FakeClock();
  let t: TestApp;
  let admin: SignedIn;
  let driver: SignedIn;
  let vehicleSeq = 0;

  /** A fresh, valid vehicle number per call, so tests never collide on VEHICLE_BUSY by accident. */
  const vehicle = () => `TST${String(++vehicleSeq).padStart(4, '0')}${Math.floor(Math.random() * 90 + 10)}`;
  const inMinutes = (minutes: number) => new Date(clock.now().getTime() + minutes * MINUTE).toISOString();

  beforeAll(async () => {
    t = await createTestApp({}, clock);
    admin = await loginAdmin(t);
    driver = await registerVerified(t);
  });

  afterAll(async () => {
    await t.close();
  });

  beforeEach(() => clock.set(new Date()));

  const book = (who: SignedIn, body: object) => request(t.http).post('/api/bookings').set(bearer(who.accessToken)).send(body);
  const act = (who: SignedIn, id: string, action: string, body: object = {}) =>
    request(t.http).post(`/api/bookings/${id}/${action}`).set(bearer(who.accessToken)).send(body);
  const getLot = async (id: string) => (await request(t.http).get(`/api/lots/${id}`).set(bearer(driver.accessToken)).expect(200)).body;
  /** A booking's `reviewed` flag as the driver's booking, the driver's list and the admins' list show it. */
  const reviewedFlags = async (id: string, lotId: string) => {
    const one = await request(t.http).get(`/api/bookings/${id}`).set(bearer(driver.accessToken)).expect(200);
    const listed = await request(t.http).get('/api/bookings').query({ lotId, status: 'completed' }).set(bearer(driver.accessToken)).expect(200);
    const adminListed = await request(t.http).get('/api/admin/bookings').query({ userId: driver.user.id, lotId, status: 'completed' }).set(bearer(admin.accessToken)).expect(200);
    const inList = (page: { items: { id: string; reviewed: boolean }[] }) => page.items.find((b) => b.id === id)?.reviewed;
    return { one: one.body.reviewed, listed: inList(listed.body), admin: inList(adminListed.body) };
  };

  describe('park now (R-BOOK-1)', () => {
    it('allocates the lowest free spot, normalises the vehicle and stores the rate', async () => {
      const lot = await createLot(t, admin.accessToken, { capacity: 3, pricePerHourCents: 450 });
      const first = await book(driver, { lotId: lot.id, vehicleNumber: 'ka-01 ab-1234' }).expect(201);
      expect(first.body).toMatchObject({
        lotId: lot.id,
        lotName: lot.name,
        spotNumber: 1,
        vehicleNumber: 'KA01AB1234',
        type: 'instant',
        status: 'active',
        endAt: null,
        ratePerHourCents: 450,
        paid: false,
        currency: 'USD',
      });
      const second = await book(driver, { lotId: lot.id, vehicleNumber: vehicle() }).expect(201);
      expect(second.body.spotNumber).toBe(2);
      await act(driver, first.body.id, 'release').expect(200);
      // R-JOB-1: one confirmation per booking, through the queue.
      const mails = await waitForMails(t.config.mail.outboxDir, driver.user.email, 2, 10_000, (mail) => mail.subject.includes(lot.name));
      expect(mails.map((mail) => mail.subject).sort()).toEqual([`Parked at ${lot.name}, spot 1`, `Parked at ${lot.name}, spot 2`]);
      const firstMail = mails.find((mail) => mail.subject.endsWith('spot 1'))!;
      expect(firstMail.text).toMatch(/Vehicle: KA01AB1234/);
      expect(firstMail.text).toContain('$4.50 per hour');
      expect(firstMail.html).toContain(lot.name);
    });

    it('refuses a vehicle that is already parked, in any lot (409 VEHICLE_BUSY)', async () => {
      const [lotA, lotB] = [await createLot(t, admin.accessToken), await createLot(t, admin.accessToken)];
      const plate = vehicle();
      await book(driver, { lotId: lotA.id, vehicleNumber: plate }).expect(201);
      const busy = await book(driver, { lotId: lotB.id, vehicleNumber: plate.toLowerCase() }).expect(409);
      expect(busy.body.code).toBe('VEHICLE_BUSY');
    });

    it('takes a spot reserved later with its mustLeaveBy, skips out-of-service spots, then answers LOT_FULL with when a spot frees', async () => {
      const lot = await createLot(t, admin.accessToken, { capacity: 3 });
      const spots = (await request(t.http).get(`/api/lots/${lot.id}/spots`).set(bearer(admin.accessToken)).expect(200)).body.items;
      await request(t.http).patch(`/api/lots/${lot.id}/spots/${spots[0].id}`).set(bearer(admin.accessToken)).send({ outOfService: true }).expect(200);
      const reservation = await book(driver, { lotId: lot.id, vehicleNumber: vehicle(), type: 'reserved', startAt: inMinutes(24 * 60), endAt: inMinutes(25 * 60) }).expect(201);
      expect(reservation.body.spotNumber).toBe(3);
      const parked = await book(driver, { lotId: lot.id, vehicleNumber: vehicle() }).expect(201);
      expect(parked.body).toMatchObject({ spotNumber: 2, mustLeaveBy: null });
      // The last free spot has a reservation tomorrow: park now takes it until then (R-BOOK-1).
      const beforeReservation = await book(driver, { lotId: lot.id, vehicleNumber: vehicle() }).expect(201);
      expect(beforeReservation.body).toMatchObject({ spotNumber: 3, mustLeaveBy: reservation.body.startAt, overstayMinutes: 0 });
      const full = await book(driver, { lotId: lot.id, vehicleNumber: vehicle() }).expect(409);
      expect(full.body).toEqual({ statusCode: 409, code: 'LOT_FULL', message: expect.any(String) });
    });

    it('validates input: unknown lot 404, malformed ids and vehicle numbers 400, unknown fields 400', async () => {
      expect((await book(driver, { lotId: '7f1f2b8e-1c1d-4e5f-9a0b-1c2d3e4f5a6b', vehicleNumber: vehicle() }).expect(404)).body.code).toBe('NOT_FOUND');
      const bad = await book(driver, { lotId: 'nope', vehicleNumber: 'A-1', colour: 'red' }).expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['colour', 'lotId', 'vehicleNumber']);
      const lot = await createLot(t, admin.accessToken);
      const window = await book(driver, { lotId: lot.id, vehicleNumber: vehicle(), startAt: inMinutes(60) }).expect(400);
      expect(window.body.code).toBe('VALIDATION_FAILED');
      await request(t.http).post('/api/bookings').send({ lotId: lot.id, vehicleNumber: vehicle() }).expect(401);
    });

    it('refuses archived lots (409 LOT_ARCHIVED) and deactivated drivers (403 ACCOUNT_DISABLED)', async () => {
      const lot = await createLot(t, admin.accessToken);
      await request(t.http).delete(`/api/lots/${lot.id}`).set(bearer(admin.accessToken)).expect(204);
      expect((await book(driver, { lotId: lot.id, vehicleNumber: vehicle() }).expect(409)).body.code).toBe('LOT_ARCHIVED');

      const open = await createLot(t, admin.accessToken);
      const leaving = await registerVerified(t, 'leaving');
      await request(t.http).patch(`/api/admin/users/${leaving.user.id}`).set(bearer(admin.accessToken)).send({ isActive: false }).expect(200);
      expect((await book(leaving, { lotId: open.id, vehicleNumber: vehicle() }).expect(403)).body.code).toBe('ACCOUNT_DISABLED');
    });
  });

  describe('reservations (R-BOOK-2, 3, 5, 6)', () => {
    it('allocates the highest spot free over the window and reports availability', async () => {
      const lot = await createLot(t, admin.accessToken, { capacity: 2, pricePerHourCents: 300 });
      const window = { startAt: inMinutes(120), endAt: inMinutes(240) };
      const availability = () =>
        request(t.http).get(`/api/lots/${lot.id}/availability`).query(window).set(bearer(driver.accessToken)).expect(200);
      expect((await availability()).body).toMatchObject({ available: 2, capacity: 2, estimatedCostCents: 600 });
      const first = await book(driver, { lotId: lot.id, vehicleNumber: vehicle(), type: 'reserved', ...window }).expect(201);
      expect(first.body).toMatchObject({ spotNumber: 2, status: 'reserved', costCents: 0, estimatedCostCents: 600, ratePerHourCents: 300 });
      expect((await availability()).body.available).toBe(1);
      const second = await book(driver, { lotId: lot.id, vehicleNumber: vehicle(), type: 'reserved', ...window }).expect(201);
      expect(second.body.spotNumber).toBe(1);
      const none = await book(driver, { lotId: lot.id, vehicleNumber: vehicle(), type: 'reserved', startAt: inMinutes(180), endAt: inMinutes(300) }).expect(409);
      expect(none.body.code).toBe('NO_SPOT_AVAILABLE');
      await book(driver, { lotId: lot.id, vehicleNumber: vehicle(), type: 'reserved', startAt: inMinutes(240), endAt: inMinutes(300) }).expect(201);
    });

    it.each([
      ['a whole number of hours', 333, 60, 180],
      ['rounding half up', 250, 7, 30],
      ['a started minute', 999, 15, 46.5],
    ])('confirms a reservation by mail with the same window price as the API (%s)', async (_label, rate, from, to) => {
      // The mail is composed by the booking's own SQL statement; its price must equal pricing.ts's.
      const lot = await createLot(t, admin.accessToken, { pricePerHourCents: rate });
      const window = { startAt: inMinutes(from), endAt: inMinutes(to) };
      const booked = await book(driver, { lotId: lot.id, vehicleNumber: vehicle(), type: 'reserved', ...window }).expect(201);
      const [mail] = await waitForMails(t.config.mail.outboxDir, driver.user.email, 1, 10_000, (m) => m.subject === `Reservation confirmed: ${lot.name}, spot ${booked.body.spotNumber}`);
      const price = (booked.body.estimatedCostCents / 100).toLocaleString('en-US', { style: 'currency', currency: 'USD' });
      expect(mail.text).toContain(`Window price: ${price}`);
    });

    it.each([
      ['in the past', -10, 60],
      ['too short', 10, 20],
      ['too long', 10, 10 + 7 * 24 * 60 + 1],
      ['too far ahead', 91 * 24 * 60, 91 * 24 * 60 + 60],
    ])('refuses a window %s (400)', async (_label, from, to) => {
      const lot = await createLot(t, admin.accessToken);
      const response = await book(driver, { lotId: lot.id, vehicleNumber: vehicle(), type: 'reserved', startAt: inMinutes(from), endAt: inMinutes(to) }).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    });

    it('refuses a timestamp without a time zone (400)', async () => {
      const lot = await createLot(t, admin.accessToken);
      const response = await book(driver, { lotId: lot.id, vehicleNumber: vehicle(), type: 'reserved', startAt: '2030-01-01T10:00:00', endAt: '2030-01-01T12:00:00Z' }).expect(400);
      expect(response.body.details[0].field).toBe('startAt');
    });

    it('checks in from 15 minutes before the start until the end, then bills window plus overstay', async () => {
      const lot = await createLot(t, admin.accessToken, { pricePerHourCents: 600 });
      const start = clock.now().getTime() + 60 * MINUTE;
      const reservation = await book(driver, {
        lotId: lot.id,
        vehicleNumber: vehicle(),
        type: 'reserved',
        startAt: new Date(start).toISOString(),
        endAt: new Date(start + 60 * MINUTE).toISOString(),
      }).expect(201);
      const id = reservation.body.id;
      clock.set(new Date(start - 16 * MINUTE));
      expect((await act(driver, id, 'check-in').expect(409)).body.code).toBe('TOO_EARLY');
      clock.set(new Date(start - 15 * MINUTE));
      const checkedIn = await act(driver, id, 'check-in').expect(200);
      expect(checkedIn.body).toMatchObject({ status: 'active', costCents: 600 });
      expect((await act(driver, id, 'check-in').expect(409)).body.code).toBe('BOOKING_NOT_RESERVED');
      expect((await act(driver, id, 'cancel').expect(409)).body.code).toBe('BOOKING_NOT_RESERVED');
      clock.set(new Date(start + 90 * MINUTE + 1));
      const released = await act(driver, id, 'release').expect(200);
      expect(released.body).toMatchObject({ status: 'completed', costCents: 600 + 310 }); // 60 min window + 31 started minutes
      const again = await act(driver, id, 'release').expect(409);
      expect(again.body.code).toBe('BOOKING_NOT_ACTIVE');
      expect((await request(t.http).get(`/api/bookings/${id}`).set(bearer(driver.accessToken)).expect(200)).body.costCents).toBe(910);
    });

    it('refuses a check-in after the window (409 RESERVATION_EXPIRED) and expires no-shows with the window cost', async () => {
      const lot = await createLot(t, admin.accessToken, { pricePerHourCents: 200 });
      const reservation = await book(driver, { lotId: lot.id, vehicleNumber: vehicle(), type: 'reserved', startAt: inMinutes(30), endAt: inMinutes(120) }).expect(201);
      clock.advanceMinutes(121);
      expect((await act(driver, reservation.body.id, 'check-in').expect(409)).body.code).toBe('RESERVATION_EXPIRED');
      expect(await t.app.get(BookingsService).expireNoShows()).toBeGreaterThanOrEqual(1);
      const expired = await request(t.http).get(`/api/bookings/${reservation.body.id}`).set(bearer(driver.accessToken)).expect(200);
      expect(expired.body).toMatchObject({ status: 'expired', costCents: 300 });
      expect(await t.app.get(BookingsService).expireNoShows()).toBe(0);
    });

    it('refuses to check in a vehicle still parked elsewhere past its window (409 VEHICLE_BUSY), then allows it once released', async () => {
      const [first, second] = [await createLot(t, admin.accessToken), await createLot(t, admin.accessToken)];
      const plate = vehicle();
      const start = clock.now().getTime() + 60 * MINUTE;
      const at = (minutes: number) => new Date(start + minutes * MINUTE).toISOString();
      // Windows that do not overlap: the database takes both.
      const early = await book(driver, { lotId: first.id, vehicleNumber: plate, type: 'reserved', startAt: at(0), endAt: at(60) }).expect(201);
      const late = await book(driver, { lotId: second.id, vehicleNumber: plate, type: 'reserved', startAt: at(90), endAt: at(150) }).expect(201);
      clock.set(new Date(start));
      await act(driver, early.body.id, 'check-in').expect(200);

      clock.set(new Date(start + 80 * MINUTE)); // the first is 20 minutes over its window, the car still in it
      expect((await act(driver, late.body.id, 'check-in').expect(409)).body.code).toBe('VEHICLE_BUSY');
      expect((await book(driver, { lotId: second.id, vehicleNumber: plate }).expect(409)).body.code).toBe('VEHICLE_BUSY');
      expect((await request(t.http).get(`/api/bookings/${late.body.id}`).set(bearer(driver.accessToken)).expect(200)).body.status).toBe('reserved');

      await act(driver, early.body.id, 'release').expect(200);
      expect((await act(driver, late.body.id, 'check-in').expect(200)).body.status).toBe('active');
    });

    it('cancels before the start at no cost, not after (409 TOO_LATE_TO_CANCEL)', async () => {
      const lot = await createLot(t, admin.accessToken);
      const early = await book(driver, { lotId: lot.id, vehicleNumber: vehicle(), type: 'reserved', startAt: inMinutes(30), endAt: inMinutes(90) }).expect(201);
      expect((await act(driver, early.body.id, 'cancel').expect(200)).body).toMatchObject({ status: 'cancelled', costCents: 0 });
      const late = await book(driver, { lotId: lot.id, vehicleNumber: vehicle(), type: 'reserved', startAt: inMinutes(30), endAt: inMinutes(90) }).expect(201);
      clock.advanceMinutes(31);
      expect((await act(driver, late.body.id, 'cancel').expect(409)).body.code).toBe('TOO_LATE_TO_CANCEL');
    });
  });

  describe('release, payment and review', () => {
    it('bills park-now per started minute, pays once and counts the balance', async () => {
      const lot = await createLot(t, admin.accessToken, { pricePerHourCents: 100 });
      const parked = await book(driver, { lotId: lot.id, vehicleNumber: vehicle() }).expect(201);
      expect((await act(driver, parked.body.id, 'payment', { method: 'card' }).expect(409)).body.code).toBe('NOTHING_TO_PAY');
      clock.advanceMinutes(45);
      const live = await request(t.http).get(`/api/bookings/${parked.body.id}`).set(bearer(driver.accessToken)).expect(200);
      expect(live.body.costCents).toBe(75);
      clock.advanceMinutes(30);
      const released = await act(driver, parked.body.id, 'release').expect(200);
      expect(released.body).toMatchObject({ status: 'completed', costCents: 125 }); // 75 min at 1.00/h, half up
      const before = (await request(t.http).get('/api/bookings/summary').set(bearer(driver.accessToken)).expect(200)).body;
      expect(before.outstandingCents).toBeGreaterThanOrEqual(125);
      const payment = await act(driver, parked.body.id, 'payment', { method: 'upi' }).expect(201);
      expect(payment.body).toMatchObject({ bookingId: parked.body.id, amountCents: 125, method: 'upi', currency: 'USD' });
      expect((await act(driver, parked.body.id, 'payment', { method: 'cash' }).expect(409)).body.code).toBe('ALREADY_PAID');
      const after = (await request(t.http).get('/api/bookings/summary').set(bearer(driver.accessToken)).expect(200)).body;
      expect(after.outstandingCents).toBe(before.outstandingCents - 125);
      expect((await request(t.http).get(`/api/bookings/${parked.body.id}`).set(bearer(driver.accessToken))).body.paid).toBe(true);
      expect((await act(driver, parked.body.id, 'payment', { method: 'cheque' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    });

    it('reviews a completed booking once and shows the lot average', async () => {
      const lot = await createLot(t, admin.accessToken);
      const parked = await book(driver, { lotId: lot.id, vehicleNumber: vehicle() }).expect(201);
      expect(parked.body.reviewed).toBe(false);
      expect((await act(driver, parked.body.id, 'review', { rating: 5 }).expect(409)).body.code).toBe('BOOKING_NOT_COMPLETED');
      expect((await act(driver, parked.body.id, 'release').expect(200)).body.reviewed).toBe(false);
      expect((await act(driver, parked.body.id, 'review', { rating: 6 }).expect(400)).body.details[0].field).toBe('rating');
      expect(await reviewedFlags(parked.body.id, lot.id)).toEqual({ one: false, listed: false, admin: false });
      const review = await act(driver, parked.body.id, 'review', { rating: 4, comment: 'Easy to find' }).expect(201);
      expect(review.body).toMatchObject({ lotId: lot.id, rating: 4, comment: 'Easy to find', username: driver.user.username });
      expect(await reviewedFlags(parked.body.id, lot.id)).toEqual({ one: true, listed: true, admin: true });
      expect((await act(driver, parked.body.id, 'review', { rating: 1 }).expect(409)).body.code).toBe('ALREADY_REVIEWED');
      expect(await reviewedFlags(parked.body.id, lot.id)).toEqual({ one: true, listed: true, admin: true });
      const other = await book(driver, { lotId: lot.id, vehicleNumber: vehicle() }).expect(201);
      await act(driver, other.body.id, 'release').expect(200);
      await act(driver, other.body.id, 'review', { rating: 1 }).expect(201);
      expect(await getLot(lot.id)).toMatchObject({ averageRating: 2.5, reviewCount: 2 });
      const reviews = await request(t.http).get(`/api/lots/${lot.id}/reviews`).set(bearer(driver.accessToken)).expect(200);
      expect(reviews.body).toMatchObject({ total: 2, items: [{ rating: 1 }, { rating: 4 }] });
    });

    it('keeps the rate a booking was made at when the lot price changes (R-LOT-3)', async () => {
      const lot = await createLot(t, admin.accessToken, { pricePerHourCents: 600 });
      const parked = await book(driver, { lotId: lot.id, vehicleNumber: vehicle() }).expect(201);
      await request(t.http).patch(`/api/lots/${lot.id}`).set(bearer(admin.accessToken)).send({ pricePerHourCents: 1200 }).expect(200);
      clock.advanceMinutes(60);
      expect((await act(driver, parked.body.id, 'release').expect(200)).body).toMatchObject({ ratePerHourCents: 600, costCents: 600 });
      expect((await book(driver, { lotId: lot.id, vehicleNumber: vehicle() }).expect(201)).body.ratePerHourCents).toBe(1200);
    });
  });

  describe('ownership and admin (R-BOOK-9)', () => {
    it('hides another driver’s booking (404) and lets an admin see and force-release it', async () => {
      const lot = await createLot(t, admin.accessToken);
      const parked = await book(driver, { lotId: lot.id, vehicleNumber: vehicle() }).expect(201);
      const stranger = await registerVerified(t, 'stranger');
      await request(t.http).get(`/api/bookings/${parked.body.id}`).set(bearer(stranger.accessToken)).expect(404);
      for (const action of ['release', 'check-in', 'cancel', 'review', 'payment']) {
        const body = action === 'review' ? { rating: 3 } : action === 'payment' ? { method: 'card' } : {};
        expect((await act(stranger, parked.body.id, action, body).expect(404)).body.code).toBe('NOT_FOUND');
      }
      expect((await request(t.http).get('/api/bookings').set(bearer(stranger.accessToken)).expect(200)).body.total).toBe(0);
      await request(t.http).get(`/api/bookings/${parked.body.id}`).set(bearer(admin.accessToken)).expect(200);

      await request(t.http).post(`/api/admin/bookings/${parked.body.id}/release`).set(bearer(driver.accessToken)).send({ reason: 'x' }).expect(403);
      await request(t.http).post(`/api/admin/bookings/${parked.body.id}/release`).set(bearer(admin.accessToken)).send({}).expect(400);
      const forced = await request(t.http)
        .post(`/api/admin/bookings/${parked.body.id}/release`)
        .set(bearer(admin.accessToken))
        .send({ reason: 'Blocking the exit' })
        .expect(200);
      expect(forced.body).toMatchObject({ status: 'completed', releaseReason: 'Blocking the exit' });
      expect((await request(t.http).post(`/api/admin/bookings/${parked.body.id}/release`).set(bearer(admin.accessToken)).send({ reason: 'again' }).expect(409)).body.code).toBe('BOOKING_NOT_ACTIVE');
    });

    it('lists the driver’s own bookings with status filter and pagination', async () => {
      const mine = await registerVerified(t, 'lister');
      const lot = await createLot(t, admin.accessToken);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await book(mine, { lotId: lot.id, vehicleNumber: vehicle() }).expect(201)).body.id);
      await act(mine, ids[0], 'release').expect(200);
      const page = await request(t.http).get('/api/bookings?pageSize=2&page=1').set(bearer(mine.accessToken)).expect(200);
      expect(page.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect(page.body.items).toHaveLength(2);
      const completed = await request(t.http).get('/api/bookings?status=completed').set(bearer(mine.accessToken)).expect(200);
      expect(completed.body.items.map((b: { id: string }) => b.id)).toEqual([ids[0]]);
      await request(t.http).get('/api/bookings?status=parked').set(bearer(mine.accessToken)).expect(400);
      await request(t.http).get('/api/bookings/not-a-uuid').set(bearer(mine.accessToken)).expect(400);
    });

    it('shows each driver’s booking activity in the admin user list', async () => {
      const active = await registerVerified(t, 'spender');
      const lot = await createLot(t, admin.accessToken, { pricePerHourCents: 120 });
      const parked = await book(active, { lotId: lot.id, vehicleNumber: vehicle() }).expect(201);
      clock.advanceMinutes(30);
      await act(active, parked.body.id, 'release').expect(200);
      await book(active, { lotId: lot.id, vehicleNumber: vehicle() }).expect(201);
      const list = await request(t.http).get('/api/admin/users').query({ search: active.user.username }).set(bearer(admin.accessToken)).expect(200);
      expect(list.body.items).toEqual([expect.objectContaining({ id: active.user.id, bookingsCount: 2, totalSpentCents: 60, currency: 'USD', lastBookingAt: expect.any(String) })]);
    });

    it('gives admins every booking with filters', async () => {
      const lot = await createLot(t, admin.accessToken);
      const plate = vehicle();
      await book(driver, { lotId: lot.id, vehicleNumber: plate }).expect(201);
      const all = await request(t.http).get('/api/admin/bookings').query({ lotId: lot.id, vehicleNumber: plate.toLowerCase(), status: 'active' }).set(bearer(admin.accessToken)).expect(200);
      expect(all.body).toMatchObject({ total: 1, items: [{ vehicleNumber: plate, username: driver.user.username }] });
      await request(t.http).get('/api/admin/bookings').set(bearer(driver.accessToken)).expect(403);
      const overstaying = await request(t.http).get('/api/admin/bookings').query({ lotId: lot.id, overstaying: true }).set(bearer(admin.accessToken)).expect(200);
      expect(overstaying.body.total).toBe(0);
      await request(t.http).get('/api/admin/bookings').query({ from: '2026-01-01' }).set(bearer(admin.accessToken)).expect(400);
    });
  });
});
