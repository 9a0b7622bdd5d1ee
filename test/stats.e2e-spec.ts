import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppCacheService } from '../src/cache/app-cache.service';
import { FakeClock } from './support/fake-clock';
import { bearer, createLot, createTestApp, loginAdmin, registerVerified, SignedIn, TestApp } from './support/test-app';

const TZ = 'Europe/Berlin';
/** "Now" for the whole file: the fixtures lie in March and October 2026, months before it. */
const NOW = '2026-11-15T11:00:00Z';

interface Lot {
  id: string;
  name: string;
  spots: string[];
}

interface Fixture {
  user: SignedIn;
  lot: Lot;
  spot: number;
  status: 'completed' | 'expired' | 'cancelled' | 'reserved' | 'active';
  start: string;
  /** A reservation's window end; a park-now booking has none. */
  windowEnd?: string;
  releasedAt?: string;
  costCents: number | null;
}

let vehicleSeq = 0;

/** A booking row as the service would have left it; the period column derives itself. */
async function insertBooking(db: DataSource, f: Fixture): Promise<string> {
  const reserved = f.windowEnd !== undefined;
  const [row] = await db.query(
    `INSERT INTO bookings (user_id, lot_id, spot_id, vehicle_number, type, status, start_at, end_at, checked_in_at, released_at, rate_per_hour_cents, cost_cents)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, price_per_hour_cents, $11 FROM lots WHERE id = $2 RETURNING id`,
    [
      f.user.user.id,
      f.lot.id,
      f.lot.spots[f.spot - 1],
      `STAT${String(++vehicleSeq).padStart(4, '0')}`,
      reserved ? 'reserved' : 'instant',
      f.status,
      f.start,
      f.windowEnd ?? null,
      reserved && f.releasedAt ? f.start : null,
      f.releasedAt ?? null,
      f.costCents,
    ],
  );
  return row.id;
}

describe('analytics (R-STAT-1, R-STAT-1b, R-STAT-2, R-CACHE-1)', () => {
  const clock = new FakeClock();
  let t: TestApp;
  let db: DataSource;
  let admin: SignedIn;
  let ann: SignedIn;
  let ben: SignedIn;
  let cat: SignedIn;
  let lotA: Lot; // 600/h, 3 spots
  let lotB: Lot; // 300/h, 2 spots
  let lotC: Lot; // 450/h, archived

  const adminStats = (query: Record<string, string> = {}, who: SignedIn | null = admin) => {
    const call = request(t.http).get('/api/admin/stats').query(query);
    return who ? call.set(bearer(who.accessToken)) : call;
  };
  const myStats = (who: SignedIn) => request(t.http).get('/api/stats/me').set(bearer(who.accessToken));

  const lotOf = async (input: { name: string; pricePerHourCents: number; capacity: number }): Promise<Lot> => {
    const lot = await createLot(t, admin.accessToken, input);
    const spots: { id: string }[] = await db.query(`SELECT id FROM spots WHERE lot_id = $1 ORDER BY number`, [lot.id]);
    return { id: lot.id, name: lot.name, spots: spots.map((spot) => spot.id) };
  };

  beforeAll(async () => {
    clock.set(NOW);
    t = await createTestApp({ APP_TIMEZONE: TZ }, clock);
    db = t.app.get(DataSource);
    admin = await loginAdmin(t);
    [ann, ben, cat] = [await registerVerified(t, 'ann'), await registerVerified(t, 'ben'), await registerVerified(t, 'cat')];
    [lotA, lotB, lotC] = [
      await lotOf({ name: 'Stats A', pricePerHourCents: 600, capacity: 3 }),
      await lotOf({ name: 'Stats B', pricePerHourCents: 300, capacity: 2 }),
      await lotOf({ name: 'Stats C', pricePerHourCents: 450, capacity: 1 }),
    ];
    // Registrations around the spring-forward day 2026-03-29 (CET +1 until 01:00Z, then CEST +2).
    const registered = (who: SignedIn, at: string) => db.query(`UPDATE users SET created_at = $2 WHERE id = $1`, [who.user.id, at]);
    await registered(ann, '2026-03-29T12:00:00Z'); // 14:00 on the 29th
    await registered(ben, '2026-03-28T23:30:00Z'); // 00:30 on the 29th
    await registered(cat, '2026-03-30T21:30:00Z'); // 23:30 on the 30th

    const book = (f: Fixture) => insertBooking(db, f);
    // 00:30 CET → 03:30 CEST on the 29th: two real hours across the skipped 02:00–03:00.
    await book({ user: ann, lot: lotA, spot: 1, status: 'completed', start: '2026-03-28T23:30:00Z', releasedAt: '2026-03-29T01:30:00Z', costCents: 1200 });
    await book({ user: ben, lot: lotA, spot: 2, status: 'completed', start: '2026-03-29T08:00:00Z', releasedAt: '2026-03-29T10:00:00Z', costCents: 1200 });
    // A reservation 11:00–13:00 CEST released at 12:00: it costs its window, it was parked an hour.
    await book({ user: ben, lot: lotB, spot: 1, status: 'completed', start: '2026-03-29T09:00:00Z', windowEnd: '2026-03-29T11:00:00Z', releasedAt: '2026-03-29T10:00:00Z', costCents: 600 });
    // A no-show 22:00 on the 30th → 00:30 on the 31st: started in the range, ended after it.
    await book({ user: cat, lot: lotB, spot: 2, status: 'expired', start: '2026-03-30T20:00:00Z', windowEnd: '2026-03-30T22:30:00Z', costCents: 750 });
    await book({ user: ann, lot: lotA, spot: 3, status: 'cancelled', start: '2026-03-30T06:00:00Z', windowEnd: '2026-03-30T07:00:00Z', costCents: 0 });
    await book({ user: cat, lot: lotC, spot: 1, status: 'completed', start: '2026-03-28T10:00:00Z', releasedAt: '2026-03-28T12:00:00Z', costCents: 900 });
    // Parked from 21:00 on the 27th to 01:00 on the 28th: ended in the range, started before it.
    await book({ user: ben, lot: lotA, spot: 1, status: 'completed', start: '2026-03-27T20:00:00Z', releasedAt: '2026-03-28T00:00:00Z', costCents: 2400 });
    // Fall-back day 2026-10-25 (25 hours): 02:30 CEST → 02:30 CET, an hour parked in the repeated 2 o'clock.
    await book({ user: ann, lot: lotA, spot: 2, status: 'completed', start: '2026-10-25T00:30:00Z', releasedAt: '2026-10-25T01:30:00Z', costCents: 600 });
    // 23:30 on the 25th → 00:30 on the 26th.
    await book({ user: ben, lot: lotB, spot: 1, status: 'completed', start: '2026-10-25T22:30:00Z', releasedAt: '2026-10-25T23:30:00Z', costCents: 300 });
    await request(t.http).delete(`/api/lots/${lotC.id}`).set(bearer(admin.accessToken)).expect(204);
    // The rows above were written behind the services' backs: drop whatever an earlier file cached.
    await t.app.get(AppCacheService).invalidate('stats');
  });

  afterAll(async () => {
    await t.close();
  });

  beforeEach(() => clock.set(NOW));

  describe('GET /admin/stats', () => {
    it('covers whole local days, with the spring-forward day 23 hours long', async () => {
      const { body } = await adminStats({ from: '2026-03-28', to: '2026-03-30' }).expect(200);
      expect(body.range).toEqual({
        from: '2026-03-28',
        to: '2026-03-30',
        days: 3,
        timeZone: TZ,
        startAt: '2026-03-27T23:00:00.000Z',
        endAt: '2026-03-30T22:00:00.000Z',
      });
      expect(body.currency).toBe('USD');
      expect(body.generatedAt).toBe('2026-11-15T11:00:00.000Z');
    });

    it('sums revenue of the bookings that ended in the range, per lot, archived lots flagged', async () => {
      const { body } = await adminStats({ from: '2026-03-28', to: '2026-03-30' }).expect(200);
      const mine = body.revenueByLot.filter((lot: { lotId: string }) => [lotA.id, lotB.id, lotC.id].includes(lot.lotId));
      expect(mine).toEqual([
        { lotId: lotA.id, lotName: lotA.name, archived: false, revenueCents: 4800, bookings: 3 },
        { lotId: lotC.id, lotName: lotC.name, archived: true, revenueCents: 900, bookings: 1 },
        { lotId: lotB.id, lotName: lotB.name, archived: false, revenueCents: 600, bookings: 1 },
      ]);
      expect(body.totalRevenueCents).toBe(6300);
      // An archived lot without revenue in the range is left out; open lots are listed with zero.
      const october = (await adminStats({ from: '2026-10-25', to: '2026-10-25' }).expect(200)).body;
      expect(october.revenueByLot.find((lot: { lotId: string }) => lot.lotId === lotC.id)).toBeUndefined();
      expect(october.revenueByLot.find((lot: { lotId: string }) => lot.lotId === lotB.id)).toMatchObject({ revenueCents: 0, bookings: 0 });
    });

    it('counts bookings and new drivers per local day, zeros included, and bookings by status', async () => {
      const { body } = await adminStats({ from: '2026-03-26', to: '2026-03-31' }).expect(200);
      expect(body.bookingsPerDay).toEqual([
        { date: '2026-03-26', bookings: 0 },
        { date: '2026-03-27', bookings: 1 },
        { date: '2026-03-28', bookings: 1 },
        { date: '2026-03-29', bookings: 3 },
        { date: '2026-03-30', bookings: 2 },
        { date: '2026-03-31', bookings: 0 },
      ]);
      expect(body.newUsersPerDay.map((day: { users: number }) => day.users)).toEqual([0, 0, 0, 2, 1, 0]);
      const range = (await adminStats({ from: '2026-03-28', to: '2026-03-30' }).expect(200)).body;
      expect(range.bookingsByStatus).toEqual({ reserved: 0, active: 0, completed: 4, cancelled: 1, expired: 1 });
      // Completed and started in the range: 120, 120, 60 (released early) and 120 minutes parked.
      expect(range.averageStayMinutes).toBe(105);
    });

    it('ranks the top drivers by spend in the range', async () => {
      const { body } = await adminStats({ from: '2026-03-28', to: '2026-03-30' }).expect(200);
      expect(body.topDrivers).toEqual([
        { userId: ben.user.id, username: ben.user.username, email: ben.user.email, spendCents: 4200, bookings: 3 },
        { userId: ann.user.id, username: ann.user.username, email: ann.user.email, spendCents: 1200, bookings: 1 },
        { userId: cat.user.id, username: cat.user.username, email: cat.user.email, spendCents: 900, bookings: 1 },
      ]);
    });

    it('averages occupied spots by local hour of week; the skipped hour has none', async () => {
      const { body } = await adminStats({ from: '2026-03-28', to: '2026-03-30' }).expect(200);
      const grid = body.occupancyByHourOfWeek as { isoWeekday: number; hour: number; averageOccupiedSpots: number | null; hours: number }[];
      expect(grid).toHaveLength(168);
      const at = (isoWeekday: number, hour: number) => grid[(isoWeekday - 1) * 24 + hour];
      expect(at(7, 0)).toEqual({ isoWeekday: 7, hour: 0, averageOccupiedSpots: 0.5, hours: 1 });
      expect(at(7, 1)).toEqual({ isoWeekday: 7, hour: 1, averageOccupiedSpots: 1, hours: 1 });
      expect(at(7, 2)).toEqual({ isoWeekday: 7, hour: 2, averageOccupiedSpots: null, hours: 0 });
      expect(at(7, 3)).toEqual({ isoWeekday: 7, hour: 3, averageOccupiedSpots: 0.5, hours: 1 });
      expect(at(7, 10).averageOccupiedSpots).toBe(1);
      expect(at(7, 11).averageOccupiedSpots).toBe(2);
      expect(at(6, 0).averageOccupiedSpots).toBe(1);
      expect([at(6, 11).averageOccupiedSpots, at(6, 12).averageOccupiedSpots, at(6, 13).averageOccupiedSpots]).toEqual([1, 1, 0]);
      // Monday had only a cancellation and a no-show: nothing parked. Tuesday is outside the range.
      expect(grid.filter((hour) => hour.isoWeekday === 1).every((hour) => hour.averageOccupiedSpots === 0 && hour.hours === 1)).toBe(true);
      expect(at(2, 9)).toEqual({ isoWeekday: 2, hour: 9, averageOccupiedSpots: null, hours: 0 });
    });

    it('counts the fall-back day as 25 hours, the repeated 2 o’clock twice', async () => {
      const { body } = await adminStats({ from: '2026-10-25', to: '2026-10-25' }).expect(200);
      expect([body.range.startAt, body.range.endAt]).toEqual(['2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z']);
      expect(body.bookingsPerDay).toEqual([{ date: '2026-10-25', bookings: 2 }]);
      const twoOClock = body.occupancyByHourOfWeek[6 * 24 + 2];
      expect(twoOClock).toEqual({ isoWeekday: 7, hour: 2, averageOccupiedSpots: 0.5, hours: 2 });
      expect(body.occupancyByHourOfWeek.filter((hour: { hours: number }) => hour.hours > 0)).toHaveLength(24);
      // Released at 00:30 on the 26th: revenue of the 26th, not of the 25th.
      expect(body.revenueByLot.find((lot: { lotId: string }) => lot.lotId === lotA.id).revenueCents).toBe(600);
      expect(body.averageStayMinutes).toBe(60);
    });

    it('shows each open lot’s spots now, as the lot list counts them', async () => {
      const parked = await request(t.http).post('/api/bookings').set(bearer(cat.accessToken)).send({ lotId: lotA.id, vehicleNumber: 'STATNOW1' }).expect(201);
      const spots = (await request(t.http).get(`/api/lots/${lotA.id}/spots`).set(bearer(admin.accessToken)).expect(200)).body.items;
      await request(t.http).patch(`/api/lots/${lotA.id}/spots/${spots[2].id}`).set(bearer(admin.accessToken)).send({ outOfService: true }).expect(200);
      // Reserved for tomorrow: spot 2 stays available now.
      const tomorrow = { startAt: '2026-11-16T10:00:00Z', endAt: '2026-11-16T11:00:00Z' };
      const later = await request(t.http).post('/api/bookings').set(bearer(cat.accessToken)).send({ lotId: lotA.id, vehicleNumber: 'STATNOW4', type: 'reserved', ...tomorrow }).expect(201);
      expect(later.body.spotNumber).toBe(2);
      const window = { startAt: '2026-11-15T11:00:00Z', endAt: '2026-11-15T13:00:00Z' };
      const reservation = await request(t.http).post('/api/bookings').set(bearer(cat.accessToken)).send({ lotId: lotB.id, vehicleNumber: 'STATNOW2', type: 'reserved', ...window }).expect(201);
      clock.set('2026-11-15T11:05:00Z');
      const { body } = await adminStats({ from: '2026-11-15', to: '2026-11-15' }).expect(200);
      const now = (lot: Lot) => body.occupancyNow.find((entry: { lotId: string }) => entry.lotId === lot.id);
      expect(now(lotA)).toEqual({ lotId: lotA.id, lotName: lotA.name, capacity: 3, occupied: 1, reserved: 0, outOfService: 1, available: 1 });
      expect(now(lotB)).toEqual({ lotId: lotB.id, lotName: lotB.name, capacity: 2, occupied: 0, reserved: 1, outOfService: 0, available: 1 });
      expect(now(lotC)).toBeUndefined();

      await request(t.http).post(`/api/bookings/${parked.body.id}/release`).set(bearer(cat.accessToken)).expect(200);
      await request(t.http).post(`/api/bookings/${reservation.body.id}/check-in`).set(bearer(cat.accessToken)).expect(200);
      await request(t.http).post(`/api/bookings/${reservation.body.id}/release`).set(bearer(cat.accessToken)).expect(200);
      await request(t.http).post(`/api/bookings/${later.body.id}/cancel`).set(bearer(cat.accessToken)).expect(200);
      await request(t.http).patch(`/api/lots/${lotA.id}/spots/${spots[2].id}`).set(bearer(admin.accessToken)).send({ outOfService: false }).expect(200);
    });

    it('refuses drivers (403) and callers without a token (401)', async () => {
      expect((await adminStats({}, ann).expect(403)).body.code).toBe('FORBIDDEN');
      expect((await adminStats({}, null).expect(401)).body.code).toBe('UNAUTHORIZED');
    });

    it.each([
      ['to before from', { from: '2026-03-10', to: '2026-03-09' }, 'to'],
      ['more than 366 days', { from: '2025-01-01', to: '2026-01-02' }, 'from'],
      ['an impossible date', { from: '2026-02-30' }, 'from'],
      ['an instant instead of a date', { to: '2026-03-01T00:00:00Z' }, 'to'],
      ['an unknown parameter', { lotId: 'x' }, 'lotId'],
    ])('answers 400 VALIDATION_FAILED for %s', async (_label, query, field) => {
      const { body } = await adminStats(query).expect(400);
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.details.map((detail: { field: string }) => detail.field)).toContain(field);
    });

    it('defaults to the 30 local days ending today', async () => {
      clock.set('2026-11-15T23:30:00Z'); // already the 16th in Berlin
      const { body } = await adminStats().expect(200);
      expect([body.range.from, body.range.to, body.bookingsPerDay.length]).toEqual(['2026-10-18', '2026-11-16', 30]);
    });
  });

  describe('GET /stats/me', () => {
    it('shows a driver’s spend per month for the last 12 local months, hours, lots and counts', async () => {
      const { body } = await myStats(ann).expect(200);
      expect(body.spendPerMonth).toHaveLength(12);
      expect([body.spendPerMonth[0].month, body.spendPerMonth[11].month]).toEqual(['2025-12', '2026-11']);
      expect(body.spendPerMonth.filter((month: { spendCents: number }) => month.spendCents > 0)).toEqual([
        { month: '2026-03', spendCents: 1200, bookings: 1 },
        { month: '2026-10', spendCents: 600, bookings: 1 },
      ]);
      expect(body.hoursParked).toBe(3);
      // The cancelled reservation is not counted.
      expect(body.bookingsPerLot).toEqual([{ lotId: lotA.id, lotName: lotA.name, archived: false, bookings: 2, spendCents: 1800 }]);
      expect([body.activeCount, body.upcomingCount, body.timeZone]).toEqual([0, 0, TZ]);
    });

    it('is for drivers: an admin gets 403, a caller without a token 401', async () => {
      expect((await myStats(admin).expect(403)).body.code).toBe('FORBIDDEN');
      expect((await request(t.http).get('/api/stats/me').expect(401)).body.code).toBe('UNAUTHORIZED');
    });
  });

  describe('caching (R-CACHE-1)', () => {
    it('serves cached figures, and a read right after a booking write shows it', async () => {
      clock.set('2026-11-15T11:10:00Z');
      const range = { from: '2026-11-15', to: '2026-11-15' };
      const before = (await adminStats(range).expect(200)).body;
      const revenueOfB = (stats: { revenueByLot: { lotId: string; revenueCents: number }[] }) => stats.revenueByLot.find((lot) => lot.lotId === lotB.id)!.revenueCents;
      expect((await myStats(ben).expect(200)).body.activeCount).toBe(0);

      // Written behind the services' back: the cached figures do not see it…
      await insertBooking(db, { user: ben, lot: lotB, spot: 2, status: 'completed', start: '2026-11-15T08:00:00Z', releasedAt: '2026-11-15T09:00:00Z', costCents: 300 });
      expect(revenueOfB((await adminStats(range).expect(200)).body)).toBe(revenueOfB(before));

      // …until a booking goes through the API, which invalidates the stats.
      const parked = await request(t.http).post('/api/bookings').set(bearer(ben.accessToken)).send({ lotId: lotB.id, vehicleNumber: 'STATNOW3' }).expect(201);
      expect((await myStats(ben).expect(200)).body.activeCount).toBe(1);
      clock.set('2026-11-15T11:40:00Z');
      const released = await request(t.http).post(`/api/bookings/${parked.body.id}/release`).set(bearer(ben.accessToken)).expect(200);
      expect(released.body.costCents).toBe(150);
      const after = (await adminStats(range).expect(200)).body;
      expect(revenueOfB(after)).toBe(revenueOfB(before) + 300 + 150);
      expect(after.bookingsPerDay[0].bookings).toBe(before.bookingsPerDay[0].bookings + 2);
      const mine = (await myStats(ben).expect(200)).body;
      expect([mine.activeCount, mine.spendPerMonth[11]]).toEqual([0, { month: '2026-11', spendCents: 450, bookings: 2 }]);
    });

    it('counts a driver who just registered: a registration invalidates the stats', async () => {
      const now = new Date();
      clock.set(now);
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(now);
      const newDriversToday = async () => (await adminStats({ from: today, to: today }).expect(200)).body.newUsersPerDay[0].users;
      const before = await newDriversToday(); // now cached
      await registerVerified(t, 'newcomer');
      expect(await newDriversToday()).toBe(before + 1);
    });
  });
});
