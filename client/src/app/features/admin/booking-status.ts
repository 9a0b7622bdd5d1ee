import { BookingStatus } from '../../api/models';

export interface BookingStatusLook {
  label: string;
  /** The status's colour in the dashboard's chart; its word is always shown beside it. */
  color: string;
}

/**
 * A booking's status as the admin pages say it, in words rather than the API's values, in the order
 * a booking lives through them. "Expired" is a reservation whose driver never came.
 */
export const BOOKING_STATUS_LOOK: Record<BookingStatus, BookingStatusLook> = {
  reserved: { label: 'Upcoming reservation', color: '#b45309' },
  active: { label: 'Active', color: '#c62828' },
  completed: { label: 'Completed', color: '#1565c0' },
  cancelled: { label: 'Cancelled', color: '#5f6368' },
  expired: { label: 'Expired (no-show)', color: '#6a1b9a' },
};

export const BOOKING_STATUSES = Object.keys(BOOKING_STATUS_LOOK) as BookingStatus[];

export const bookingStatusLabel = (status: BookingStatus): string =>
  BOOKING_STATUS_LOOK[status].label;
