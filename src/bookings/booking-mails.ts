import type { OutgoingMail } from '../mail/mail.service';
import type { BookingDto } from './dto/bookings.dto';

export interface Recipient {
  id?: string;
  email: string;
  name: string;
}

/** A mail and the key that keeps it to one per event, however often it is asked for. */
export interface KeyedMail {
  mail: OutgoingMail;
  key: string;
}

function notice(to: Recipient, subject: string, booking: BookingDto, lead: string, note: string, extra: Record<string, unknown> = {}): OutgoingMail {
  return { to: to.email, subject, template: 'booking-notice', context: { name: to.name, booking, lead, note, ...extra } };
}

/**
 * R-JOB-1: the confirmation of a booking, composed by the statement that inserts it (so it is written to
 * the outbox in the same statement, one round trip): its key and its mail (a QueuedMail) as SQL
 * expressions over the allocation's relations `inserted`, `lot`, `spot` and `driver`.
 */
export const CONFIRMATION_MAIL_SQL = {
  key: `'booking-confirmation:' || inserted.id`,
  mail: `jsonb_build_object(
    'to', driver.email,
    'subject', CASE WHEN inserted.type = 'reserved' THEN format('Reservation confirmed: %s, spot %s', lot.name, spot.number)
                    ELSE format('Parked at %s, spot %s', lot.name, spot.number) END,
    'template', 'booking-confirmation',
    'context', jsonb_build_object(
      'name', driver.name, 'reserved', inserted.type = 'reserved', 'id', inserted.id, 'lotName', lot.name,
      'spotNumber', spot.number, 'vehicleNumber', inserted.vehicle_number, 'startAt', inserted.start_at,
      'endAt', inserted.end_at, 'mustLeaveBy', inserted.must_leave_by, 'ratePerHourCents', inserted.rate_per_hour_cents,
      'estimatedCostCents', inserted.quoted_cents))`,
};

/** The other mails of a booking's life (R-OCC-2..4), composed in one place. */
export const bookingMails = {
  /** R-OCC-3: the driver's reservation moved to another spot. */
  reseated(booking: BookingDto, previousSpotNumber: number, driver: Recipient): KeyedMail {
    return {
      key: `booking-reseated:${booking.id}:${booking.spotId}`,
      mail: notice(
        driver,
        `Your spot changed: ${booking.lotName}, spot ${booking.spotNumber}`,
        booking,
        `The car before you is staying past its time on spot ${previousSpotNumber}, so your reservation moved to spot ${booking.spotNumber}.`,
        'Nothing else changes: same lot, same window, same price.',
        { previousSpotNumber },
      ),
    };
  },

  /** R-OCC-3: nobody could be re-seated; every admin is told once per reservation. */
  reseatFailed(booking: BookingDto, admins: Recipient[]): KeyedMail[] {
    return admins.map((admin) => ({
      key: `booking-reseat-failed:${booking.id}:${admin.id ?? admin.email}`,
      mail: notice(
        admin,
        `No spot for a reservation at ${booking.lotName}`,
        booking,
        `A car is staying past its time on spot ${booking.spotNumber} and no other spot of ${booking.lotName} is free for this reservation.`,
        'The driver may cancel it free of charge. Freeing a spot (or releasing the overstaying car) lets it check in.',
      ),
    }));
  },

  /** R-OCC-4: 15 minutes before a checked-in reservation ends. */
  endingSoon(booking: BookingDto, driver: Recipient): KeyedMail {
    return {
      key: `booking-ending-soon:${booking.id}`,
      mail: notice(
        driver,
        `Your parking at ${booking.lotName} ends soon`,
        booking,
        'Your reservation ends in 15 minutes.',
        'Extend it in the app or leave by then: staying longer is an overstay, charged by the lot’s tariff.',
      ),
    };
  },

  /** R-OCC-2: the stay went past its planned end. */
  overstay(booking: BookingDto, driver: Recipient): KeyedMail {
    return {
      key: `booking-overstay:${booking.id}`,
      mail: notice(
        driver,
        `You are past your time at ${booking.lotName}`,
        booking,
        booking.type === 'reserved'
          ? 'Your reservation has ended and your car is still parked.'
          : 'A reservation of your spot is starting and your car is still parked.',
        'Every started minute is charged until you release the spot; please leave as soon as you can.',
      ),
    };
  },
};
