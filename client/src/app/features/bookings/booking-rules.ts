import { BookingDto } from '../../api/models';

/** R-BOOK-3: check-in opens 15 minutes before the start. */
export const CHECK_IN_EARLY_MS = 15 * 60_000;

/** What a driver may do with a booking now; the API decides in the end, these only offer the buttons. */
export const bookingRules = {
  canCheckIn: (booking: BookingDto, now: number) =>
    booking.status === 'reserved' && now >= Date.parse(booking.startAt) - CHECK_IN_EARLY_MS,
  /** R-BOOK-5: before the start. (After a failed re-seat also later, free: BookingActions knows.) */
  canCancel: (booking: BookingDto, now: number) =>
    booking.status === 'reserved' && now < Date.parse(booking.startAt),
  canPay: (booking: BookingDto) =>
    (booking.status === 'completed' || booking.status === 'expired') &&
    booking.costCents > 0 &&
    !booking.paid,
  /** R-REV-1: a completed booking, once. */
  canReview: (booking: BookingDto) => booking.status === 'completed' && !booking.reviewed,
};
