import { SpotStatus } from '../../api/models';

/**
 * How a spot's status is shown: a colour (tiles, the occupancy chart), never alone but with a word and
 * an icon. The colours keep white text readable.
 */
export const SPOT_STATUS_LOOK: Record<SpotStatus, { label: string; icon: string; color: string }> =
  {
    available: { label: 'Free', icon: 'check_circle', color: '#2e7d32' },
    occupied: { label: 'Occupied', icon: 'directions_car', color: '#c62828' },
    reserved: { label: 'Reserved', icon: 'event', color: '#b45309' },
    outOfService: { label: 'Out of service', icon: 'block', color: '#5f6368' },
  };
