import { BookingStatus, BookingType } from './entities/booking.entity';
import { billableMinutes, bookingCost, costForMinutes, PricedBooking, reservationEstimate } from './pricing';

const at = (iso: string) => new Date(iso);
const T0 = '2026-11-22T10:00:00Z';

describe('billableMinutes', () => {
  it('counts every started minute', () => {
    expect(billableMinutes(at(T0), at('2026-11-22T10:00:00.001Z'))).toBe(1);
    expect(billableMinutes(at(T0), at('2026-11-22T10:01:00Z'))).toBe(1);
    expect(billableMinutes(at(T0), at('2026-11-22T10:01:00.001Z'))).toBe(2);
  });

  it('is zero for an empty or negative span', () => {
    expect(billableMinutes(at(T0), at(T0))).toBe(0);
    expect(billableMinutes(at(T0), at('2026-11-22T09:00:00Z'))).toBe(0);
  });
});

describe('costForMinutes (rate × minutes / 60, half up)', () => {
  it.each([
    [600, 60, 600],
    [600, 1, 10],
    [100, 1, 2], // 1.666… → 2
    [90, 1, 2], // 1.5 → 2 (half up)
    [30, 1, 1], // 0.5 → 1 (half up)
    [29, 1, 0], // 0.483… → 0
    [1_000_000, 10_080, 168_000_000], // the dearest week
  ])('rate %i for %i min costs %i', (rate, minutes, cents) => {
    expect(costForMinutes(rate, minutes)).toBe(cents);
  });
});

describe('bookingCost', () => {
  const instant = (releasedAt: string | null): PricedBooking => ({
    type: BookingType.Instant,
    status: releasedAt ? BookingStatus.Completed : BookingStatus.Active,
    startAt: at(T0),
    endAt: null,
    releasedAt: releasedAt ? at(releasedAt) : null,
    ratePerHourCents: 120,
  });
  const reservation = (status: BookingStatus, releasedAt: string | null = null): PricedBooking => ({
    type: BookingType.Reserved,
    status,
    startAt: at(T0),
    endAt: at('2026-11-22T12:00:00Z'),
    releasedAt: releasedAt ? at(releasedAt) : null,
    ratePerHourCents: 120,
  });

  it('charges park-now by started minute, at least one', () => {
    expect(bookingCost(instant('2026-11-22T10:00:10Z'), at('2026-11-22T11:00:00Z'))).toBe(2);
    expect(bookingCost(instant(T0), at(T0))).toBe(2);
    expect(bookingCost(instant('2026-11-22T10:30:00.5Z'), at('2026-11-22T12:00:00Z'))).toBe(62);
  });

  it('shows the cost so far of an active park-now booking', () => {
    expect(bookingCost(instant(null), at('2026-11-22T10:45:00Z'))).toBe(90);
  });

  it('charges a reservation its whole window even when released early', () => {
    expect(bookingCost(reservation(BookingStatus.Completed, '2026-11-22T10:20:00Z'), at('2026-11-22T13:00:00Z'))).toBe(240);
  });

  it('adds overstay after the window at the same rate', () => {
    expect(bookingCost(reservation(BookingStatus.Completed, '2026-11-22T12:30:00.1Z'), at('2026-11-22T13:00:00Z'))).toBe(240 + 62);
    expect(bookingCost(reservation(BookingStatus.Active), at('2026-11-22T12:10:00Z'))).toBe(260);
  });

  it('charges an expired reservation its window, however late it expires', () => {
    expect(bookingCost(reservation(BookingStatus.Expired), at('2026-11-25T00:00:00Z'))).toBe(240);
  });

  it('costs nothing while reserved or when cancelled', () => {
    expect(bookingCost(reservation(BookingStatus.Reserved), at('2026-11-22T11:00:00Z'))).toBe(0);
    expect(bookingCost(reservation(BookingStatus.Cancelled), at('2026-11-22T11:00:00Z'))).toBe(0);
  });

  it('estimates a reservation by its window', () => {
    expect(reservationEstimate(250, at(T0), at('2026-11-22T10:15:00Z'))).toBe(63); // 62.5 → 63
  });
});
