import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { of } from 'rxjs';
import { BookingDto } from '../../api/models';
import { errorBody, parkedBooking, settle } from '../../../testing/api-fixtures';
import { ConfirmDialog } from '../../shared/confirm-dialog';
import { formatTimeOfDay } from '../../shared/time/local-time';
import { BookingActions, releaseConfirmation } from './booking-actions';
import { PayDialog } from './components/pay-dialog';
import { ReviewDialog } from './components/review-dialog';

const active = parkedBooking;
const reservation: BookingDto = {
  ...active,
  id: 'r1',
  type: 'reserved',
  status: 'reserved',
  endAt: '2026-11-22T11:00:00Z',
  costCents: 0,
  estimatedCostCents: 1200,
};
const conflict = { status: 409, statusText: 'Conflict' };
const spotTaken = 'The car before you is still on your spot and no other spot is free';
const released: BookingDto = {
  ...active,
  status: 'completed',
  releasedAt: '2026-11-22T09:05:00Z',
  costCents: 50,
};

describe('BookingActions', () => {
  let actions: BookingActions;
  let http: HttpTestingController;
  const dialogOpen = vi.fn();
  const toast = vi.fn();

  beforeEach(() => {
    dialogOpen.mockReset();
    toast.mockReset();
    TestBed.configureTestingModule({
      providers: [
        BookingActions,
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MatDialog, useValue: { open: dialogOpen } },
        { provide: MatSnackBar, useValue: { open: toast } },
      ],
    });
    actions = TestBed.inject(BookingActions);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  /** The driver's answers: to the confirmation, then to the pay dialog. */
  const answer = (confirmed: boolean, method?: string) =>
    dialogOpen.mockImplementation((dialog: unknown) => ({
      afterClosed: () => of(dialog === ConfirmDialog ? confirmed || undefined : method),
    }));

  it('asks before releasing, saying what it costs now; cancelling releases nothing', async () => {
    answer(false);
    await actions.release(active);
    expect(dialogOpen).toHaveBeenCalledTimes(1);
    expect(dialogOpen).toHaveBeenCalledWith(ConfirmDialog, {
      data: {
        title: 'Release spot 3?',
        message:
          'Central Garage, spot 3. Releasing now costs $0.30, billed per started minute at $6.00/h.',
        confirm: 'Release spot',
      },
    });
    http.expectNone('/api/bookings/b1/release');
    expect(actions.version()).toBe(0);
    expect(toast).not.toHaveBeenCalled();
  });

  it('says that a checked-in reservation’s window is charged in full, plus its overstay', () => {
    const now = new Date('2026-11-22T12:30:00Z');
    const checkedIn: BookingDto = {
      ...reservation,
      status: 'active',
      startAt: '2026-11-22T10:00:00Z',
      endAt: '2026-11-22T12:00:00Z',
      checkedInAt: '2026-11-22T09:55:00Z',
      costCents: 1500,
      overstayMinutes: 30,
    };
    const window = `${formatTimeOfDay(checkedIn.startAt, now)} – ${formatTimeOfDay(checkedIn.endAt!, now)}`;
    expect(releaseConfirmation(checkedIn, now).message).toBe(
      `Central Garage, spot 3. Releasing now costs $15.00: your reserved window (${window}) is charged in full, also when you leave early, plus 30 min of overstay at $6.00/h.`,
    );
    expect(releaseConfirmation({ ...checkedIn, overstayMinutes: 0 }, now).message).toBe(
      `Central Garage, spot 3. Releasing now costs $15.00: your reserved window (${window}) is charged in full, also when you leave early.`,
    );
  });

  it('releases once confirmed, then offers to pay what it cost and records the chosen method', async () => {
    answer(true, 'upi');
    const done = actions.release(active);
    await settle();
    http.expectOne({ method: 'POST', url: '/api/bookings/b1/release' }).flush(released);
    await settle();

    expect(dialogOpen).toHaveBeenLastCalledWith(PayDialog, { data: released });
    const payment = http.expectOne({ method: 'POST', url: '/api/bookings/b1/payment' });
    expect(payment.request.body).toEqual({ method: 'upi' });
    payment.flush({
      id: 'p1',
      bookingId: 'b1',
      amountCents: 50,
      currency: 'USD',
      method: 'upi',
      createdAt: '',
    });
    await done;
    expect(toast.mock.calls.map((call) => call[0])).toEqual([
      'Spot 3 released: $0.50',
      'Paid $0.50. Thank you!',
    ]);
    expect(actions.version()).toBe(2);
  });

  it('records nothing when the driver chooses to pay later', async () => {
    answer(true, undefined);
    const done = actions.release(active);
    await settle();
    http.expectOne('/api/bookings/b1/release').flush(released);
    await done;
    http.expectNone('/api/bookings/b1/payment');
  });

  it("shows the API's refusal and still reloads the lists (the booking may have changed)", async () => {
    answer(true);
    const done = actions.release(active);
    await settle();
    http
      .expectOne('/api/bookings/b1/release')
      .flush(errorBody(409, 'BOOKING_NOT_ACTIVE', 'This booking is not active'), {
        status: 409,
        statusText: 'Conflict',
      });
    await done;
    expect(toast).toHaveBeenCalledWith('This booking is not active', 'Dismiss', expect.anything());
    expect(dialogOpen).toHaveBeenCalledTimes(1); // the confirmation; no pay dialog
    expect(actions.version()).toBe(1);
  });

  it('sends the review and reloads the lists, which then show the booking reviewed', async () => {
    dialogOpen.mockReturnValue({ afterClosed: () => of({ rating: 4 }) });
    const done = actions.review(released);
    await settle();
    expect(dialogOpen).toHaveBeenCalledWith(ReviewDialog, { data: released });
    const sent = http.expectOne({ method: 'POST', url: '/api/bookings/b1/review' });
    expect(sent.request.body).toEqual({ rating: 4 });
    sent.flush({});
    await done;
    expect(toast).toHaveBeenCalledWith('Thanks for your review', 'OK', expect.anything());
    expect(actions.version()).toBe(1);
  });

  it('reloads the lists also when the API says the booking was already reviewed', async () => {
    dialogOpen.mockReturnValue({ afterClosed: () => of({ rating: 4 }) });
    const done = actions.review(released);
    await settle();
    http
      .expectOne('/api/bookings/b1/review')
      .flush(errorBody(409, 'ALREADY_REVIEWED', 'Already reviewed'), conflict);
    await done;
    expect(toast).toHaveBeenCalledWith('Already reviewed', 'Dismiss', expect.anything());
    expect(actions.version()).toBe(1);
  });

  it('offers a free cancellation once check-in finds the spot still taken and no other free (R-OCC-3)', async () => {
    const checkIn = actions.checkIn(reservation);
    http
      .expectOne({ method: 'POST', url: '/api/bookings/r1/check-in' })
      .flush(errorBody(409, 'NO_SPOT_AVAILABLE', spotTaken), conflict);
    await checkIn;
    expect(toast).toHaveBeenCalledWith(spotTaken, 'Dismiss', expect.anything());
    expect(actions.stranded().get('r1')).toBe(spotTaken);

    dialogOpen.mockReturnValue({ afterClosed: () => of(true) });
    const cancel = actions.cancel(reservation);
    await settle();
    expect(dialogOpen).toHaveBeenCalledWith(ConfirmDialog, {
      data: expect.objectContaining({
        message: 'Central Garage, spot 3. Your spot is still taken, so cancelling costs nothing.',
      }),
    });
    http
      .expectOne({ method: 'POST', url: '/api/bookings/r1/cancel' })
      .flush({ ...reservation, status: 'cancelled' });
    await cancel;
    expect(toast).toHaveBeenLastCalledWith('Reservation cancelled', 'OK', expect.anything());
  });

  it('does not offer a free cancellation for other check-in refusals', async () => {
    const checkIn = actions.checkIn(reservation);
    http
      .expectOne('/api/bookings/r1/check-in')
      .flush(errorBody(409, 'TOO_EARLY', 'Check-in opens 15 minutes before the start'), conflict);
    await checkIn;
    expect(actions.stranded().size).toBe(0);
  });
});
