import { BookingStatus, BookingType } from '../../bookings/entities/booking.entity';
import { PaymentMethod } from '../../bookings/entities/payment.entity';
import { bookingCost } from '../../bookings/pricing';
import { oneBandTariff } from '../../pricing/tariff';
import { REVIEW_COMMENTS } from './demo-names';
import { LocalHour, LocalHours } from './local-hours';
import { Random } from './random';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const QUARTER = 15 * MINUTE;

export interface SimulatedSpot {
  id: string;
  /** When an admin took it out of service: its bookings all end before. */
  outOfServiceFrom: number | null;
}

export interface SimulatedLot {
  id: string;
  ratePerHourCents: number;
  spots: SimulatedSpot[];
  /** Share (0–1] of the arrivals the busiest lot gets that this lot gets. */
  demand: number;
  /** How well drivers rate it, 0 (poorly) to 1 (very well). */
  quality: number;
  /** When the lot was archived: its bookings all end before. */
  closesAt: number | null;
}

export interface SimulatedVehicle {
  number: string;
  userId: string;
  /** From when its owner can book (the account exists and is verified). */
  availableFrom: number;
  /** How eagerly its driver parks, (0–1]: a few drivers park far more than most. */
  activity: number;
}

export interface SimulatedBooking {
  id: string;
  userId: string;
  lotId: string;
  spotId: string;
  vehicleNumber: string;
  type: BookingType;
  status: BookingStatus;
  startAt: number;
  endAt: number | null;
  checkedInAt: number | null;
  releasedAt: number | null;
  ratePerHourCents: number;
  costCents: number | null;
  createdAt: number;
}

export interface SimulatedPayment {
  id: string;
  bookingId: string;
  userId: string;
  amountCents: number;
  method: PaymentMethod;
  createdAt: number;
}

export interface SimulatedReview {
  id: string;
  bookingId: string;
  userId: string;
  lotId: string;
  rating: number;
  comment: string | null;
  createdAt: number;
}

/** What one step of the simulation produced: bookings starting before `until`, with their payments and reviews. */
export interface SimulatedChunk {
  until: number;
  bookings: SimulatedBooking[];
  payments: SimulatedPayment[];
  reviews: SimulatedReview[];
  /** Arrivals dropped because every vehicle whose driver could book was parked or reserved elsewhere. */
  skipped: number;
}

export interface SimulationOptions {
  /** First instant of the history. */
  from: number;
  now: number;
  /** Reservations are made up to this instant (a week ahead is what drivers plan). */
  horizon: number;
  /** Average arrivals per spot per day the busiest lot would see if no spot were ever taken. */
  arrivalsPerSpotDay: number;
  localHours: LocalHours;
  random: Random;
}

/**
 * Relative arrival intensity by local hour (peak 1): weekdays are busiest 7–18 with a commuter morning,
 * weekends have a gentler midday, nights are quiet.
 */
export function arrivalWeight({ isoWeekday, hour }: LocalHour): number {
  if (hour < 6) return 0.03;
  if (isoWeekday >= 6) return hour < 9 ? 0.15 : hour < 18 ? 0.55 : hour < 22 ? 0.35 : 0.08;
  return hour < 7 ? 0.3 : hour < 10 ? 1 : hour < 17 ? 0.8 : hour < 19 ? 0.9 : hour < 22 ? 0.35 : 0.08;
}

/** Mean of arrivalWeight over the 168 hours of a week. */
const MEAN_WEIGHT = (() => {
  let sum = 0;
  for (let isoWeekday = 1; isoWeekday <= 7; isoWeekday++) for (let hour = 0; hour < 24; hour++) sum += arrivalWeight({ isoWeekday, hour });
  return sum / 168;
})();

const RESERVATION_OUTCOMES = [
  ['cancelled', 8],
  ['noShow', 6],
  ['parked', 86],
] as const;

/** Most leave within the window (early release refunds nothing), some a little late. */
const LEAVING = [
  ['early', 55],
  ['onTime', 35],
  ['overstay', 10],
] as const;

const PAYMENT_METHODS = [
  [PaymentMethod.Card, 50],
  [PaymentMethod.Upi, 25],
  [PaymentMethod.Wallet, 15],
  [PaymentMethod.Cash, 10],
] as const;

/** Reservations ahead of now are rarer than the parking that will eventually happen then. */
const ADVANCE_BOOKING_SHARE = 0.3;

const ceilTo = (instant: number, step: number) => Math.ceil(instant / step) * step;

interface SpotState {
  lot: SimulatedLot;
  spotId: string;
  /** Bookings end before this: the lot was archived, or the spot taken out of service. */
  closesAt: number;
  /** No arrival before this instant: the previous booking (plus turnover) or the last draw. */
  cursor: number;
  /** A park-now booking is still open: its period never ends, so nothing may follow on this spot. */
  stopped: boolean;
}

/**
 * A booking being simulated: every field of the row (the vehicle and ids are filled in once a vehicle is
 * found) plus when its vehicle is free again and how long before its start it was booked. One object of
 * one shape from start to insert, as a million of them go through here.
 */
class Draft implements SimulatedBooking {
  id = '';
  userId = '';
  vehicleNumber = '';
  checkedInAt: number | null = null;
  releasedAt: number | null = null;
  costCents: number | null = null;
  createdAt = 0;

  constructor(
    readonly lotId: string,
    readonly spotId: string,
    readonly ratePerHourCents: number,
    readonly type: BookingType,
    public status: BookingStatus,
    readonly startAt: number,
    readonly endAt: number | null,
    public holdsUntil: number,
    public leadTime: number,
  ) {}

  /** The booking's cost as pricing.ts computes it when it was released (or expired) at `at`. */
  priceAt(at: number): number {
    const date = (instant: number | null) => (instant === null ? null : new Date(instant));
    // Seeded lots keep their version 1, one band at the booking's rate (a one band prices alike in every zone).
    const tariff = oneBandTariff(this.ratePerHourCents, 'UTC');
    return bookingCost({ ...this, startAt: new Date(this.startAt), endAt: date(this.endAt), releasedAt: date(this.releasedAt) }, tariff, new Date(at));
  }
}

/** Vehicles waiting to be free again, soonest first. */
class BusyVehicles {
  private readonly heap: { until: number; vehicle: SimulatedVehicle }[] = [];

  push(vehicle: SimulatedVehicle, until: number): void {
    const heap = this.heap;
    heap.push({ until, vehicle });
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (heap[parent].until <= heap[i].until) break;
      [heap[parent], heap[i]] = [heap[i], heap[parent]];
      i = parent;
    }
  }

  /** Removes and returns a vehicle free at `instant`, if any. */
  popFreeAt(instant: number): SimulatedVehicle | undefined {
    const heap = this.heap;
    if (!heap.length || heap[0].until > instant) return undefined;
    const top = heap[0].vehicle;
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const [l, r] = [2 * i + 1, 2 * i + 2];
        let smallest = i;
        if (l < heap.length && heap[l].until < heap[smallest].until) smallest = l;
        if (r < heap.length && heap[r].until < heap[smallest].until) smallest = r;
        if (smallest === i) break;
        [heap[smallest], heap[i]] = [heap[i], heap[smallest]];
        i = smallest;
      }
    }
    return top;
  }
}

/**
 * Simulates parking in time order, a chunk of time at a time so memory stays flat over a million
 * bookings. Each spot has its own arrival process (a Poisson process thinned by hour of week and lot
 * demand) and a booking only starts after the previous one has left, so no two bookings of a spot
 * overlap. Bookings then take, in start order, a vehicle that is free at their start — none is ever
 * double-booked either, as the exclusion constraints demand. Whatever straddles `now` is active (or a
 * reservation in progress); a park-now booking left open ends its spot's history, as nothing may follow.
 */
export class BookingSimulator {
  private readonly spots: SpotState[];
  private readonly lots: Map<string, SimulatedLot>;
  private readonly busy = new BusyVehicles();
  private readonly free: SimulatedVehicle[] = [];
  private readonly maxRatePerMs: number;
  private readonly maxDemand: number;

  constructor(
    lots: SimulatedLot[],
    vehicles: SimulatedVehicle[],
    private readonly options: SimulationOptions,
  ) {
    this.lots = new Map(lots.map((lot) => [lot.id, lot]));
    this.spots = lots.flatMap((lot) =>
      lot.spots.map((spot) => ({
        lot,
        spotId: spot.id,
        closesAt: Math.min(lot.closesAt ?? Infinity, spot.outOfServiceFrom ?? Infinity),
        cursor: options.from,
        stopped: false,
      })),
    );
    for (const vehicle of vehicles) this.busy.push(vehicle, vehicle.availableFrom);
    // Candidate arrivals come at the peak rate; thinning keeps each with probability weight × demand.
    this.maxRatePerMs = options.arrivalsPerSpotDay / MEAN_WEIGHT / DAY;
    this.maxDemand = Math.max(...lots.map((lot) => lot.demand));
  }

  /** The next chunk of history: every booking that starts before `until`. */
  advance(until: number): SimulatedChunk {
    const end = Math.min(until, this.options.horizon);
    const drafts = this.spots.flatMap((spot) => this.walk(spot, Math.min(end, spot.closesAt)));
    drafts.sort((a, b) => a.startAt - b.startAt);
    const chunk: SimulatedChunk = { until: end, bookings: [], payments: [], reviews: [], skipped: 0 };
    for (const draft of drafts) {
      const vehicle = this.takeVehicle(draft.startAt);
      if (!vehicle) {
        chunk.skipped++;
        continue;
      }
      this.release(vehicle, draft);
      draft.id = this.options.random.uuid();
      draft.userId = vehicle.userId;
      draft.vehicleNumber = vehicle.number;
      draft.createdAt = Math.max(vehicle.availableFrom, Math.min(draft.startAt - draft.leadTime, this.options.now));
      chunk.bookings.push(draft);
      this.settle(draft, chunk);
    }
    return chunk;
  }

  /** Arrivals at one spot from its cursor until `until`. */
  private walk(spot: SpotState, until: number): Draft[] {
    const { random, now, localHours } = this.options;
    const drafts: Draft[] = [];
    while (!spot.stopped && spot.cursor < until) {
      const candidate = spot.cursor + random.exponential(this.maxRatePerMs);
      if (candidate >= until) {
        // Memoryless: no arrival in [cursor, until) means the next one is drawn afresh from `until`.
        spot.cursor = until;
        break;
      }
      spot.cursor = candidate;
      const local = localHours.at(candidate);
      const ahead = candidate > now ? ADVANCE_BOOKING_SHARE : 1;
      if (!random.chance((arrivalWeight(local) * spot.lot.demand * ahead) / this.maxDemand)) continue;
      const draft = this.arrive(spot, candidate, local);
      if (draft.holdsUntil > spot.closesAt) {
        spot.stopped = true;
        break;
      }
      if (draft.startAt >= until) break;
      drafts.push(draft);
    }
    return drafts;
  }

  /** What a driver arriving (or planning to) at `at` does, and where the spot's cursor moves. */
  private arrive(spot: SpotState, at: number, local: LocalHour): Draft {
    const { random, now } = this.options;
    const stay = this.stayLength(local);
    const turnover = random.between(3, 25) * MINUTE;
    const { lot } = spot;

    if (at <= now && !random.chance(0.3)) {
      const startAt = Math.floor(at / 1000) * 1000;
      const leavesAt = startAt + Math.floor(stay / 1000) * 1000;
      if (leavesAt > now) {
        // Still parked: open-ended, and its spot takes nobody after it.
        spot.stopped = true;
        return new Draft(lot.id, spot.spotId, lot.ratePerHourCents, BookingType.Instant, BookingStatus.Active, startAt, null, Infinity, 0);
      }
      const draft = new Draft(lot.id, spot.spotId, lot.ratePerHourCents, BookingType.Instant, BookingStatus.Completed, startAt, null, leavesAt, 0);
      draft.releasedAt = leavesAt;
      draft.costCents = draft.priceAt(leavesAt);
      spot.cursor = leavesAt + turnover;
      return draft;
    }

    // A reservation: windows start on a quarter hour and last whole quarters.
    const startAt = ceilTo(at, QUARTER);
    const endAt = startAt + ceilTo(stay, QUARTER);
    const reserve = (status: BookingStatus, holdsUntil: number, leadTime = random.between(0.5, 72) * HOUR) =>
      new Draft(lot.id, spot.spotId, lot.ratePerHourCents, BookingType.Reserved, status, startAt, endAt, holdsUntil, leadTime);
    const outcome = random.weighted(RESERVATION_OUTCOMES);
    if (outcome === 'cancelled') {
      // Cancelled before it started (and booked before now): it never held the spot or the vehicle.
      const draft = reserve(BookingStatus.Cancelled, startAt, random.between(2, 72) * HOUR);
      if (startAt - draft.leadTime > now) draft.leadTime = startAt - now + random.between(1, 24) * HOUR;
      draft.costCents = 0;
      return draft;
    }
    spot.cursor = endAt + turnover;
    if (outcome === 'noShow') {
      if (endAt > now) return reserve(BookingStatus.Reserved, endAt);
      const draft = reserve(BookingStatus.Expired, endAt);
      draft.costCents = draft.priceAt(endAt);
      return draft;
    }
    const checkedInAt = startAt + Math.floor(random.between(0, 15)) * MINUTE;
    if (checkedInAt > now) return reserve(BookingStatus.Reserved, endAt);
    const leavesAt = this.leavingTime(endAt, checkedInAt);
    if (leavesAt > now) {
      // Parked right now; it may still overstay, so its vehicle is kept a while past the window.
      const draft = reserve(BookingStatus.Active, endAt + HOUR);
      draft.checkedInAt = checkedInAt;
      return draft;
    }
    const draft = reserve(BookingStatus.Completed, Math.max(endAt, leavesAt));
    draft.checkedInAt = checkedInAt;
    draft.releasedAt = leavesAt;
    draft.costCents = draft.priceAt(leavesAt);
    spot.cursor = Math.max(endAt, leavesAt) + turnover;
    return draft;
  }

  /** Commuters stay the working day, some evening arrivals overnight, most people an errand's length. */
  private stayLength({ isoWeekday, hour }: LocalHour): number {
    const { random } = this.options;
    if (isoWeekday <= 5 && hour >= 6 && hour < 10 && random.chance(0.45)) return random.between(7 * HOUR, 10 * HOUR);
    if (hour >= 18 && random.chance(0.12)) return random.between(9 * HOUR, 14 * HOUR);
    return 20 * MINUTE + random.next() ** 2 * 220 * MINUTE;
  }

  /** When a checked-in driver leaves: see LEAVING. */
  private leavingTime(endAt: number, checkedInAt: number): number {
    const { random } = this.options;
    const kind = random.weighted(LEAVING);
    if (kind === 'overstay') return endAt + Math.floor(random.between(5, 60) * MINUTE);
    if (kind === 'onTime') return Math.max(checkedInAt + MINUTE, endAt - Math.floor(random.between(0, 10) * MINUTE));
    return checkedInAt + Math.max(MINUTE, Math.floor((endAt - checkedInAt) * random.between(0.4, 0.95)));
  }

  /** A vehicle free at `instant`, busier drivers more likely; none when all are parked elsewhere. */
  private takeVehicle(instant: number): SimulatedVehicle | undefined {
    for (let vehicle = this.busy.popFreeAt(instant); vehicle; vehicle = this.busy.popFreeAt(instant)) this.free.push(vehicle);
    if (!this.free.length) return undefined;
    const { random } = this.options;
    let index = 0;
    for (let attempt = 0; attempt < 4; attempt++) {
      index = Math.floor(random.next() * this.free.length);
      if (random.chance(this.free[index].activity)) break;
    }
    const vehicle = this.free[index];
    this.free[index] = this.free[this.free.length - 1];
    this.free.pop();
    return vehicle;
  }

  /** Puts the vehicle back for when the booking lets it go (never, for an open park-now booking). */
  private release(vehicle: SimulatedVehicle, draft: Draft): void {
    if (draft.holdsUntil === Infinity) return;
    if (draft.holdsUntil <= draft.startAt) this.free.push(vehicle);
    else this.busy.push(vehicle, draft.holdsUntil);
  }

  /** Payments for most settled bookings, reviews for some completed ones: after the fact, never after now. */
  private settle(booking: SimulatedBooking, chunk: SimulatedChunk): void {
    const { random, now } = this.options;
    const endedAt = booking.status === BookingStatus.Completed ? booking.releasedAt : booking.status === BookingStatus.Expired ? booking.endAt : null;
    if (endedAt === null || !booking.costCents) return;
    const later = (maxHours: number) => Math.min(now, endedAt + Math.floor(random.between(1 / 60, maxHours) * HOUR));
    if (random.chance(booking.status === BookingStatus.Completed ? 0.92 : 0.5)) {
      chunk.payments.push({
        id: random.uuid(),
        bookingId: booking.id,
        userId: booking.userId,
        amountCents: booking.costCents,
        method: random.weighted(PAYMENT_METHODS),
        createdAt: later(72),
      });
    }
    if (booking.status === BookingStatus.Completed && random.chance(0.08)) {
      const lot = this.lots.get(booking.lotId)!;
      const rating = Math.max(1, Math.min(5, Math.round(1 + 4 * lot.quality + random.between(-1.6, 1.2))));
      chunk.reviews.push({
        id: random.uuid(),
        bookingId: booking.id,
        userId: booking.userId,
        lotId: lot.id,
        rating,
        comment: random.chance(0.6) ? random.pick(REVIEW_COMMENTS[rating]) : null,
        createdAt: later(48),
      });
    }
  }
}
