import { BookingStatus, BookingType } from '../../bookings/entities/booking.entity';
import { bookingCost } from '../../bookings/pricing';
import { oneBandTariff } from '../../pricing/tariff';
import { arrivalWeight, BookingSimulator, SimulatedBooking, SimulatedLot, SimulatedVehicle } from './booking-simulator';
import { LocalHours } from './local-hours';
import { Random } from './random';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-11-18T14:20:00Z');
const FROM = NOW - 28 * DAY;
const HORIZON = NOW + 7 * DAY;

/** The span a booking holds its spot, as the `period` column computes it (open-ended while parked now). */
function period(b: SimulatedBooking): [number, number] {
  if (b.type === BookingType.Instant) return [b.startAt, b.releasedAt ?? Infinity];
  return [b.startAt, Math.max(b.startAt, Math.min(b.releasedAt ?? b.endAt!, b.endAt!))];
}

function simulate(vehicleCount: number, lots: SimulatedLot[]): { bookings: SimulatedBooking[]; skipped: number; vehicles: SimulatedVehicle[] } {
  const random = new Random(5);
  const vehicles = Array.from({ length: vehicleCount }, (_, i) => ({
    number: `TST${String(i).padStart(5, '0')}`,
    userId: `user-${i % 20}`,
    availableFrom: FROM + (i % 4) * DAY,
    activity: 0.2 + 0.8 * random.next(),
  }));
  const simulator = new BookingSimulator(lots, vehicles, {
    from: FROM,
    now: NOW,
    horizon: HORIZON,
    arrivalsPerSpotDay: 4,
    localHours: new LocalHours(new Date(FROM), new Date(HORIZON), 'Europe/Berlin'),
    random,
  });
  const bookings: SimulatedBooking[] = [];
  let skipped = 0;
  for (let until = FROM + DAY; until <= HORIZON; until += DAY) {
    const chunk = simulator.advance(until);
    bookings.push(...chunk.bookings);
    skipped += chunk.skipped;
  }
  return { bookings, skipped, vehicles };
}

const lot = (id: string, spots: number, extra: Partial<SimulatedLot> = {}): SimulatedLot => ({
  id,
  ratePerHourCents: 300,
  spots: Array.from({ length: spots }, (_, i) => ({ id: `${id}-spot-${i + 1}`, outOfServiceFrom: null })),
  demand: 1,
  quality: 0.5,
  closesAt: null,
  ...extra,
});

/** Pairs of live bookings sharing a key whose periods overlap, as the exclusion constraints would refuse. */
function overlaps(bookings: SimulatedBooking[], key: (b: SimulatedBooking) => string): number {
  const groups = new Map<string, [number, number][]>();
  for (const b of bookings.filter((b) => b.status !== BookingStatus.Cancelled)) {
    const [start, end] = period(b);
    if (start < end) groups.set(key(b), [...(groups.get(key(b)) ?? []), [start, end]]);
  }
  let found = 0;
  for (const spans of groups.values()) {
    spans.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) if (spans[i][0] < Math.max(...spans.slice(0, i).map((s) => s[1]))) found++;
  }
  return found;
}

describe('demo booking simulation', () => {
  const closed = NOW - 10 * DAY;
  const retiredSpot = NOW - 5 * DAY;
  const lots = [lot('busy', 6), lot('quiet', 4, { demand: 0.3 }), lot('closed', 3, { closesAt: closed })];
  lots[0].spots[5].outOfServiceFrom = retiredSpot;
  const { bookings, skipped, vehicles } = simulate(25, lots);

  it('produces a realistic mix of bookings', () => {
    expect(bookings.length).toBeGreaterThan(500);
    const statuses = new Set(bookings.map((b) => b.status));
    expect([...statuses].sort()).toEqual(Object.values(BookingStatus).sort());
    expect(bookings.filter((b) => b.lotId === 'busy').length).toBeGreaterThan(bookings.filter((b) => b.lotId === 'quiet').length * 2);
  });

  it('never overlaps two bookings of a spot or of a vehicle (the exclusion constraints)', () => {
    expect(overlaps(bookings, (b) => b.spotId)).toBe(0);
    expect(overlaps(bookings, (b) => b.vehicleNumber)).toBe(0);
  });

  it('turns arrivals away rather than double-booking when every vehicle is out', () => {
    const scarce = simulate(3, [lot('busy', 6)]);
    expect(scarce.skipped).toBeGreaterThan(0);
    expect(overlaps(scarce.bookings, (b) => b.vehicleNumber)).toBe(0);
    expect(skipped).toBeLessThan(scarce.skipped);
  });

  it('sets statuses, times and costs as the booking rules would have', () => {
    for (const b of bookings) {
      expect(b.createdAt).toBeLessThanOrEqual(Math.min(NOW, b.startAt));
      const vehicle = vehicles.find((v) => v.number === b.vehicleNumber)!;
      expect(b.userId).toBe(vehicle.userId);
      expect(b.startAt).toBeGreaterThanOrEqual(vehicle.availableFrom);
      switch (b.status) {
        case BookingStatus.Completed:
          expect(b.releasedAt!).toBeLessThanOrEqual(NOW);
          expect(b.costCents).toBe(bookingCost({ ...b, startAt: new Date(b.startAt), endAt: b.endAt === null ? null : new Date(b.endAt), releasedAt: new Date(b.releasedAt!) }, oneBandTariff(b.ratePerHourCents, 'UTC'), new Date(b.releasedAt!)));
          if (b.type === BookingType.Reserved) expect(b.checkedInAt).not.toBeNull();
          break;
        case BookingStatus.Expired:
          expect([b.type, b.checkedInAt, b.endAt! <= NOW]).toEqual([BookingType.Reserved, null, true]);
          expect(b.costCents).toBeGreaterThan(0);
          break;
        case BookingStatus.Active:
          expect(b.startAt).toBeLessThanOrEqual(NOW);
          expect([b.releasedAt, b.costCents]).toEqual([null, null]);
          break;
        case BookingStatus.Reserved:
          expect([b.type, b.checkedInAt, b.endAt! > NOW]).toEqual([BookingType.Reserved, null, true]);
          break;
        case BookingStatus.Cancelled:
          expect(b.costCents).toBe(0);
      }
      if (b.type === BookingType.Reserved) expect((b.endAt! - b.startAt) % (15 * 60_000)).toBe(0);
      if (b.startAt > NOW) expect([BookingStatus.Reserved, BookingStatus.Cancelled]).toContain(b.status);
    }
  });

  it('keeps closed lots and retired spots free from their closing on', () => {
    for (const b of bookings.filter((b) => b.lotId === 'closed')) expect(period(b)[1]).toBeLessThanOrEqual(closed);
    for (const b of bookings.filter((b) => b.spotId === 'busy-spot-6')) expect(period(b)[1]).toBeLessThanOrEqual(retiredSpot);
  });

  it('is busier on weekday working hours than at night', () => {
    expect(arrivalWeight({ isoWeekday: 3, hour: 9 })).toBeGreaterThan(arrivalWeight({ isoWeekday: 6, hour: 9 }));
    expect(arrivalWeight({ isoWeekday: 6, hour: 13 })).toBeGreaterThan(arrivalWeight({ isoWeekday: 3, hour: 3 }));
  });
});
