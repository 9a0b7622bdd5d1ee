import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AdminBookingDto, AdminBookingPage } from '../../../api/models';
import { lot, parkedBooking, settle } from '../../../../testing/api-fixtures';
import { readableText } from '../../../../testing/dom';
import { AdminActions } from '../admin-actions';
import { AdminBookingsPage } from './admin-bookings-page';

/** Typed filters are sent once the admin pauses (300 ms). */
const waitForDebounce = () => new Promise((resolve) => setTimeout(resolve, 350));

const overstaying: AdminBookingDto = {
  ...parkedBooking,
  username: 'jane',
  mustLeaveBy: '2026-11-22T10:00:00Z',
  overstayMinutes: 65,
  reseatedFromSpotNumber: null,
};

describe('AdminBookingsPage', () => {
  let fixture: ComponentFixture<AdminBookingsPage>;
  let http: HttpTestingController;
  let page: HTMLElement;

  const bookingsRequest = () =>
    http.expectOne((req) => req.method === 'GET' && req.url === '/api/admin/bookings');
  const answer = async (items: AdminBookingDto[]) => {
    const request = bookingsRequest();
    request.flush({ items, page: 1, pageSize: 25, total: items.length } as AdminBookingPage);
    await settle();
    await fixture.whenStable();
    return request.request;
  };
  const overstayToggle = () =>
    page.querySelector<HTMLInputElement>('mat-checkbox input[type=checkbox]')!;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [AdminBookingsPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), AdminActions],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AdminBookingsPage);
    page = fixture.nativeElement;
    await fixture.whenStable();
    http
      .expectOne((req) => req.url === '/api/lots')
      .flush({ items: [lot], page: 1, pageSize: 100, total: 1 });
  });

  afterEach(() => {
    fixture.destroy();
    http.verify();
  });

  it('lists only the cars overstaying now while "Overstaying now" is ticked (R-OCC-2)', async () => {
    expect((await answer([])).params.has('overstaying')).toBe(false);

    const toggle = overstayToggle();
    expect(toggle.closest('mat-checkbox')!.textContent!.trim()).toBe('Overstaying now');
    toggle.click();
    await waitForDebounce();
    await fixture.whenStable();
    const filtered = await answer([overstaying]);
    expect(filtered.params.get('overstaying')).toBe('true');
    expect(filtered.params.get('page')).toBe('1');

    const row = page.querySelector('[data-testid=booking-row]')!;
    const flag = row.querySelector('[data-testid=booking-overstay]')!;
    expect(readableText(flag)).toBe('Overstaying 1 h 05 min');
    expect(row.textContent).toMatch(/must leave by 11\/22\/26/);

    toggle.click();
    await waitForDebounce();
    await fixture.whenStable();
    expect((await answer([])).params.has('overstaying')).toBe(false);
  });

  it('shows the spot a reservation was moved from, and no overstay flag on time', async () => {
    await answer([
      { ...overstaying, mustLeaveBy: null, overstayMinutes: 0, reseatedFromSpotNumber: 4 },
    ]);
    const row = page.querySelector('[data-testid=booking-row]')!;
    expect(row.textContent).toContain('moved from spot 4');
    expect(row.querySelector('[data-testid=booking-overstay]')).toBeNull();
  });
});
