import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter } from '@angular/router';
import { of } from 'rxjs';
import { BookingDto } from '../../../api/models';
import { errorBody, parkedBooking, settle } from '../../../../testing/api-fixtures';
import { readableText } from '../../../../testing/dom';
import { BookingActions } from '../booking-actions';
import { UpcomingBookings } from './upcoming-bookings';

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const spotTaken = 'The car before you is still on your spot and no other spot is free';

describe('UpcomingBookings', () => {
  let fixture: ComponentFixture<UpcomingBookings>;
  let http: HttpTestingController;
  let list: HTMLElement;
  const dialogOpen = vi.fn();

  // Started five minutes ago: too late to cancel, time to check in.
  const started: BookingDto = {
    ...parkedBooking,
    id: 'r1',
    type: 'reserved',
    status: 'reserved',
    startAt: inMinutes(-5),
    endAt: inMinutes(115),
    costCents: 0,
    estimatedCostCents: 1200,
  };

  const card = () => list.querySelector<HTMLElement>('[data-testid=upcoming-booking]')!;
  const buttonNamed = (name: string) =>
    [...card().querySelectorAll<HTMLButtonElement>('button')].find(
      (button) => button.textContent!.trim() === name,
    );
  const answerList = async (...items: BookingDto[]) => {
    await fixture.whenStable();
    http
      .expectOne((req) => req.url === '/api/bookings' && req.params.get('status') === 'reserved')
      .flush({ items, page: 1, pageSize: 100, total: items.length });
    await settle();
    await fixture.whenStable();
  };

  beforeEach(async () => {
    dialogOpen.mockReset();
    TestBed.configureTestingModule({
      imports: [UpcomingBookings],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        BookingActions,
        { provide: MatDialog, useValue: { open: dialogOpen } },
        { provide: MatSnackBar, useValue: { open: vi.fn() } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(UpcomingBookings);
    list = fixture.nativeElement;
    await fixture.whenStable();
  });

  afterEach(() => {
    fixture.destroy();
    http.verify();
  });

  it('offers to cancel for free when check-in finds the spot still taken (R-OCC-3)', async () => {
    await answerList(started);
    expect(buttonNamed('Cancel')).toBeUndefined();
    expect(buttonNamed('Cancel for free')).toBeUndefined();

    buttonNamed('Check in')!.click();
    http
      .expectOne({ method: 'POST', url: '/api/bookings/r1/check-in' })
      .flush(errorBody(409, 'NO_SPOT_AVAILABLE', spotTaken), {
        status: 409,
        statusText: 'Conflict',
      });
    await settle();
    await answerList(started); // the list reloads after every action

    const notice = card().querySelector('[data-testid=spot-taken]')!;
    expect(readableText(notice)).toBe(
      `${spotTaken}. You can cancel this reservation free of charge, or check in again once a spot frees.`,
    );
    expect(notice.getAttribute('role')).toBe('status');

    dialogOpen.mockReturnValue({ afterClosed: () => of(true) });
    buttonNamed('Cancel for free')!.click();
    await settle();
    http
      .expectOne({ method: 'POST', url: '/api/bookings/r1/cancel' })
      .flush({ ...started, status: 'cancelled' });
    await settle();
    await answerList();
    expect(list.textContent).toContain('No upcoming reservations.');
  });

  it('shows which spot a reservation was moved to ahead of its start', async () => {
    await answerList({
      ...started,
      startAt: inMinutes(40),
      spotNumber: 12,
      reseatedFromSpotNumber: 2,
    });
    expect(card().querySelector('[data-testid=moved-from]')!.textContent).toContain(
      'Moved from spot 2',
    );
    expect(buttonNamed('Cancel')).toBeDefined();
  });
});
