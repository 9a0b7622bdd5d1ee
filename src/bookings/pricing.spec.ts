import { priceStay } from '../pricing/price-stay';
import { oneBandTariff, Tariff } from '../pricing/tariff';
import { BookingStatus, BookingType } from './entities/booking.entity';
import { bookingCost, chargedStay, PricedBooking } from './pricing';

const at = (iso: string) => new Date(iso);
const T0 = '2026-11-22T10:00:00Z';
const rate120 = oneBandTariff(120, 'UTC');

/** The first hour 5.00 flat, then 2.00 an hour, 15-minute steps: a second first period would show. */
const FIRST_HOUR: Tariff = { ...oneBandTariff(200, 'Europe/Berlin'), incrementMinutes: 15, firstPeriod: { minutes: 60, cents: 500 } };

const instant = (releasedAt: string | null): PricedBooking => ({
  type: BookingType.Instant,
  status: releasedAt ? BookingStatus.Completed : BookingStatus.Active,
  startAt: at(T0),
  endAt: null,
  releasedAt: releasedAt ? at(releasedAt) : null,
});
const reservation = (status: BookingStatus, releasedAt: string | null = null): PricedBooking => ({
  type: BookingType.Reserved,
  status,
  startAt: at(T0),
  endAt: at('2026-11-22T12:00:00Z'),
  releasedAt: releasedAt ? at(releasedAt) : null,
});

describe('bookingCost under a one-band tariff (R-PRICE-2, 3: unchanged)', () => {
  it('charges park-now by started minute, at least one', () => {
    expect(bookingCost(instant('2026-11-22T10:00:10Z'), rate120, at('2026-11-22T11:00:00Z'))).toBe(2);
    expect(bookingCost(instant(T0), rate120, at(T0))).toBe(2);
    expect(bookingCost(instant('2026-11-22T10:30:00.5Z'), rate120, at('2026-11-22T12:00:00Z'))).toBe(62);
  });

  it('shows the cost so far of an active park-now booking', () => {
    expect(bookingCost(instant(null), rate120, at('2026-11-22T10:45:00Z'))).toBe(90);
  });

  it('charges a reservation its whole window even when released early', () => {
    expect(bookingCost(reservation(BookingStatus.Completed, '2026-11-22T10:20:00Z'), rate120, at('2026-11-22T13:00:00Z'))).toBe(240);
  });

  it('adds overstay after the window at the same rate', () => {
    expect(bookingCost(reservation(BookingStatus.Completed, '2026-11-22T12:30:00.1Z'), rate120, at('2026-11-22T13:00:00Z'))).toBe(240 + 62);
    expect(bookingCost(reservation(BookingStatus.Active), rate120, at('2026-11-22T12:10:00Z'))).toBe(260);
  });

  it('charges an expired reservation its window, however late it expires', () => {
    expect(bookingCost(reservation(BookingStatus.Expired), rate120, at('2026-11-25T00:00:00Z'))).toBe(240);
  });

  it('costs nothing while reserved or when cancelled', () => {
    expect(bookingCost(reservation(BookingStatus.Reserved), rate120, at('2026-11-22T11:00:00Z'))).toBe(0);
    expect(bookingCost(reservation(BookingStatus.Cancelled), rate120, at('2026-11-22T11:00:00Z'))).toBe(0);
    expect(chargedStay(reservation(BookingStatus.Reserved), at('2026-11-22T11:00:00Z'))).toBeNull();
  });
});

describe('bookingCost under a tariff (R-TARIFF-3)', () => {
  it('continues the same stay into an overstay: one first period, one billing step rounding', () => {
    // 10:00–12:31 is 151 minutes, billed 165 (15-minute steps): the first hour 500, then 105 minutes at 2.00 = 350.
    const released = reservation(BookingStatus.Completed, '2026-11-22T12:31:00Z');
    expect(bookingCost(released, FIRST_HOUR, at('2026-11-22T13:00:00Z'))).toBe(500 + 350);
    expect(bookingCost(released, FIRST_HOUR, at('2026-11-22T13:00:00Z'))).toBe(priceStay(FIRST_HOUR, at(T0), at('2026-11-22T12:31:00Z')).totalCents);
    // Priced as window + overstay, the overstay would have paid a second first period.
    const split = priceStay(FIRST_HOUR, at(T0), at('2026-11-22T12:00:00Z')).totalCents + priceStay(FIRST_HOUR, at('2026-11-22T12:00:00Z'), at('2026-11-22T12:31:00Z')).totalCents;
    expect(split).toBe(700 + 500);
  });

  it('prices the running cost of a park-now booking as the stay from its start to now', () => {
    expect(bookingCost(instant(null), FIRST_HOUR, at('2026-11-22T10:20:00Z'))).toBe(500);
    expect(bookingCost(instant(null), FIRST_HOUR, at('2026-11-22T11:01:00Z'))).toBe(500 + 50);
  });
});
