import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { BookingsSchedule } from '../src/bookings/bookings.schedule';
import { BookingsService } from '../src/bookings/bookings.service';
import { JobName, QueueName } from '../src/queues/queue-names';
import { FakeClock } from './support/fake-clock';
import { waitForMails } from './support/outbox';
import { ADMIN, bearer, createLot, createTestApp, loginAdmin, registerVerified, settleQueues, SignedIn, TestApp } from './support/test-app';

const MINUTE = 60_000;

/** R-OCC-1..4 and the revised R-BOOK-1, through HTTP with a clock the tests move. */
describe('occupancy: overstays, re-seats and park now before a reservation (API)', () => {
  const clock = new FakeClock();
  let t: TestApp;
  let db: DataSource;
  let admin: SignedIn;
  let driver: SignedIn;
  let t0: number;
  let plateSeq = 0;

  const plate = () => `OCC${String(++plateSeq).padStart(4, '0')}${Math.floor(Math.random() * 90 + 10)}`;
  const at = (minutes: number) => new Date(t0 + minutes * MINUTE).toISOString();
  const moveTo = (minutes: number) => clock.set(at(minutes));
  const book = (who: SignedIn, body: object) => request(t.http).post('/api/bookings').set(bearer(who.accessToken)).send(body);
  const reserve = (who: SignedIn, lotId: string, from: number, to: number) =>
    book(who, { lotId, vehicleNumber: plate(), type: 'reserved', startAt: at(from), endAt: at(to) }).expect(201);
  const act = (who: SignedIn, id: string, action: string) => request(t.http).post(`/api/bookings/${id}/${action}`).set(bearer(who.accessToken)).send({});
  const get = async (who: SignedIn, path: string) => (await request(t.http).get(`/api/${path}`).set(bearer(who.accessToken)).expect(200)).body;
  const spots = async (lotId: string) => (await get(admin, `lots/${lotId}/spots`)).items as { number: number; status: string; overstay: boolean }[];
  const available = async (lotId: string, from: number, to: number) =>
    (await get(driver, `lots/${lotId}/availability?startAt=${encodeURIComponent(at(from))}&endAt=${encodeURIComponent(at(to))}`)).available as number;
  /** R-OCC-1 in the database: no spot with two active bookings. */
  const doubleParked = async (lotId: string) =>
    (await db.query(`SELECT spot_id FROM bookings WHERE lot_id = $1 AND status = 'active' GROUP BY spot_id HAVING count(*) > 1`, [lotId])).length;

  beforeAll(async () => {
    t = await createTestApp({}, clock);
    db = t.app.get(DataSource);
    admin = await loginAdmin(t);
    driver = await registerVerified(t, 'occ');
  });

  afterAll(async () => {
    await t.close();
  });

  beforeEach(() => {
    // Whole minutes, so windows line up with the minutes the rules count.
    t0 = Math.ceil(Date.now() / MINUTE) * MINUTE + MINUTE;
    clock.set(new Date(t0));
  });

  it('keeps an overstaying car on its spot and re-seats the next reservation ahead of time; every view agrees', async () => {
    const lot = await createLot(t, admin.accessToken, { capacity: 2, pricePerHourCents: 600 });
    const first = await reserve(driver, lot.id, 10, 40);
    const next = await reserve(driver, lot.id, 60, 120);
    expect([first.body.spotNumber, next.body.spotNumber]).toEqual([2, 2]);
    moveTo(10);
    await act(driver, first.body.id, 'check-in').expect(200);

    moveTo(45); // five minutes past its window, the car is still there
    const overstaying = await get(driver, `bookings/${first.body.id}`);
    expect(overstaying).toMatchObject({ status: 'active', overstayMinutes: 5, spotNumber: 2 });
    expect(await spots(lot.id)).toEqual([
      expect.objectContaining({ number: 1, status: 'available', overstay: false }),
      expect.objectContaining({ number: 2, status: 'occupied', overstay: true }),
    ]);
    expect(await get(driver, `lots/${lot.id}`)).toMatchObject({ occupied: 1, available: 1, overstays: 1, parkNowSpots: 1 });
    expect(await get(admin, `admin/bookings?lotId=${lot.id}&overstaying=true`)).toMatchObject({ total: 1, items: [{ id: first.body.id, overstayMinutes: 5 }] });
    // Spot 2 is not free for any window while the car overstays, even one long after its own.
    expect(await available(lot.id, 300, 360)).toBe(1);

    // The sweep covers every lot (other tests' too): this reservation is one it moved.
    expect((await t.app.get(BookingsService).reseatAhead()).moved).toBeGreaterThanOrEqual(1);
    expect(await get(driver, `bookings/${next.body.id}`)).toMatchObject({ status: 'reserved', spotNumber: 1, reseatedFromSpotNumber: 2 });
    const [mail] = await waitForMails(t.config.mail.outboxDir, driver.user.email, 1, 10_000, (m) => m.subject.startsWith('Your spot changed'));
    expect(mail.text).toContain('Spot:     1 (was 2)');
    // Now spot 1 is planned for the re-seated reservation and spot 2 still overstayed: nothing is free then.
    expect(await available(lot.id, 70, 100)).toBe(0);

    moveTo(60);
    await act(driver, next.body.id, 'check-in').expect(200);
    expect(await doubleParked(lot.id)).toBe(0);
    expect(await get(driver, `lots/${lot.id}`)).toMatchObject({ occupied: 2, available: 0, parkNowSpots: 0 });
  });

  it('re-seats at check-in; with no spot free answers NO_SPOT_AVAILABLE, mails the admins, and lets the driver cancel free', async () => {
    const lot = await createLot(t, admin.accessToken, { capacity: 2 });
    const first = await reserve(driver, lot.id, 10, 40);
    const second = await reserve(driver, lot.id, 40, 100);
    const third = await reserve(driver, lot.id, 40, 100);
    expect([first.body.spotNumber, second.body.spotNumber, third.body.spotNumber]).toEqual([2, 2, 1]);
    moveTo(10);
    await act(driver, first.body.id, 'check-in').expect(200);

    moveTo(45);
    await act(driver, third.body.id, 'check-in').expect(200);
    const refused = await act(driver, second.body.id, 'check-in').expect(409);
    expect(refused.body).toMatchObject({ statusCode: 409, code: 'NO_SPOT_AVAILABLE' });
    expect(await get(driver, `bookings/${second.body.id}`)).toMatchObject({ status: 'reserved', spotNumber: 2 });
    const [adminMail] = await waitForMails(t.config.mail.outboxDir, ADMIN.email, 1, 10_000, (m) => m.subject === `No spot for a reservation at ${lot.name}`);
    expect(adminMail.text).toContain(`Vehicle:  ${second.body.vehicleNumber}`);

    // After its start, yet free: the driver could not park through no fault of theirs.
    const cancelled = await act(driver, second.body.id, 'cancel').expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', costCents: 0 });
    expect(await doubleParked(lot.id)).toBe(0);
  });

  it('re-seats a driver who checks in early while the car before is still within its time', async () => {
    const lot = await createLot(t, admin.accessToken, { capacity: 2 });
    const before = await reserve(driver, lot.id, 5, 25);
    const early = await reserve(driver, lot.id, 30, 90);
    expect([before.body.spotNumber, early.body.spotNumber]).toEqual([2, 2]);
    moveTo(5);
    await act(driver, before.body.id, 'check-in').expect(200);
    moveTo(20); // check-in opens 15 minutes before the start; the car before may stay until 25
    const checkedIn = await act(driver, early.body.id, 'check-in').expect(200);
    expect(checkedIn.body).toMatchObject({ status: 'active', spotNumber: 1, reseatedFromSpotNumber: 2 });
    expect(await get(driver, `bookings/${before.body.id}`)).toMatchObject({ status: 'active', spotNumber: 2, overstayMinutes: 0 });
    expect(await doubleParked(lot.id)).toBe(0);
  });

  it('never puts two cars on one spot when two reservations of it check in at once while the first overstays', async () => {
    const lot = await createLot(t, admin.accessToken, { capacity: 2 });
    const first = await reserve(driver, lot.id, 10, 40);
    const early = await reserve(driver, lot.id, 40, 70);
    const late = await reserve(driver, lot.id, 70, 100);
    expect([first.body.spotNumber, early.body.spotNumber, late.body.spotNumber]).toEqual([2, 2, 2]);
    moveTo(10);
    await act(driver, first.body.id, 'check-in').expect(200);

    moveTo(56); // the first overstays; both later reservations are in their check-in window
    const answers = await Promise.all([act(driver, early.body.id, 'check-in'), act(driver, late.body.id, 'check-in')]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)!.body.code).toBe('NO_SPOT_AVAILABLE');
    expect(answers.find((a) => a.status === 200)!.body).toMatchObject({ status: 'active', spotNumber: 1, reseatedFromSpotNumber: 2 });
    expect(await doubleParked(lot.id)).toBe(0);
    const active = await db.query(`SELECT count(*)::int AS n FROM bookings WHERE lot_id = $1 AND status = 'active'`, [lot.id]);
    expect(active[0].n).toBe(2);
  });

  it('parks now on the spot whose reservation starts last, with mustLeaveBy; under the minimum it is LOT_FULL with nextFreeAt', async () => {
    const lot = await createLot(t, admin.accessToken, { capacity: 3 });
    const r90 = await reserve(driver, lot.id, 90, 300);
    const r180 = await reserve(driver, lot.id, 180, 300);
    const r30 = await reserve(driver, lot.id, 30, 300);
    expect([r90.body.spotNumber, r180.body.spotNumber, r30.body.spotNumber]).toEqual([3, 2, 1]);
    expect(await get(driver, `lots/${lot.id}`)).toMatchObject({ available: 3, parkNowSpots: 2 });

    const longest = await book(driver, { lotId: lot.id, vehicleNumber: plate() }).expect(201);
    expect(longest.body).toMatchObject({ spotNumber: 2, mustLeaveBy: at(180) });
    const shorter = await book(driver, { lotId: lot.id, vehicleNumber: plate() }).expect(201);
    expect(shorter.body).toMatchObject({ spotNumber: 3, mustLeaveBy: at(90) });
    expect(await get(driver, `lots/${lot.id}`)).toMatchObject({ parkNowSpots: 0 });
    const full = await book(driver, { lotId: lot.id, vehicleNumber: plate() }).expect(409);
    expect(full.body).toEqual({ statusCode: 409, code: 'LOT_FULL', message: expect.any(String), details: { nextFreeAt: at(300) } });

    // Staying past mustLeaveBy is an overstay, and the reservation of that spot is re-seated.
    moveTo(95);
    expect(await get(driver, `bookings/${shorter.body.id}`)).toMatchObject({ status: 'active', overstayMinutes: 5 });

    // The reservation that set the other car's time is cancelled: that car may stay as long as it likes.
    moveTo(100);
    await act(driver, r180.body.id, 'cancel').expect(200);
    expect(await get(driver, `bookings/${longest.body.id}`)).toMatchObject({ status: 'active', mustLeaveBy: null, overstayMinutes: 0 });
  });

  it('gives 100 parallel park-now requests exactly the parkNowSpots the lot list showed', async () => {
    const lot = await createLot(t, admin.accessToken, { capacity: 40 });
    // Ten spots get a reservation starting soon (not takeable), ten others one starting later (takeable).
    for (let i = 0; i < 10; i++) await reserve(driver, lot.id, 20, 200);
    for (let i = 0; i < 10; i++) await reserve(driver, lot.id, 150, 400);
    const { parkNowSpots } = await get(driver, `lots/${lot.id}`);
    expect(parkNowSpots).toBe(30);

    const answers = await Promise.all(Array.from({ length: 100 }, () => book(driver, { lotId: lot.id, vehicleNumber: plate() })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(parkNowSpots);
    expect(answers.filter((a) => a.status !== 201).every((a) => a.status === 409 && a.body.code === 'LOT_FULL')).toBe(true);
    expect(await doubleParked(lot.id)).toBe(0);
    const takenLater = answers.filter((a) => a.status === 201 && a.body.mustLeaveBy !== null);
    expect(takenLater.every((a) => a.body.mustLeaveBy === at(150))).toBe(true);
    expect(takenLater).toHaveLength(10);
  });

  it('runs the no-show expiry once per 5-minute slot through the bookings queue, however often it ticks', async () => {
    const lot = await createLot(t, admin.accessToken, { capacity: 1, pricePerHourCents: 600 });
    const noShow = await reserve(driver, lot.id, 5, 35);
    moveTo(41);
    const schedule = t.app.get(BookingsSchedule);
    const ids = await Promise.all([schedule.tick(JobName.ExpireNoShows), schedule.tick(JobName.ExpireNoShows)]);
    expect(ids[0]).toBe(ids[1]);
    // The slot is the 5-minute boundary nearest to the tick.
    const slot = new Date(ids[0]!.slice('expire-no-shows:'.length));
    expect(slot.getTime() % (5 * MINUTE)).toBe(0);
    expect(Math.abs(slot.getTime() - clock.now().getTime())).toBeLessThanOrEqual(2.5 * MINUTE);
    await settleQueues(t);
    const job = await t.app.get<Queue>(getQueueToken(QueueName.Bookings)).getJob(ids[0]!);
    expect(await job!.isCompleted()).toBe(true);
    expect(job!.returnvalue).toEqual({ expired: 1 });
    expect(await get(driver, `bookings/${noShow.body.id}`)).toMatchObject({ status: 'expired', costCents: 300 });
  });

  it('mails the ending-soon reminder 15 minutes before the end and the overstay notice after it, once each', async () => {
    const lot = await createLot(t, admin.accessToken, { capacity: 1 });
    const stay = await reserve(driver, lot.id, 5, 35);
    moveTo(5);
    await act(driver, stay.body.id, 'check-in').expect(200);
    const service = t.app.get(BookingsService);
    // Other tests' bookings may be due too: this one's marks tell what happened to it.
    const marks = async () =>
      (await db.query(`SELECT ending_soon_mailed_at IS NOT NULL AS ending_soon, overstay_mailed_at IS NOT NULL AS overstay FROM bookings WHERE id = $1`, [stay.body.id]))[0];
    moveTo(19);
    await service.mailStayNotices();
    expect(await marks()).toEqual({ ending_soon: false, overstay: false });
    moveTo(21);
    expect((await service.mailStayNotices()).endingSoon).toBeGreaterThanOrEqual(1);
    expect(await marks()).toEqual({ ending_soon: true, overstay: false });
    await service.mailStayNotices();
    moveTo(36);
    expect((await service.mailStayNotices()).overstays).toBeGreaterThanOrEqual(1);
    expect(await marks()).toEqual({ ending_soon: true, overstay: true });
    await service.mailStayNotices();
    await settleQueues(t);
    const mails = await waitForMails(t.config.mail.outboxDir, driver.user.email, 2, 10_000, (m) => m.subject.includes(lot.name) && !m.subject.startsWith('Reservation'));
    // Swept four times, mailed once each.
    expect(mails.map((m) => m.subject).sort()).toEqual([`You are past your time at ${lot.name}`, `Your parking at ${lot.name} ends soon`]);
  });
});

describe('per-driver limits (R-LIMIT-1) under concurrency (API)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({ MAX_ACTIVE_BOOKINGS: '3', MAX_UPCOMING_RESERVATIONS: '5' });
    db = t.app.get(DataSource);
    admin = await loginAdmin(t);
  });

  afterAll(async () => {
    await t.close();
  });

  const plates = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);

  it('lets 50 parallel park-now requests of one driver park exactly 3 cars', async () => {
    const driver = await registerVerified(t, 'limit');
    const lot = await createLot(t, admin.accessToken, { capacity: 60 });
    const answers = await Promise.all(
      plates('LIMA', 50).map((vehicleNumber) => request(t.http).post('/api/bookings').set(bearer(driver.accessToken)).send({ lotId: lot.id, vehicleNumber })),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    expect(answers.filter((a) => a.status !== 201).every((a) => a.status === 409 && a.body.code === 'BOOKING_LIMIT_REACHED')).toBe(true);
    const [row] = await db.query(`SELECT count(*)::int AS n FROM bookings WHERE user_id = $1 AND status = 'active'`, [driver.user.id]);
    expect(row.n).toBe(3);
  });

  it('holds in the database itself: ten transactions that each park a car of one driver and wait before committing', async () => {
    const driver = await registerVerified(t, 'limit');
    const lot = await createLot(t, admin.accessToken, { capacity: 10 });
    const spots: { id: string }[] = await db.query(`SELECT id FROM spots WHERE lot_id = $1 ORDER BY number`, [lot.id]);
    // Each transaction is still open when the others count: only the trigger's lock makes them wait.
    const attempts = spots.map(async (spot, i) => {
      const client = new Client({ connectionString: t.config.db.url, options: '-c parking.max_active_bookings=3' });
      await client.connect();
      try {
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO bookings (user_id, lot_id, spot_id, vehicle_number, type, status, start_at, rate_per_hour_cents)
           VALUES ($1, $2, $3, $4, 'instant', 'active', now(), 100)`,
          [driver.user.id, lot.id, spot.id, `DBL${String(i).padStart(3, '0')}`],
        );
        await client.query('SELECT pg_sleep(0.3)');
        await client.query('COMMIT');
        return 'committed';
      } catch (error) {
        await client.query('ROLLBACK');
        return (error as { constraint?: string }).constraint;
      } finally {
        await client.end();
      }
    });
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter((o) => o === 'committed')).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'bookings_driver_limit')).toHaveLength(7);
  });

  it('lets 50 parallel reservations of one driver hold exactly 5', async () => {
    const driver = await registerVerified(t, 'limit');
    const lot = await createLot(t, admin.accessToken, { capacity: 60 });
    const startAt = new Date(Date.now() + 3600_000).toISOString();
    const endAt = new Date(Date.now() + 7200_000).toISOString();
    const answers = await Promise.all(
      plates('LIMR', 50).map((vehicleNumber) =>
        request(t.http).post('/api/bookings').set(bearer(driver.accessToken)).send({ lotId: lot.id, vehicleNumber, type: 'reserved', startAt, endAt }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(5);
    expect(answers.filter((a) => a.status !== 201).every((a) => a.status === 409 && a.body.code === 'BOOKING_LIMIT_REACHED')).toBe(true);
  });
});
