import { QueryRunner } from 'typeorm';
import { BookingStatus } from '../../bookings/entities/booking.entity';
import { BookingSimulator, SimulatedBooking, SimulatedChunk, SimulatedLot, SimulatedPayment, SimulatedReview, SimulatedVehicle } from './booking-simulator';
import { CITY, FIRST_NAMES, LAST_NAMES, LOT_SITES, PLATE_REGIONS, STREETS } from './demo-names';
import { Column, insertRows, iso } from './insert-rows';
import { LocalHours } from './local-hours';
import { Random } from './random';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Reservations reach this far ahead of now. */
const HORIZON = 7 * DAY;
/** Share of the spots of open lots out of service. */
const OUT_OF_SERVICE_SHARE = 0.02;

export interface DemoSeedOptions {
  lots: number;
  spotsPerLot: number;
  drivers: number;
  months: number;
  /** Average arrivals per spot per day at the busiest lot, before spots being taken turns some away. */
  arrivalsPerSpotDay: number;
  seed: number;
  timeZone: string;
  /** The password of every driver account, already hashed the way the app hashes. */
  passwordHash: string;
  now: Date;
}

/** One phase's progress: the bin draws it as a bar; tests ignore it. */
export interface ProgressBar {
  update(value: number, detail?: string): void;
  stop(): void;
}

export type ProgressFactory = (phase: string, total: number, unit: string) => ProgressBar;

export interface DemoSeedSummary {
  drivers: number;
  vehicles: number;
  lots: number;
  archivedLots: number;
  spots: number;
  outOfService: number;
  bookings: Record<BookingStatus, number>;
  payments: number;
  reviews: number;
  /** Arrivals dropped because every vehicle that could have come was parked elsewhere: add drivers. */
  skippedArrivals: number;
  sampleLogin: string;
}

interface Driver {
  id: string;
  email: string;
  username: string;
  fullName: string;
  createdAt: number;
  verifiedAt: number;
}

interface DemoLot extends SimulatedLot {
  name: string;
  address: string;
  postalCode: string;
  createdAt: number;
}

/** ASCII letters only, lower-case: "Müller" → "muller", "O’Brien" → "obrien". */
const slug = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

/**
 * Fills a migrated database with a realistic demo: lots with spots, verified drivers with vehicles, and
 * months of bookings simulated arrival by arrival, with payments and reviews. Everything is written with
 * set-based INSERTs in chunks; the same seed gives the same data.
 */
export class DemoSeeder {
  private readonly random: Random;
  private readonly now: number;
  private readonly from: number;

  /** Runs everything that is done once; booking chunks go to every runner in turn. */
  private readonly runner: QueryRunner;

  /**
   * `runners`: connections of their own (at least one). The exclusion constraints' gist indexes make
   * each booking row costly to insert, so chunks are inserted on several connections at once.
   */
  constructor(
    private readonly runners: QueryRunner[],
    private readonly options: DemoSeedOptions,
    private readonly progress: ProgressFactory,
  ) {
    this.runner = runners[0];
    this.random = new Random(options.seed);
    this.now = Math.floor(options.now.getTime() / 1000) * 1000;
    this.from = this.now - Math.round(options.months * 30.44 * DAY);
  }

  async run(): Promise<DemoSeedSummary> {
    // A seed is re-run from scratch anyway: losing the last commits on a crash is harmless, so no chunk
    // waits for its WAL flush.
    for (const runner of this.runners) await runner.query(`SET synchronous_commit = off`);
    const drivers = await this.insertDrivers();
    const vehicles = await this.vehiclesOf(drivers);
    const lots = await this.insertLots();
    const simulated = await this.simulateBookings(lots, vehicles);
    const outOfService = await this.takeSpotsOutOfService(lots);
    await this.vacuum();
    return {
      drivers: drivers.length,
      vehicles: vehicles.length,
      lots: lots.length,
      archivedLots: lots.filter((lot) => lot.closesAt !== null).length,
      spots: lots.reduce((sum, lot) => sum + lot.spots.length, 0),
      outOfService,
      ...simulated,
      sampleLogin: drivers[0].email,
    };
  }

  /**
   * What autovacuum would do to the tables a while later, at once: planner statistics, and the visibility
   * map that lets index-only scans skip the heap, so the first readers (dashboards, benchmarks) see the
   * database as it is in service rather than freshly bulk-loaded.
   */
  private async vacuum(): Promise<void> {
    const tables = ['users', 'lots', 'spots', 'bookings', 'payments', 'reviews'];
    const bar = this.progress('Vacuum, analyze', tables.length, 'tables');
    for (const [done, table] of tables.entries()) {
      await this.runner.query(`VACUUM (ANALYZE) ${table}`);
      bar.update(done + 1);
    }
    bar.stop();
  }

  /** Drivers joined over the months (a third before them), all verified and active. */
  private async insertDrivers(): Promise<Driver[]> {
    const { drivers: count, passwordHash } = this.options;
    const bar = this.progress('Drivers', count, 'drivers');
    // Numbered after the existing users, so a --force run never collides with an earlier one's names.
    const [{ users: existing }] = await this.runner.query(`SELECT count(*)::int AS users FROM users`);
    const drivers = Array.from({ length: count }, (_, i): Driver => {
      const [first, last] = [this.random.pick(FIRST_NAMES), this.random.pick(LAST_NAMES)];
      const handle = `${slug(first)}.${slug(last)}${existing + i + 1}`;
      const createdAt = this.random.chance(0.35)
        ? this.from - this.random.between(1, 120) * DAY
        : this.random.between(this.from, this.now - HOUR);
      return {
        id: this.random.uuid(),
        email: `${handle}@example.com`,
        username: handle.slice(0, 32),
        fullName: `${first} ${last}`,
        createdAt: Math.floor(createdAt),
        verifiedAt: Math.floor(createdAt + this.random.between(1, 15) * MINUTE),
      };
    });
    const columns: Column<Driver>[] = [
      { name: 'id', type: 'uuid', value: (d) => d.id },
      { name: 'email', type: 'varchar', value: (d) => d.email },
      { name: 'username', type: 'varchar', value: (d) => d.username },
      { name: 'password_hash', type: 'varchar', value: () => passwordHash },
      { name: 'full_name', type: 'varchar', value: (d) => d.fullName },
      { name: 'role', type: 'user_role', value: () => 'user' },
      { name: 'is_active', type: 'boolean', value: () => true },
      { name: 'email_verified_at', type: 'timestamptz', value: (d) => iso(d.verifiedAt) },
      { name: 'created_at', type: 'timestamptz', value: (d) => iso(d.createdAt) },
      { name: 'updated_at', type: 'timestamptz', value: (d) => iso(d.verifiedAt) },
    ];
    await insertRows(this.runner, 'users', columns, drivers, (inserted) => bar.update(inserted));
    bar.stop();
    return drivers;
  }

  /** One to three vehicles per driver, with plates no earlier booking used. */
  private async vehiclesOf(drivers: Driver[]): Promise<SimulatedVehicle[]> {
    const used = new Set<string>((await this.runner.query(`SELECT DISTINCT vehicle_number FROM bookings`)).map((row: { vehicle_number: string }) => row.vehicle_number));
    const plate = () => {
      for (;;) {
        const letters = String.fromCharCode(65 + this.random.int(0, 25), 65 + this.random.int(0, 25));
        const candidate = `${this.random.pick(PLATE_REGIONS)}${String(this.random.int(1, 99)).padStart(2, '0')}${letters}${this.random.int(1000, 9999)}`;
        if (!used.has(candidate)) return used.add(candidate), candidate;
      }
    };
    return drivers.flatMap((driver) => {
      const activity = 0.1 + 0.9 * this.random.next() ** 2;
      const count = this.random.weighted([
        [1, 65],
        [2, 28],
        [3, 7],
      ]);
      const availableFrom = driver.verifiedAt + Math.floor(this.random.between(0.2, 48) * HOUR);
      return Array.from({ length: count }, () => ({ number: plate(), userId: driver.id, availableFrom, activity }));
    });
  }

  /** Lots named after real-sounding sites, priced by area; with four or more, the last one closed a month ago. */
  private async insertLots(): Promise<DemoLot[]> {
    const { lots: count, spotsPerLot } = this.options;
    const bar = this.progress('Lots and spots', count, 'lots');
    const taken = new Set<string>((await this.runner.query(`SELECT lower(name) AS name FROM lots WHERE archived_at IS NULL`)).map((row: { name: string }) => row.name));
    const lots = Array.from({ length: count }, (_, i): DemoLot => {
      const site = LOT_SITES[i % LOT_SITES.length];
      let name = i < LOT_SITES.length ? site.name : `${site.name} ${Math.floor(i / LOT_SITES.length) + 1}`;
      for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${site.name} (${k})`;
      taken.add(name.toLowerCase());
      const closes = count >= 4 && i === count - 1;
      return {
        id: this.random.uuid(),
        name,
        address: `${this.random.int(1, 240)} ${this.random.pick(STREETS)}, ${CITY}`,
        postalCode: String(this.random.int(10000, 99999)),
        ratePerHourCents: Math.round((150 + 450 * site.price * this.random.between(0.85, 1.15)) / 10) * 10,
        spots: [],
        demand: site.demand,
        quality: this.random.next(),
        closesAt: closes ? this.now - Math.floor(this.random.between(20, 40) * DAY) : null,
        createdAt: this.from - Math.floor(this.random.between(30, 90) * DAY),
      };
    });
    const columns: Column<DemoLot>[] = [
      { name: 'id', type: 'uuid', value: (l) => l.id },
      { name: 'name', type: 'varchar', value: (l) => l.name },
      { name: 'address', type: 'varchar', value: (l) => l.address },
      { name: 'postal_code', type: 'varchar', value: (l) => l.postalCode },
      { name: 'price_per_hour_cents', type: 'int', value: (l) => l.ratePerHourCents },
      // Its tariff version 1, one band at that rate in this zone, is written by the database with the lot.
      { name: 'time_zone', type: 'text', value: () => this.options.timeZone },
      { name: 'capacity', type: 'int', value: () => spotsPerLot },
      { name: 'archived_at', type: 'timestamptz', value: (l) => iso(l.closesAt) },
      { name: 'created_at', type: 'timestamptz', value: (l) => iso(l.createdAt) },
      { name: 'updated_at', type: 'timestamptz', value: (l) => iso(l.closesAt ?? l.createdAt) },
    ];
    await insertRows(this.runner, 'lots', columns, lots);
    const spots: { id: string; lot_id: string }[] = await this.runner.query(
      `INSERT INTO spots (lot_id, number, created_at)
       SELECT l.id, n, l.created_at FROM lots l CROSS JOIN LATERAL generate_series(1, l.capacity) AS n WHERE l.id = ANY($1::uuid[])
       RETURNING id, lot_id`,
      [lots.map((lot) => lot.id)],
    );
    const byLot = new Map(lots.map((lot) => [lot.id, lot]));
    for (const spot of spots) {
      const lot = byLot.get(spot.lot_id)!;
      // A few spots of open lots went out of service lately: nothing was booked on them since.
      const retired = lot.closesAt === null && this.random.chance(OUT_OF_SERVICE_SHARE);
      lot.spots.push({ id: spot.id, outOfServiceFrom: retired ? this.now - Math.floor(this.random.between(1, 20) * DAY) : null });
    }
    bar.update(count);
    bar.stop();
    return lots;
  }

  /** The months of parking, simulated a day at a time. */
  private async simulateBookings(lots: DemoLot[], vehicles: SimulatedVehicle[]) {
    const horizon = this.now + HORIZON;
    const simulator = new BookingSimulator(lots, vehicles, {
      from: this.from,
      now: this.now,
      horizon,
      arrivalsPerSpotDay: this.options.arrivalsPerSpotDay,
      localHours: new LocalHours(new Date(this.from), new Date(horizon), this.options.timeZone),
      random: this.random,
    });
    const days = Math.ceil((horizon - this.from) / DAY);
    const bar = this.progress('Bookings', days, 'days');
    const counts = Object.fromEntries(Object.values(BookingStatus).map((status) => [status, 0])) as Record<BookingStatus, number>;
    let [payments, reviews, skippedArrivals, total] = [0, 0, 0, 0];
    // Simulating a day is quick; its rows are inserted while the next days are simulated, a day per idle connection.
    const idle = [...this.runners];
    const inserting = new Set<Promise<void>>();
    let failure: { error: unknown } | undefined;
    for (let day = 1; day <= days; day++) {
      const chunk = simulator.advance(this.from + day * DAY);
      for (const booking of chunk.bookings) counts[booking.status]++;
      [payments, reviews, skippedArrivals, total] = [payments + chunk.payments.length, reviews + chunk.reviews.length, skippedArrivals + chunk.skipped, total + chunk.bookings.length];
      while (!idle.length && !failure) await Promise.race(inserting);
      if (failure) break;
      const [runner, progress] = [idle.pop()!, `${total.toLocaleString('en')} bookings`];
      const insert: Promise<void> = this.insertChunk(runner, chunk)
        .then(
          () => {
            idle.push(runner);
            bar.update(day, progress);
          },
          (error: unknown) => void (failure ??= { error }),
        )
        .finally(() => inserting.delete(insert));
      inserting.add(insert);
    }
    await Promise.all(inserting);
    if (failure) throw failure.error;
    bar.update(days, `${total.toLocaleString('en')} bookings`);
    bar.stop();
    return { bookings: counts, payments, reviews, skippedArrivals };
  }

  /** A day's bookings with their payments and reviews, in one transaction (the latter refer to the former). */
  private async insertChunk(runner: QueryRunner, chunk: SimulatedChunk): Promise<void> {
    await runner.startTransaction();
    try {
      await insertRows(runner, 'bookings', this.bookingColumns(), chunk.bookings);
      await insertRows(runner, 'payments', PAYMENT_COLUMNS, chunk.payments);
      await insertRows(runner, 'reviews', REVIEW_COLUMNS, chunk.reviews);
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    }
  }

  private bookingColumns(): Column<SimulatedBooking>[] {
    // The last change a booking saw: check-in, release or expiry; never later than now.
    const updatedAt = (b: SimulatedBooking) =>
      Math.min(this.now, Math.max(b.createdAt, b.checkedInAt ?? 0, b.releasedAt ?? 0, b.status === BookingStatus.Expired ? b.endAt! : 0));
    return [
      { name: 'id', type: 'uuid', value: (b) => b.id },
      { name: 'user_id', type: 'uuid', value: (b) => b.userId },
      { name: 'lot_id', type: 'uuid', value: (b) => b.lotId },
      { name: 'spot_id', type: 'uuid', value: (b) => b.spotId },
      { name: 'vehicle_number', type: 'varchar', value: (b) => b.vehicleNumber },
      { name: 'type', type: 'booking_type', value: (b) => b.type },
      { name: 'status', type: 'booking_status', value: (b) => b.status },
      { name: 'start_at', type: 'timestamptz', value: (b) => iso(b.startAt) },
      { name: 'end_at', type: 'timestamptz', value: (b) => iso(b.endAt) },
      { name: 'checked_in_at', type: 'timestamptz', value: (b) => iso(b.checkedInAt) },
      { name: 'released_at', type: 'timestamptz', value: (b) => iso(b.releasedAt) },
      { name: 'rate_per_hour_cents', type: 'int', value: (b) => b.ratePerHourCents },
      { name: 'tariff_version', type: 'int', value: () => 1 },
      { name: 'cost_cents', type: 'int', value: (b) => b.costCents },
      { name: 'created_at', type: 'timestamptz', value: (b) => iso(b.createdAt) },
      { name: 'updated_at', type: 'timestamptz', value: (b) => iso(updatedAt(b)) },
    ];
  }

  /** The spots the simulation retired are marked out of service (R-SPOT-2: none has a live booking). */
  private async takeSpotsOutOfService(lots: DemoLot[]): Promise<number> {
    const retired = lots.flatMap((lot) => lot.spots.filter((spot) => spot.outOfServiceFrom !== null).map((spot) => spot.id));
    await this.runner.query(`UPDATE spots SET out_of_service = true WHERE id = ANY($1::uuid[])`, [retired]);
    return retired.length;
  }
}

const PAYMENT_COLUMNS: Column<SimulatedPayment>[] = [
  { name: 'id', type: 'uuid', value: (p) => p.id },
  { name: 'booking_id', type: 'uuid', value: (p) => p.bookingId },
  { name: 'user_id', type: 'uuid', value: (p) => p.userId },
  { name: 'amount_cents', type: 'int', value: (p) => p.amountCents },
  { name: 'method', type: 'payment_method', value: (p) => p.method },
  { name: 'created_at', type: 'timestamptz', value: (p) => iso(p.createdAt) },
];

const REVIEW_COLUMNS: Column<SimulatedReview>[] = [
  { name: 'id', type: 'uuid', value: (r) => r.id },
  { name: 'booking_id', type: 'uuid', value: (r) => r.bookingId },
  { name: 'user_id', type: 'uuid', value: (r) => r.userId },
  { name: 'lot_id', type: 'uuid', value: (r) => r.lotId },
  { name: 'rating', type: 'smallint', value: (r) => r.rating },
  { name: 'comment', type: 'varchar', value: (r) => r.comment },
  { name: 'created_at', type: 'timestamptz', value: (r) => iso(r.createdAt) },
];
