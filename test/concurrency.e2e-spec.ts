import { randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { listenHttp } from '../src/http-app';
import { contractViolation } from './support/openapi-contract';
import { createLot, createTestApp, loginAdmin, registerVerified, settleQueues, SignedIn, TestApp } from './support/test-app';

/**
 * R-BOOK-8 and R-CACHE-1 under load, through real HTTP: the app listens on a port and every request is a
 * real connection (global fetch), so hundreds of bookings are truly in flight at once. Each test asserts
 * the exact number of successes, the code of every failure, and what the database holds afterwards.
 */

const DRIVERS = 50;
const HOUR = 3_600_000;

interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies of several endpoints
  body: any;
}

/** "201", "409 LOT_FULL", …: one key per status (and error code), counted. */
function tally(replies: Reply[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { status, body } of replies) {
    const key = status >= 400 ? `${status} ${body?.code ?? '(no code)'}` : String(status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe('concurrent bookings through HTTP (R-BOOK-8, R-CACHE-1)', () => {
  let t: TestApp;
  let db: DataSource;
  let base: string;
  let admin: SignedIn;
  const drivers: SignedIn[] = [];
  /** Vehicle numbers of this run start with it, so they never meet another test file's vehicles. */
  const tag = `Q${randomBytes(2).toString('hex').toUpperCase()}`;

  async function send(method: string, path: string, token?: string, body?: object): Promise<Reply> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // keep the text: a non-JSON body is itself a finding
    }
    // These requests bypass supertest, whose responses openapi-contract.setup.ts checks.
    const violation = contractViolation({ method, url: path, status: response.status, contentType: response.headers.get('content-type') ?? undefined, body: parsed, text });
    if (violation) throw violation;
    return { status: response.status, body: parsed };
  }

  const parkNow = (who: SignedIn, lotId: string, vehicleNumber: string) => send('POST', '/api/bookings', who.accessToken, { lotId, vehicleNumber });
  const reserve = (who: SignedIn, lotId: string, vehicleNumber: string, startAt: Date, endAt: Date) =>
    send('POST', '/api/bookings', who.accessToken, { lotId, vehicleNumber, type: 'reserved', startAt: startAt.toISOString(), endAt: endAt.toISOString() });

  /** A lot as the driver list shows it (R-LOT-5), found by its unique name. */
  async function listedLot(who: SignedIn, lot: { id: string; name: string }) {
    const reply = await send('GET', `/api/lots?search=${encodeURIComponent(lot.name)}`, who.accessToken);
    expect(reply.status).toBe(200);
    const item = reply.body.items.find((candidate: { id: string }) => candidate.id === lot.id);
    expect(item).toBeDefined();
    return item as { capacity: number; available: number; occupied: number; reserved: number; outOfService: number };
  }

  /** Pairs of bookings of one spot (or one vehicle) whose periods overlap: must always be none. */
  async function overlaps(column: 'spot_id' | 'vehicle_number', lotId: string): Promise<unknown[]> {
    return db.query(
      `SELECT a.id AS first, b.id AS second, a.${column} AS shared, a.period AS first_period, b.period AS second_period
       FROM bookings a
       JOIN bookings b ON b.${column} = a.${column} AND b.id > a.id AND b.period && a.period
       WHERE a.status <> 'cancelled' AND b.status <> 'cancelled' AND (a.lot_id = $1 OR b.lot_id = $1)`,
      [lotId],
    );
  }

  beforeAll(async () => {
    // Enough connections that 1,000 requests queue for the pool, not for a handful of connections.
    t = await createTestApp({ DB_POOL_SIZE: '30' });
    await listenHttp(t.app, 0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    db = t.app.get(DataSource);
    admin = await loginAdmin(t);
    // argon2 hashing is CPU heavy: register in batches of 10.
    for (let start = 0; start < DRIVERS; start += 10) {
      drivers.push(...(await Promise.all(Array.from({ length: 10 }, () => registerVerified(t, 'racer')))));
    }
  }, 180_000);

  afterAll(async () => {
    // A thousand confirmation mails are still on their way: let them arrive before the worker closes.
    if (t) await settleQueues(t, 60_000);
    await t?.close();
  });

  it('1,000 simultaneous park-now requests on 100 spots: exactly 100 bookings on 100 distinct spots, 900 LOT_FULL', async () => {
    const lot = await createLot(t, admin.accessToken, { name: 'Rush', capacity: 100 });
    // 50 drivers × 20 vehicles each: 1,000 distinct vehicles, so the only possible refusal is LOT_FULL.
    const requests = drivers.flatMap((driver, d) =>
      Array.from({ length: 20 }, (_, v) => ({ driver, vehicle: `${tag}A${String(d).padStart(2, '0')}${String(v).padStart(2, '0')}` })),
    );
    expect(new Set(requests.map((r) => r.vehicle)).size).toBe(1000);

    const started = performance.now();
    const replies = await Promise.all(requests.map((r) => parkNow(r.driver, lot.id, r.vehicle)));
    const wallMs = performance.now() - started;
    // eslint-disable-next-line no-console -- the one figure this suite prints; bench/contention.ts measures it properly
    console.log(`1,000 simultaneous park-now requests answered in ${Math.round(wallMs)} ms (target of the issue: < 5,000 ms; not asserted)`);

    // No 5xx, no other code, and no lost spot: a lost race that was not retried would turn a 201 into a LOT_FULL.
    expect(tally(replies)).toEqual({ '201': 100, '409 LOT_FULL': 900 });
    const booked = replies.filter((reply) => reply.status === 201).map((reply) => reply.body);
    expect(booked.every((b) => b.lotId === lot.id && b.status === 'active' && b.type === 'instant')).toBe(true);
    expect(booked.map((b) => b.spotNumber).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));

    // The database holds exactly the 100 bookings that were answered 201: one per spot, one per vehicle.
    const rows: { id: string; spot_id: string; vehicle_number: string; status: string; spot_lot: string }[] = await db.query(
      `SELECT b.id, b.spot_id, b.vehicle_number, b.status, s.lot_id AS spot_lot FROM bookings b JOIN spots s ON s.id = b.spot_id WHERE b.lot_id = $1`,
      [lot.id],
    );
    expect(rows).toHaveLength(100);
    expect(rows.every((row) => row.status === 'active' && row.spot_lot === lot.id)).toBe(true);
    expect(new Set(rows.map((row) => row.spot_id)).size).toBe(100);
    expect(new Set(rows.map((row) => row.vehicle_number)).size).toBe(100);
    expect(rows.map((row) => row.id).sort()).toEqual(booked.map((b) => b.id).sort());
    const twice = await db.query(
      `SELECT vehicle_number, count(*)::int AS n FROM bookings WHERE vehicle_number = ANY($1) GROUP BY vehicle_number HAVING count(*) > 1`,
      [requests.map((r) => r.vehicle)],
    );
    expect(twice).toEqual([]);
    expect(await overlaps('spot_id', lot.id)).toEqual([]);
  }, 180_000);

  it('one vehicle parked at once in 20 lots: exactly one booking, 19 VEHICLE_BUSY', async () => {
    const lots = [];
    for (let start = 0; start < 20; start += 5) {
      lots.push(...(await Promise.all(Array.from({ length: 5 }, () => createLot(t, admin.accessToken, { name: 'Spread', capacity: 2 })))));
    }
    const vehicle = `${tag}B0001`;
    // Twenty different drivers: the vehicle rule holds across accounts, not just within one.
    const replies = await Promise.all(lots.map((lot, i) => parkNow(drivers[i], lot.id, vehicle)));

    expect(tally(replies)).toEqual({ '201': 1, '409 VEHICLE_BUSY': 19 });
    const rows: { status: string; lot_id: string }[] = await db.query(`SELECT status, lot_id FROM bookings WHERE vehicle_number = $1`, [vehicle]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual({ status: 'active', lot_id: replies.find((reply) => reply.status === 201)!.body.lotId });
  }, 60_000);

  it('30 simultaneous reservations of one window on 10 spots: exactly 10 on distinct spots, 20 NO_SPOT_AVAILABLE', async () => {
    const lot = await createLot(t, admin.accessToken, { name: 'Window', capacity: 10 });
    const startAt = new Date(Math.ceil((Date.now() + 3 * HOUR) / 60_000) * 60_000);
    const endAt = new Date(startAt.getTime() + 2 * HOUR);
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) => reserve(drivers[i % DRIVERS], lot.id, `${tag}C${String(i).padStart(3, '0')}`, startAt, endAt)),
    );

    expect(tally(replies)).toEqual({ '201': 10, '409 NO_SPOT_AVAILABLE': 20 });
    const booked = replies.filter((reply) => reply.status === 201).map((reply) => reply.body);
    expect(booked.every((b) => b.status === 'reserved' && b.startAt === startAt.toISOString() && b.endAt === endAt.toISOString())).toBe(true);
    expect(booked.map((b) => b.spotNumber).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

    const rows: { id: string; spot_id: string; status: string }[] = await db.query(`SELECT id, spot_id, status FROM bookings WHERE lot_id = $1`, [lot.id]);
    expect(rows.map((row) => row.id).sort()).toEqual(booked.map((b) => b.id).sort());
    expect(rows.every((row) => row.status === 'reserved')).toBe(true);
    expect(new Set(rows.map((row) => row.spot_id)).size).toBe(10);
    expect(await overlaps('spot_id', lot.id)).toEqual([]);
  }, 60_000);

  // With more requests than spots (above) a request that lost a race without retrying is hidden: someone
  // else takes the spot later. With exactly as many drivers as spots, every refusal is a lost race.
  it('as many drivers as spots parking and releasing over and over: every park-now gets a spot (lost races are retried)', async () => {
    const lot = await createLot(t, admin.accessToken, { name: 'Churn', capacity: DRIVERS });
    const replies: Reply[] = [];
    await Promise.all(
      drivers.map(async (driver, d) => {
        const plate = `${tag}F${String(d).padStart(3, '0')}`;
        for (let cycle = 0; cycle < 10; cycle++) {
          const parked = await parkNow(driver, lot.id, plate);
          replies.push(parked);
          if (parked.status === 201) replies.push(await send('POST', `/api/bookings/${parked.body.id}/release`, driver.accessToken));
        }
      }),
    );

    expect(tally(replies)).toEqual({ '201': 10 * DRIVERS, '200': 10 * DRIVERS });
    const [counts] = await db.query(`SELECT count(*)::int AS bookings, count(*) FILTER (WHERE status = 'completed')::int AS completed FROM bookings WHERE lot_id = $1`, [lot.id]);
    expect(counts).toEqual({ bookings: 10 * DRIVERS, completed: 10 * DRIVERS });
    expect(await overlaps('spot_id', lot.id)).toEqual([]);
    expect(await overlaps('vehicle_number', lot.id)).toEqual([]);
  }, 120_000);

  it('as many simultaneous reservations as spots: every one gets a spot, 3 lots in a row', async () => {
    const startAt = new Date(Math.ceil((Date.now() + 5 * HOUR) / 60_000) * 60_000);
    const endAt = new Date(startAt.getTime() + HOUR);
    for (let round = 0; round < 3; round++) {
      const lot = await createLot(t, admin.accessToken, { name: 'Booked out', capacity: DRIVERS });
      const replies = await Promise.all(drivers.map((driver, d) => reserve(driver, lot.id, `${tag}G${round}${String(d).padStart(3, '0')}`, startAt, endAt)));
      expect({ round, answers: tally(replies) }).toEqual({ round, answers: { '201': DRIVERS } });
      expect(new Set(replies.map((reply) => reply.body.spotNumber)).size).toBe(DRIVERS);
      expect(await overlaps('spot_id', lot.id)).toEqual([]);
    }
  }, 60_000);

  it('a cached lot list read right after each booking shows the new counts', async () => {
    const capacity = 12;
    const lot = await createLot(t, admin.accessToken, { name: 'Cached', capacity });
    const driver = drivers[0];
    for (let i = 1; i <= 10; i++) {
      // This read fills the cache with the counts before the booking: the read after it would hit that
      // entry unless the booking invalidated it.
      expect(await listedLot(driver, lot)).toMatchObject({ capacity, occupied: i - 1, available: capacity - (i - 1) });
      expect((await parkNow(driver, lot.id, `${tag}D${String(i).padStart(3, '0')}`)).status).toBe(201);
      expect(await listedLot(driver, lot)).toMatchObject({ capacity, occupied: i, available: capacity - i, reserved: 0, outOfService: 0 });
    }
  }, 60_000);

  it('mixed park-now, release, reservations and reads at once: only 2xx and expected 409s, no double-booked spot', async () => {
    const capacity = 6;
    const lot = await createLot(t, admin.accessToken, { name: 'Mixed', capacity });
    const soon = Math.ceil((Date.now() + HOUR) / 60_000) * 60_000;
    let seq = 0;
    const vehicle = () => `${tag}E${String(++seq).padStart(3, '0')}`;
    const kinds: Record<'park' | 'release' | 'reserve' | 'read', Reply[]> = { park: [], release: [], reserve: [], read: [] };
    const released: string[] = [];

    const operations: (() => Promise<void>)[] = [];
    // 40 drivers park and release at once, 40 more park and stay.
    for (let i = 0; i < 40; i++) {
      const driver = drivers[i % DRIVERS];
      const plate = vehicle();
      operations.push(async () => {
        const parked = await parkNow(driver, lot.id, plate);
        kinds.park.push(parked);
        if (parked.status !== 201) return;
        released.push(parked.body.id);
        kinds.release.push(await send('POST', `/api/bookings/${parked.body.id}/release`, driver.accessToken));
      });
    }
    for (let i = 0; i < 40; i++) {
      const driver = drivers[(i + 7) % DRIVERS];
      const plate = vehicle();
      operations.push(async () => void kinds.park.push(await parkNow(driver, lot.id, plate)));
    }
    // 50 reservations over five overlapping one-hour windows, 20 minutes apart.
    for (let i = 0; i < 50; i++) {
      const driver = drivers[(i + 13) % DRIVERS];
      const plate = vehicle();
      const startAt = new Date(soon + (i % 5) * 20 * 60_000);
      operations.push(async () => void kinds.reserve.push(await reserve(driver, lot.id, plate, startAt, new Date(startAt.getTime() + HOUR))));
    }
    // 70 reads of what the bookings change: the list, the lot and its availability.
    const window = `startAt=${encodeURIComponent(new Date(soon).toISOString())}&endAt=${encodeURIComponent(new Date(soon + HOUR).toISOString())}`;
    const reads = [`/api/lots?search=${encodeURIComponent(lot.name)}`, `/api/lots/${lot.id}`, `/api/lots/${lot.id}/availability?${window}`];
    for (let i = 0; i < 70; i++) {
      const driver = drivers[(i + 21) % DRIVERS];
      operations.push(async () => void kinds.read.push(await send('GET', reads[i % reads.length], driver.accessToken)));
    }
    await Promise.all(operations.map((operation) => operation()));

    // Every answer is a success or the documented conflict of its kind: never a 5xx or another error.
    const allowed = { park: ['201', '409 LOT_FULL'], release: ['200'], reserve: ['201', '409 NO_SPOT_AVAILABLE'], read: ['200'] };
    for (const kind of Object.keys(kinds) as (keyof typeof kinds)[]) {
      expect({ kind, statuses: Object.keys(tally(kinds[kind])).filter((key) => !allowed[kind].includes(key)) }).toEqual({ kind, statuses: [] });
    }
    expect(kinds.park).toHaveLength(80);
    expect(kinds.reserve).toHaveLength(50);
    expect(kinds.read).toHaveLength(70);
    expect(kinds.release).toHaveLength(released.length);
    const created = [...kinds.park, ...kinds.reserve].filter((reply) => reply.status === 201).map((reply) => reply.body.id as string);
    expect(created.length).toBeGreaterThan(0);

    // The database holds exactly the answered bookings, in the state their answers imply.
    const rows: { id: string; status: string }[] = await db.query(`SELECT id, status FROM bookings WHERE lot_id = $1`, [lot.id]);
    expect(rows.map((row) => row.id).sort()).toEqual([...created].sort());
    const statusOf = new Map(rows.map((row) => [row.id, row.status]));
    expect(released.every((id) => statusOf.get(id) === 'completed')).toBe(true);
    const active = rows.filter((row) => row.status === 'active').length;
    expect(active).toBeLessThanOrEqual(capacity);
    expect(active).toBe(kinds.park.filter((reply) => reply.status === 201).length - released.length);
    expect(await overlaps('spot_id', lot.id)).toEqual([]);
    expect(await overlaps('vehicle_number', lot.id)).toEqual([]);

    // And the (cached) list agrees with the database once the dust settles.
    expect(await listedLot(drivers[0], lot)).toMatchObject({ capacity, occupied: active, available: capacity - active });
  }, 120_000);
});
