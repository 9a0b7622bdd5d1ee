import { ApiProblem } from '../../core/errors/api-problem';

/** `3 spots free to park now`: what park now can take at this moment (R-BOOK-1), in words. */
export function parkNowCount(spots: number): string {
  if (spots <= 0) return 'No spot free to park now';
  return `${spots} ${spots === 1 ? 'spot' : 'spots'} free to park now`;
}

/**
 * A booking refused for a reason the booking page explains in its own words: the lot has no spot park
 * now can take (LOT_FULL, with when one frees later today if the API knows), or the driver already
 * holds as many bookings as allowed (BOOKING_LIMIT_REACHED, R-LIMIT-1).
 */
export type BookingRefusal = { reason: 'full'; nextFreeAt: Date | null } | { reason: 'limit' };

export function bookingRefusal(problem: ApiProblem): BookingRefusal | null {
  if (problem.code === 'BOOKING_LIMIT_REACHED') return { reason: 'limit' };
  if (problem.code !== 'LOT_FULL') return null;
  const next = problem.details?.['nextFreeAt'];
  const nextFreeAt = typeof next === 'string' ? new Date(next) : null;
  return {
    reason: 'full',
    nextFreeAt: nextFreeAt && !Number.isNaN(nextFreeAt.getTime()) ? nextFreeAt : null,
  };
}
