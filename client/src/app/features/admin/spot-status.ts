import { SpotDto, SpotStatus } from '../../api/models';
import { formatTimeOfDay } from '../../shared/time/local-time';

export interface SpotLook {
  label: string;
  icon: string;
  color: string;
}

/**
 * How a spot's status is shown: a colour (tiles, the occupancy chart), never alone but with a word and
 * an icon. The colours keep white text readable.
 */
export const SPOT_STATUS_LOOK: Record<SpotStatus, SpotLook> = {
  available: { label: 'Free', icon: 'check_circle', color: '#2e7d32' },
  occupied: { label: 'Occupied', icon: 'directions_car', color: '#c62828' },
  reserved: { label: 'Reserved', icon: 'event', color: '#b45309' },
  outOfService: { label: 'Out of service', icon: 'block', color: '#5f6368' },
};

/** An occupied spot whose car stays past its planned end (R-OCC-2): its own colour, word and icon. */
export const OVERSTAY_LOOK: SpotLook = { label: 'Overstay', icon: 'timer_off', color: '#6a1b9a' };

/** How one spot is shown: an overstay stands out from the other occupied spots. */
export function spotLook(spot: Pick<SpotDto, 'status' | 'overstay'>): SpotLook {
  return spot.status === 'occupied' && spot.overstay
    ? OVERSTAY_LOOK
    : SPOT_STATUS_LOOK[spot.status];
}

/** The grid's legend: each status in the order above, the overstay right after the occupied spots. */
export const SPOT_LEGEND: readonly SpotLook[] = Object.values(SPOT_STATUS_LOOK).flatMap((look) =>
  look === SPOT_STATUS_LOOK.occupied ? [look, OVERSTAY_LOOK] : [look],
);

/**
 * Why the spot cannot be taken out of service now, in words; null when it can (or is out of service
 * already: bringing it back is always allowed). The API flags the spot by the very rule it refuses the
 * change with (R-SPOT-2, SPOT_IN_USE), so the admin learns it before trying.
 */
export function outOfServiceBlock(
  spot: Pick<
    SpotDto,
    'status' | 'outOfService' | 'hasActiveOrUpcomingBooking' | 'nextReservationAt'
  >,
  now: Date = new Date(),
): string | null {
  if (spot.outOfService || !spot.hasActiveOrUpcomingBooking) return null;
  const why =
    spot.status === 'occupied'
      ? 'a car is parked here'
      : spot.status === 'reserved'
        ? 'it is reserved now'
        : spot.nextReservationAt
          ? `it is reserved from ${formatTimeOfDay(spot.nextReservationAt, now)}`
          : 'a booking holds it';
  return `Cannot be taken out of service while ${why}.`;
}
