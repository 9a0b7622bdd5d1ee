import { BookingStatus, BookingType } from './entities/booking.entity';

const MINUTE_MS = 60_000;

/** Whole minutes billed for a span: started minutes count (ceil), never negative. */
export function billableMinutes(from: Date, to: Date): number {
  return Math.max(0, Math.ceil((to.getTime() - from.getTime()) / MINUTE_MS));
}

/** rate × minutes / 60 in cents, rounded half up (R-PRICE-2); integer arithmetic, no float drift. */
export function costForMinutes(ratePerHourCents: number, minutes: number): number {
  return Math.floor((2 * ratePerHourCents * minutes + 60) / 120);
}

export interface PricedBooking {
  type: BookingType;
  status: BookingStatus;
  startAt: Date;
  endAt: Date | null;
  releasedAt: Date | null;
  ratePerHourCents: number;
}

/**
 * The cost of a booking as of `now` (R-PRICE-2..4):
 * - park now: the started minutes from start to release (or now), at least one;
 * - reservation: the whole window — early release refunds nothing — plus the started minutes of
 *   overstay after the window, at the same rate; an expired reservation costs its window;
 * - a reservation not yet checked in, or cancelled: nothing yet / nothing.
 */
export function bookingCost(booking: PricedBooking, now: Date): number {
  const { type, status, startAt, endAt, releasedAt, ratePerHourCents } = booking;
  if (status === BookingStatus.Cancelled || status === BookingStatus.Reserved) return 0;
  const until = releasedAt ?? now;
  if (type === BookingType.Instant) {
    return costForMinutes(ratePerHourCents, Math.max(1, billableMinutes(startAt, until)));
  }
  const windowEnd = endAt!;
  const windowMinutes = billableMinutes(startAt, windowEnd);
  const overstayMinutes = status === BookingStatus.Expired ? 0 : billableMinutes(windowEnd, until);
  return costForMinutes(ratePerHourCents, windowMinutes + overstayMinutes);
}

/**
 * reservationEstimate as a SQL expression over SQL expressions (rate, window start and end), for a
 * statement that prices a booking it is inserting (its confirmation mail); the same integer arithmetic,
 * checked against the function by the bookings API tests.
 */
export const reservationEstimateSql = (rate: string, startAt: string, endAt: string) =>
  `((2 * ${rate} * ceil(extract(epoch FROM ${endAt} - ${startAt}) / 60)::bigint + 60) / 120)::int`;

/** What a reservation of this window will cost if released in time: shown before booking. */
export function reservationEstimate(ratePerHourCents: number, startAt: Date, endAt: Date): number {
  return costForMinutes(ratePerHourCents, billableMinutes(startAt, endAt));
}
