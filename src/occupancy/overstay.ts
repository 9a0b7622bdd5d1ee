/** What R-OCC-2's overstay figures read of a booking. */
export interface StayPlan {
  endAt: Date | null;
  mustLeaveBy: Date | null;
  releasedAt: Date | null;
  status: string;
}

/**
 * R-OCC-2: a stay past its planned end — a reservation's window, a park-now booking's `mustLeaveBy` —
 * is an overstay, in started minutes: while active up to `now`, once released up to the release.
 */
export function overstayOf(booking: StayPlan, now: Date): { overstay: boolean; overstayMinutes: number } {
  const plannedEnd = booking.endAt ?? booking.mustLeaveBy;
  const until = booking.releasedAt ?? (booking.status === 'active' ? now : null);
  if (!plannedEnd || !until || until <= plannedEnd) return { overstay: false, overstayMinutes: 0 };
  return { overstay: true, overstayMinutes: Math.ceil((until.getTime() - plannedEnd.getTime()) / 60_000) };
}
