import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { of } from 'rxjs';
import { BookingDto } from '../../api/models';
import { errorBody, settle } from '../../../testing/api-fixtures';
import { BookingActions } from './booking-actions';
import { PayDialog } from './components/pay-dialog';

const active: BookingDto = {
  id: 'b1',
  userId: 'u1',
  lotId: 'l1',
  lotName: 'Central Garage',
  spotId: 's1',
  spotNumber: 3,
  vehicleNumber: 'KA01AB1234',
  type: 'instant',
  status: 'active',
  startAt: '2026-11-22T09:00:00Z',
  endAt: null,
  checkedInAt: null,
  releasedAt: null,
  ratePerHourCents: 600,
  costCents: 30,
  estimatedCostCents: null,
  currency: 'USD',
  paid: false,
  releaseReason: null,
  createdAt: '2026-11-22T09:00:00Z',
};
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

  it('releases, then offers to pay what it cost and records the chosen method', async () => {
    dialogOpen.mockReturnValue({ afterClosed: () => of('upi') });
    const done = actions.release(active);
    http.expectOne({ method: 'POST', url: '/api/bookings/b1/release' }).flush(released);
    await settle();

    expect(dialogOpen).toHaveBeenCalledWith(PayDialog, { data: released });
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
    dialogOpen.mockReturnValue({ afterClosed: () => of(undefined) });
    const done = actions.release(active);
    http.expectOne('/api/bookings/b1/release').flush(released);
    await done;
    http.expectNone('/api/bookings/b1/payment');
  });

  it("shows the API's refusal and still reloads the lists (the booking may have changed)", async () => {
    const done = actions.release(active);
    http
      .expectOne('/api/bookings/b1/release')
      .flush(errorBody(409, 'BOOKING_NOT_ACTIVE', 'This booking is not active'), {
        status: 409,
        statusText: 'Conflict',
      });
    await done;
    expect(toast).toHaveBeenCalledWith('This booking is not active', 'Dismiss', expect.anything());
    expect(dialogOpen).not.toHaveBeenCalled();
    expect(actions.version()).toBe(1);
  });

  it('hides the review button once the API says the booking was already reviewed', async () => {
    dialogOpen.mockReturnValue({ afterClosed: () => of({ rating: 4 }) });
    const done = actions.review(released);
    await settle();
    http
      .expectOne('/api/bookings/b1/review')
      .flush(errorBody(409, 'ALREADY_REVIEWED', 'Already reviewed'), {
        status: 409,
        statusText: 'Conflict',
      });
    await done;
    expect(actions.reviewed().has('b1')).toBe(true);
  });
});
