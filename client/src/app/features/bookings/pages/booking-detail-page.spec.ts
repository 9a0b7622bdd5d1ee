import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter } from '@angular/router';
import { BookingDto } from '../../../api/models';
import {
  errorBody,
  parkedBooking,
  releasedBooking,
  settle,
} from '../../../../testing/api-fixtures';
import { readableText } from '../../../../testing/dom';
import { BookingDetailPage } from './booking-detail-page';

const ID = '3f2a1c4e-0000-4000-8000-000000000001';
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

describe('BookingDetailPage', () => {
  let fixture: ComponentFixture<BookingDetailPage>;
  let http: HttpTestingController;
  let page: HTMLElement;
  const toast = vi.fn();

  const heading = () => readableText(page.querySelector('h1'));
  const buttons = () =>
    [...page.querySelectorAll('[data-testid=booking-detail] button')].map((b) =>
      b.textContent!.trim(),
    );

  async function open(bookingId: string) {
    fixture = TestBed.createComponent(BookingDetailPage);
    page = fixture.nativeElement;
    fixture.componentRef.setInput('bookingId', bookingId);
    await fixture.whenStable();
  }

  async function answer(body: BookingDto | object, status = 200) {
    http
      .expectOne(`/api/bookings/${ID}`)
      .flush(body, status === 200 ? {} : { status, statusText: 'Error' });
    await settle();
    await fixture.whenStable();
  }

  beforeEach(() => {
    toast.mockReset();
    TestBed.configureTestingModule({
      imports: [BookingDetailPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: MatSnackBar, useValue: { open: toast } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    fixture.destroy();
    http.verify();
  });

  it('shows the not-found page for a malformed id, without asking the API', async () => {
    await open('not-a-booking');
    http.expectNone(() => true);
    expect(page.querySelector('app-not-found-page')).not.toBeNull();
    expect(heading()).toBe('Booking not found');
    expect(page.textContent).not.toContain('UUID');
  });

  it('shows the not-found page for a booking the API does not know (404), without a toast', async () => {
    await open(ID);
    await answer(errorBody(404, 'NOT_FOUND', 'Booking not found'), 404);
    expect(heading()).toBe('Booking not found');
    expect(toast).not.toHaveBeenCalled();
  });

  it('shows the not-found page, not "The id must be a UUID", when the API refuses the id (400)', async () => {
    await open(ID);
    await answer(errorBody(400, 'VALIDATION_FAILED', 'The id must be a UUID'), 400);
    expect(heading()).toBe('Booking not found');
    expect(page.textContent).not.toContain('The id must be a UUID');
    expect(toast).not.toHaveBeenCalled();
  });

  it('shows a checked-in reservation with its window charged in full, its overstay and Release', async () => {
    await open(ID);
    await answer({
      ...parkedBooking,
      id: ID,
      type: 'reserved',
      startAt: inMinutes(-150),
      endAt: inMinutes(-30),
      checkedInAt: inMinutes(-150),
      overstayMinutes: 30,
      costCents: 1500,
      estimatedCostCents: 1200,
    });
    expect(heading()).toBe('Booking at Central Garage');
    expect(readableText(page.querySelector('[data-testid=booking-status]'))).toBe('Parked now');
    expect(readableText(page.querySelector('[data-testid=reserved-window]'))).toContain(
      'the whole window is charged, $12.00',
    );
    expect(readableText(page.querySelector('[data-testid=overstay]'))).toMatch(
      /^Overstaying by 30 min/,
    );
    expect(buttons()).toEqual(['Release spot']);
    expect(page.querySelector('[data-testid=booking-details-link]')).toBeNull();
  });

  it('shows a completed booking with its stay, the reason for its cost, and Pay and Review', async () => {
    await open(ID);
    await answer({ ...releasedBooking, id: ID });
    expect(readableText(page.querySelector('[data-testid=booking-status]'))).toBe('Completed');
    expect(readableText(page.querySelector('[data-testid=stay]'))).toMatch(/^Stayed 2 h 15 min · /);
    expect(readableText(page.querySelector('[data-testid=cost-explanation]'))).toBe(
      '2 h 15 min at $2.50/h, billed per started minute = $5.63',
    );
    expect(readableText(page.querySelector('[data-testid=final-cost]'))).toBe(
      'Cost $5.63 · not paid yet',
    );
    expect(buttons()).toEqual(['Pay', 'Review']);
  });
});
