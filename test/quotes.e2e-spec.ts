import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { priceStay } from '../src/pricing/price-stay';
import { oneBandTariff, Tariff } from '../src/pricing/tariff';
import { FakeClock } from './support/fake-clock';
import { DAY_AND_NIGHT } from './support/tariffs';
import { bearer, createTestApp, loginAdmin, registerVerified, SignedIn, TestApp } from './support/test-app';

const MINUTE = 60_000;

/** Tuesday 2030-01-15, 17:00 in Berlin (winter time, UTC+1). */
const TUESDAY_5PM = new Date('2030-01-15T16:00:00Z');
const plus = (at: Date, minutes: number) => new Date(at.getTime() + minutes * MINUTE);

interface QuoteBody {
  quoteId: string;
  lotId: string;
  tariffVersion: number;
  startAt: string;
  endAt: string;
  totalCents: number;
  currency: string;
  expiresAt: string;
  windows: { from: string; to: string; billedMinutes: number; cents: number; capped: boolean; segments: { from: string; to: string; minutes: number; ratePerHourCents: number }[] }[];
  graceApplied: boolean;
  firstPeriodCents: number;
}

/** A StayPrice as the API writes it: instants as ISO strings. */
function asJson(price: ReturnType<typeof priceStay>) {
  return {
    totalCents: price.totalCents,
    graceApplied: price.graceApplied,
    firstPeriodCents: price.firstPeriodCents,
    windows: price.windows.map((window) => ({
      ...window,
      from: window.from.toISOString(),
      to: window.to.toISOString(),
      segments: window.segments.map((segment) => ({ ...segment, from: segment.from.toISOString(), to: segment.to.toISOString() })),
    })),
  };
}

describe('quotes (API, R-QUOTE-1, 2) and bookings priced by their tariff (R-TARIFF-2, 3)', () => {
  const clock = new FakeClock();
  let t: TestApp;
  let admin: SignedIn;
  let driver: SignedIn;
  let other: SignedIn;
  let db: DataSource;
  let vehicleSeq = 0;

  beforeAll(async () => {
    t = await createTestApp({}, clock);
    admin = await loginAdmin(t);
    driver = await registerVerified(t, 'quotedriver');
    other = await registerVerified(t, 'quoteother');
    db = t.app.get(DataSource);
  });

  afterAll(async () => {
    await t?.close();
  });

  beforeEach(() => clock.set(TUESDAY_5PM));

  const api = (who: SignedIn | undefined, method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string) => {
    const call = request(t.http)[method](`/api${path}`);
    return who ? call.set(bearer(who.accessToken)) : call;
  };
  const vehicle = () => `QTE${String(++vehicleSeq).padStart(4, '0')}${randomBytes(1).toString('hex').toUpperCase()}`;

  async function newLot(tariff: Tariff | null = DAY_AND_NIGHT): Promise<string> {
    const name = `Quote lot ${randomBytes(4).toString('hex')}`;
    const lot = await api(admin, 'post', '/lots').send({ name, address: '1 Price Street', pricePerHourCents: 600, capacity: 3, timeZone: 'Europe/Berlin' }).expect(201);
    if (tariff) await api(admin, 'put', `/lots/${lot.body.id}/tariff`).send(tariff).expect(200);
    return lot.body.id;
  }
  const quote = async (who: SignedIn, lotId: string, startAt: Date, endAt: Date) =>
    (await api(who, 'post', '/quotes').send({ lotId, startAt: startAt.toISOString(), endAt: endAt.toISOString() }).expect(201)).body as QuoteBody;
  const reserve = (who: SignedIn, body: Record<string, unknown>) => api(who, 'post', '/bookings').send({ vehicleNumber: vehicle(), type: 'reserved', ...body });

  describe('POST /quotes', () => {
    it('prices a window under the current tariff exactly as priceStay does, with its breakdown, valid 15 minutes', async () => {
      const lotId = await newLot();
      // 18:00–21:10 in Berlin: 190 minutes, billed 195 (15-minute steps). The first hour (18:00–19:00) is
      // 2.50 flat; the 135 minutes from 19:00 are night minutes at 1.00 an hour: 135 × 100 / 60 = 225.
      // Total 250 + 225 = 475, in one window, under the cap of 2400.
      const start = plus(TUESDAY_5PM, 60);
      const end = plus(TUESDAY_5PM, 250);
      const body = await quote(driver, lotId, start, end);
      expect(body).toEqual({
        quoteId: expect.any(String),
        lotId,
        tariffVersion: 2,
        startAt: start.toISOString(),
        endAt: end.toISOString(),
        totalCents: 475,
        currency: 'USD',
        expiresAt: plus(TUESDAY_5PM, 15).toISOString(),
        graceApplied: false,
        firstPeriodCents: 250,
        windows: [
          {
            from: start.toISOString(),
            to: plus(start, 195).toISOString(),
            billedMinutes: 195,
            cents: 475,
            capped: false,
            segments: [{ from: '2030-01-15T18:00:00.000Z', to: '2030-01-15T20:15:00.000Z', minutes: 135, ratePerHourCents: 100 }],
          },
        ],
      });
      expect(body).toMatchObject(asJson(priceStay(DAY_AND_NIGHT, start, end)));
    });

    it('gives the breakdown of longer stays as priceStay does: a capped day, a weekend, the grace period', async () => {
      const lotId = await newLot();
      const windows: [number, number][] = [
        [0, 7 * 24 * 60], // a whole week from Tuesday 17:00: capped weekdays, cheaper weekend
        [90, 90 + 26 * 60 + 7], // two windows, the first capped
        [5, 15], // 10 minutes: free
        [3, 4], // 1 minute: free too
      ];
      for (const [from, to] of windows) {
        const [start, end] = [plus(TUESDAY_5PM, from), plus(TUESDAY_5PM, to)];
        const body = await quote(driver, lotId, start, end);
        expect(body).toMatchObject({ startAt: start.toISOString(), endAt: end.toISOString(), ...asJson(priceStay(DAY_AND_NIGHT, start, end)) });
        expect(body.windows.reduce((sum, window) => sum + window.cents, 0)).toBe(body.totalCents);
      }
      const week = await quote(driver, lotId, TUESDAY_5PM, plus(TUESDAY_5PM, 7 * 24 * 60));
      expect(week.windows).toHaveLength(7);
      expect(week.windows.some((window) => window.capped)).toBe(true);
    });

    it('refuses windows in the past, over 365 days ahead, under 1 minute or over 7 days (400), an unknown lot (404), an archived one (409)', async () => {
      const lotId = await newLot();
      const bad: [Date, Date, string][] = [
        [plus(TUESDAY_5PM, -2), plus(TUESDAY_5PM, 60), 'startAt'],
        [plus(TUESDAY_5PM, 365 * 24 * 60 + 1), plus(TUESDAY_5PM, 365 * 24 * 60 + 60), 'startAt'],
        [plus(TUESDAY_5PM, 10), new Date(plus(TUESDAY_5PM, 10).getTime() + 59_000), 'endAt'],
        [plus(TUESDAY_5PM, 10), plus(TUESDAY_5PM, 10 + 7 * 24 * 60 + 1), 'endAt'],
      ];
      for (const [start, end, field] of bad) {
        const response = await api(driver, 'post', '/quotes').send({ lotId, startAt: start.toISOString(), endAt: end.toISOString() }).expect(400);
        expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field }] });
      }
      // One minute of clock skew is allowed, and a 1-minute stay.
      await quote(driver, lotId, plus(TUESDAY_5PM, -1), TUESDAY_5PM);
      await api(driver, 'post', '/quotes').send({ lotId, startAt: '2030-01-15T18:00:00', endAt: '2030-01-15T19:00:00Z' }).expect(400);
      await api(driver, 'post', '/quotes').send({ lotId, startAt: plus(TUESDAY_5PM, 5).toISOString(), endAt: plus(TUESDAY_5PM, 65).toISOString(), extra: 1 }).expect(400);

      const window = { startAt: plus(TUESDAY_5PM, 5).toISOString(), endAt: plus(TUESDAY_5PM, 65).toISOString() };
      const unknown = await api(driver, 'post', '/quotes').send({ lotId: '00000000-0000-4000-8000-00000000beef', ...window }).expect(404);
      expect(unknown.body).toMatchObject({ code: 'NOT_FOUND', message: 'Lot not found' });
      await api(admin, 'delete', `/lots/${lotId}`).expect(204);
      expect((await api(driver, 'post', '/quotes').send({ lotId, ...window }).expect(409)).body).toMatchObject({ code: 'LOT_ARCHIVED' });
      await api(undefined, 'post', '/quotes').send({ lotId, ...window }).expect(401);
    });
  });

  describe('POST /bookings with a quoteId (R-QUOTE-2)', () => {
    it('books at the quoted price and version even after the tariff changed; without a quote, under the new tariff', async () => {
      const lotId = await newLot();
      const [start, end] = [plus(TUESDAY_5PM, 60), plus(TUESDAY_5PM, 250)];
      const quoted = await quote(driver, lotId, start, end);
      await api(admin, 'put', `/lots/${lotId}/tariff`).send(oneBandTariff(1000, 'Europe/Berlin')).expect(200);

      // The same instants written with another offset are the same window.
      const booked = await reserve(driver, { lotId, startAt: '2030-01-15T18:00:00+01:00', endAt: '2030-01-15T21:10:00+01:00', quoteId: quoted.quoteId }).expect(201);
      expect(booked.body).toMatchObject({ tariffVersion: 2, quotedCents: 475, estimatedCostCents: 475, costCents: 0, status: 'reserved' });
      expect((await api(driver, 'get', `/bookings/${booked.body.id}`).expect(200)).body).toMatchObject({ tariffVersion: 2, quotedCents: 475 });

      // 190 minutes at 10.00 an hour: 3166.67 → 3167.
      const unquoted = await reserve(driver, { lotId, startAt: start.toISOString(), endAt: end.toISOString() }).expect(201);
      expect(unquoted.body).toMatchObject({ tariffVersion: 3, quotedCents: 3167, estimatedCostCents: 3167 });
      expect(unquoted.body.quotedCents).toBe(priceStay(oneBandTariff(1000, 'Europe/Berlin'), start, end).totalCents);

      // A park-now booking is priced when it ends: no quoted price.
      const parked = await api(driver, 'post', '/bookings').send({ lotId, vehicleNumber: vehicle() }).expect(201);
      expect(parked.body).toMatchObject({ tariffVersion: 3, quotedCents: null, estimatedCostCents: null });
    });

    it('refuses another lot’s, another window’s, another driver’s or an unknown quote, and a quote for park now (400 QUOTE_MISMATCH); books nothing', async () => {
      const [lotId, otherLotId] = [await newLot(), await newLot()];
      const [start, end] = [plus(TUESDAY_5PM, 60), plus(TUESDAY_5PM, 180)];
      const mine = await quote(driver, lotId, start, end);
      const theirs = await quote(other, lotId, start, end);
      const window = { startAt: start.toISOString(), endAt: end.toISOString() };
      const attempts = [
        reserve(driver, { lotId: otherLotId, ...window, quoteId: mine.quoteId }),
        reserve(driver, { lotId, startAt: start.toISOString(), endAt: plus(end, 15).toISOString(), quoteId: mine.quoteId }),
        reserve(driver, { lotId, startAt: plus(start, 15).toISOString(), endAt: end.toISOString(), quoteId: mine.quoteId }),
        reserve(driver, { lotId, ...window, quoteId: theirs.quoteId }),
        reserve(driver, { lotId, ...window, quoteId: '00000000-0000-4000-8000-00000000beef' }),
        api(driver, 'post', '/bookings').send({ lotId, vehicleNumber: vehicle(), quoteId: mine.quoteId }),
      ];
      for (const attempt of attempts) {
        const response = await attempt.expect(400);
        expect(response.body).toEqual({ statusCode: 400, code: 'QUOTE_MISMATCH', message: expect.any(String) });
      }
      await reserve(driver, { lotId, ...window, quoteId: 'not-a-uuid' }).expect(400);
      expect(await db.query(`SELECT count(*)::int AS n FROM bookings WHERE lot_id = ANY($1::uuid[])`, [[lotId, otherLotId]])).toEqual([{ n: 0 }]);
      // The quote still books for its owner, lot and window.
      await reserve(driver, { lotId, ...window, quoteId: mine.quoteId }).expect(201);
    });

    it('refuses a quote 15 minutes after it was given (409 QUOTE_EXPIRED, by the clock), and takes it a moment before', async () => {
      const lotId = await newLot();
      const window = { startAt: plus(TUESDAY_5PM, 60).toISOString(), endAt: plus(TUESDAY_5PM, 120).toISOString() };
      const first = await quote(driver, lotId, new Date(window.startAt), new Date(window.endAt));
      const second = await quote(driver, lotId, new Date(window.startAt), new Date(window.endAt));
      clock.advanceMinutes(16);
      const expired = await reserve(driver, { lotId, ...window, quoteId: first.quoteId }).expect(409);
      expect(expired.body).toEqual({ statusCode: 409, code: 'QUOTE_EXPIRED', message: expect.any(String) });
      clock.set(plus(TUESDAY_5PM, 14));
      await reserve(driver, { lotId, ...window, quoteId: second.quoteId }).expect(201);
    });
  });

  describe('what a booking costs (R-TARIFF-3)', () => {
    it('charges an overstay as the same stay continued: price(start, release), one first period', async () => {
      const lotId = await newLot();
      const [start, end] = [plus(TUESDAY_5PM, 10), plus(TUESDAY_5PM, 70)];
      const booked = await reserve(driver, { lotId, startAt: start.toISOString(), endAt: end.toISOString() }).expect(201);
      // 17:10–18:10 in Berlin: the first hour, 2.50.
      expect(booked.body.quotedCents).toBe(250);
      await api(driver, 'post', `/bookings/${booked.body.id}/check-in`).expect(200);

      clock.set(plus(end, 31));
      const active = await api(driver, 'get', `/bookings/${booked.body.id}`).expect(200);
      const releasedAt = clock.now();
      // 91 minutes billed as 105: the first hour 250, then 45 weekday minutes at 3.00 until 19:00 Berlin = 225.
      const expected = priceStay(DAY_AND_NIGHT, start, releasedAt).totalCents;
      expect(expected).toBe(250 + 225);
      expect(active.body).toMatchObject({ status: 'active', costCents: expected, overstayMinutes: 31 });
      const released = await api(driver, 'post', `/bookings/${booked.body.id}/release`).expect(200);
      expect(released.body).toMatchObject({ status: 'completed', costCents: expected });
      // Pricing the overstay as a stay of its own would have charged a second first period.
      const split = priceStay(DAY_AND_NIGHT, start, end).totalCents + priceStay(DAY_AND_NIGHT, end, releasedAt).totalCents;
      expect(split).toBe(250 + 250);
      expect(released.body.costCents).not.toBe(split);
    });

    it('shows the running cost of an active park-now booking as a quote of the same span, on the admin’s spot view too', async () => {
      const lotId = await newLot();
      const span = await quote(driver, lotId, TUESDAY_5PM, plus(TUESDAY_5PM, 95));
      const parked = await api(driver, 'post', '/bookings').send({ lotId, vehicleNumber: vehicle() }).expect(201);
      expect(parked.body.startAt).toBe(TUESDAY_5PM.toISOString());
      clock.advanceMinutes(95);
      const running = await api(driver, 'get', `/bookings/${parked.body.id}`).expect(200);
      expect(running.body.costCents).toBe(span.totalCents);
      expect(span.totalCents).toBe(priceStay(DAY_AND_NIGHT, TUESDAY_5PM, plus(TUESDAY_5PM, 95)).totalCents);
      const spots = await api(admin, 'get', `/lots/${lotId}/spots`).expect(200);
      const held = spots.body.items.find((spot: { current?: { bookingId: string } }) => spot.current?.bookingId === parked.body.id);
      expect(held.current.costCents).toBe(span.totalCents);
      const released = await api(driver, 'post', `/bookings/${parked.body.id}/release`).expect(200);
      expect(released.body.costCents).toBe(span.totalCents);
    });

    it('keeps pricing a booking made before tariffs (no version) at its own rate, not the lot’s tariff', async () => {
      const lotId = await newLot();
      const parked = await api(driver, 'post', '/bookings').send({ lotId, vehicleNumber: vehicle() }).expect(201);
      // As the migration leaves a booking made before tariffs: no version, its own rate of 4.80 an hour.
      await db.query(`UPDATE bookings SET tariff_version = NULL, rate_per_hour_cents = 480 WHERE id = $1`, [parked.body.id]);
      clock.advanceMinutes(95);
      // R-PRICE-2: 95 minutes at 4.80 an hour = 760; the day/night tariff would charge 250 + 45 × 3.00 / 60 = 475.
      const running = await api(driver, 'get', `/bookings/${parked.body.id}`).expect(200);
      expect(running.body).toMatchObject({ tariffVersion: null, ratePerHourCents: 480, costCents: 760 });
      const released = await api(driver, 'post', `/bookings/${parked.body.id}/release`).expect(200);
      expect(released.body.costCents).toBe(760);
    });

    it('estimates availability as a quote of the same window under the current tariff', async () => {
      const lotId = await newLot();
      const [start, end] = [plus(TUESDAY_5PM, 60), plus(TUESDAY_5PM, 250)];
      const availability = await api(driver, 'get', `/lots/${lotId}/availability`).query({ startAt: start.toISOString(), endAt: end.toISOString() }).expect(200);
      expect(availability.body.estimatedCostCents).toBe((await quote(driver, lotId, start, end)).totalCents);
      expect(availability.body.estimatedCostCents).toBe(475);
    });
  });
});
