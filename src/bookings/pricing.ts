import { priceStay } from '../pricing/price-stay';
import { Tariff } from '../pricing/tariff';
import { BookingStatus, BookingType } from './entities/booking.entity';

/** What pricing reads of a booking; the tariff it is priced with comes separately (TariffBook.forBooking). */
export interface PricedBooking {
  type: BookingType;
  status: BookingStatus;
  startAt: Date;
  endAt: Date | null;
  releasedAt: Date | null;
}

/**
 * The stay a booking is charged for as of `now` (R-TARIFF-3), or null when it costs nothing:
 * - park now: from its start to its release, or now while parked;
 * - a reservation checked in: from its start to the later of its end and its release (or now) — the
 *   overstay continues the same stay, and an early release refunds nothing;
 * - an expired reservation: its window;
 * - a reservation not yet checked in, or cancelled: nothing (yet).
 */
export function chargedStay(booking: PricedBooking, now: Date): { start: Date; end: Date } | null {
  const { type, status, startAt, endAt, releasedAt } = booking;
  if (status === BookingStatus.Cancelled || status === BookingStatus.Reserved) return null;
  const until = releasedAt ?? now;
  if (type === BookingType.Instant) return { start: startAt, end: until };
  if (status === BookingStatus.Expired) return { start: startAt, end: endAt! };
  return { start: startAt, end: until > endAt! ? until : endAt! };
}

/** The cost of a booking as of `now` under its tariff (R-PRICE-2..4, R-TARIFF-3): the one place a booking is priced. */
export function bookingCost(booking: PricedBooking, tariff: Tariff, now: Date): number {
  const stay = chargedStay(booking, now);
  return stay ? priceStay(tariff, stay.start, stay.end).totalCents : 0;
}
