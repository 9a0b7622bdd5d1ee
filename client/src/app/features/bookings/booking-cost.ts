import { BookingDto } from '../../api/models';
import { MoneyPipe } from '../../shared/money.pipe';
import { billableMinutes, formatDuration, startedMinutes } from '../../shared/time/duration';

/*
 * How the API prices a booking (src/bookings/pricing.ts, R-PRICE-2/3), so that a driver is told why a
 * booking costs what the API says. These mirror the API's functions one for one; an explanation is
 * shown only when it arrives at the API's own figure (see explainCost).
 */

const money = new MoneyPipe();

/** rate × minutes / 60 in cents, rounded half up (R-PRICE-2), in the API's integer arithmetic. */
export function costForMinutes(ratePerHourCents: number, minutes: number): number {
  return Math.floor((2 * ratePerHourCents * minutes + 60) / 120);
}

/** A reservation's window in billed minutes, charged in full whenever the car leaves (R-PRICE-3). */
export function windowMinutes(booking: BookingDto): number | null {
  return booking.endAt ? billableMinutes(booking.startAt, booking.endAt) : null;
}

/** `$2.50/h`. */
export function hourlyRate(booking: BookingDto): string {
  return `${money.transform(booking.ratePerHourCents, booking.currency)}/h`;
}

/** How long a car stayed: from its check-in (a park-now booking: its start) to its release. */
export interface Stay {
  from: string;
  to: string;
  minutes: number;
}

/** A finished stay; null when the car never came (an expired or cancelled reservation). */
export function stayOf(booking: BookingDto): Stay | null {
  const from = booking.checkedInAt ?? (booking.type === 'instant' ? booking.startAt : null);
  if (!from || !booking.releasedAt) return null;
  return { from, to: booking.releasedAt, minutes: startedMinutes(from, booking.releasedAt) };
}

/**
 * Why a completed or expired booking costs what it does, e.g. "2 h 15 min at $2.50/h, billed per started
 * minute = $5.63". Derived from the API's rules and shown only when it arrives at the API's figure: a
 * booking priced otherwise (an expired reservation nobody could use costs nothing, R-OCC-3) gets no
 * explanation rather than a wrong one.
 */
export function explainCost(booking: BookingDto): string | null {
  const rate = hourlyRate(booking);
  const total = money.transform(booking.costCents, booking.currency);
  const duration = formatDuration;
  let minutes: number;
  let explanation: string;
  if (booking.status === 'completed' && booking.type === 'instant' && booking.releasedAt) {
    minutes = Math.max(1, billableMinutes(booking.startAt, booking.releasedAt));
    explanation = `${duration(minutes)} at ${rate}, billed per started minute = ${total}`;
  } else if (booking.status === 'completed' && booking.endAt && booking.releasedAt) {
    const window = billableMinutes(booking.startAt, booking.endAt);
    const overstay = billableMinutes(booking.endAt, booking.releasedAt);
    minutes = window + overstay;
    explanation = overstay
      ? `${duration(window)} reserved window + ${duration(overstay)} overstay = ${duration(minutes)} at ${rate}, billed per started minute = ${total}`
      : `${duration(window)} reserved window at ${rate}, charged in full = ${total}`;
  } else if (booking.status === 'expired' && booking.endAt) {
    minutes = billableMinutes(booking.startAt, booking.endAt);
    explanation = `${duration(minutes)} reserved window at ${rate}, charged in full although not checked in = ${total}`;
  } else {
    return null;
  }
  return costForMinutes(booking.ratePerHourCents, minutes) === booking.costCents
    ? explanation
    : null;
}
