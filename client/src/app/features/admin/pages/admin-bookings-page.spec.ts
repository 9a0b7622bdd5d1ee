import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AdminBookingDto, AdminBookingPage } from '../../../api/models';
import { driver, lot, parkedBooking, settle } from '../../../../testing/api-fixtures';
import { readableText } from '../../../../testing/dom';
import { AdminActions } from '../admin-actions';
import { AdminBookingsPage } from './admin-bookings-page';

/** Filters reach the URL (and so the list) once the admin pauses (300 ms). */
const waitForDebounce = () => new Promise((resolve) => setTimeout(resolve, 350));

const overstaying: AdminBookingDto = {
  ...parkedBooking,
  username: 'jane',
  mustLeaveBy: '2026-11-22T10:00:00Z',
  overstayMinutes: 65,
  reseatedFromSpotNumber: null,
};

describe('AdminBookingsPage', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;
  let router: Router;
  let page: HTMLElement;

  const bookingsRequest = () =>
    http.expectOne((req) => req.method === 'GET' && req.url === '/api/admin/bookings');
  const noBookingsRequest = () =>
    http.expectNone((req) => req.method === 'GET' && req.url === '/api/admin/bookings');
  const answer = async (items: AdminBookingDto[]) => {
    const request = bookingsRequest();
    request.flush({ items, page: 1, pageSize: 25, total: items.length } as AdminBookingPage);
    await settle();
    await harness.fixture.whenStable();
    return request.request;
  };
  const stable = async () => {
    await settle();
    await harness.fixture.whenStable();
  };
  /** Opens the page at `url`, answering its lots request. */
  async function open(url: string) {
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, AdminBookingsPage);
    page = harness.routeNativeElement!;
    await stable();
    http
      .expectOne((req) => req.url === '/api/lots')
      .flush({ items: [lot], page: 1, pageSize: 100, total: 1 });
    await stable();
  }
  const overstayToggle = () =>
    page.querySelector<HTMLInputElement>('mat-checkbox input[type=checkbox]')!;
  const field = (label: string) =>
    [...page.querySelectorAll('mat-form-field')].find(
      (f) => f.querySelector('mat-label')?.textContent?.trim() === label,
    )!;
  const select = (label: string) => field(label).querySelector('mat-select')!;
  const textInput = (label: string) => field(label).querySelector<HTMLInputElement>('input')!;
  async function type(input: HTMLInputElement, value: string) {
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await stable();
  }
  async function choose(label: string, option: string) {
    (select(label) as HTMLElement).click();
    await stable();
    const match = [...document.querySelectorAll<HTMLElement>('mat-option')].find(
      (o) => o.textContent?.trim() === option,
    );
    match!.click();
    await stable();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'admin/bookings', component: AdminBookingsPage }]),
        AdminActions,
      ],
    });
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
  });

  afterEach(() => {
    harness.fixture.destroy();
    http.verify();
  });

  it('lists only the cars overstaying now while "Overstaying now" is ticked (R-OCC-2)', async () => {
    await open('/admin/bookings');
    expect((await answer([])).params.has('overstaying')).toBe(false);

    const toggle = overstayToggle();
    expect(toggle.closest('mat-checkbox')!.textContent!.trim()).toBe('Overstaying now');
    toggle.click();
    await waitForDebounce();
    await stable();
    const filtered = await answer([overstaying]);
    expect(filtered.params.get('overstaying')).toBe('true');
    expect(filtered.params.get('page')).toBe('1');

    const row = page.querySelector('[data-testid=booking-row]')!;
    const flag = row.querySelector('[data-testid=booking-overstay]')!;
    expect(readableText(flag)).toBe('Overstaying 1 h 5 min');
    expect(row.textContent).toMatch(/must leave by 11\/22\/26/);

    toggle.click();
    await waitForDebounce();
    await stable();
    expect((await answer([])).params.has('overstaying')).toBe(false);
  });

  it('shows the spot a reservation was moved from, and no overstay flag on time', async () => {
    await open('/admin/bookings');
    await answer([
      { ...overstaying, mustLeaveBy: null, overstayMinutes: 0, reseatedFromSpotNumber: 4 },
    ]);
    const row = page.querySelector('[data-testid=booking-row]')!;
    expect(row.textContent).toContain('moved from spot 4');
    expect(row.querySelector('[data-testid=booking-overstay]')).toBeNull();
  });

  it('says each status in words, in the rows and in the status filter', async () => {
    await open('/admin/bookings');
    const statuses = ['reserved', 'active', 'completed', 'cancelled', 'expired'] as const;
    await answer(statuses.map((status, i) => ({ ...overstaying, id: `b${i}`, status })));
    const shown = [...page.querySelectorAll('[data-testid=booking-status]')].map(readableText);
    expect(shown).toEqual([
      'Upcoming reservation',
      'Active',
      'Completed',
      'Cancelled',
      'Expired (no-show)',
    ]);

    (select('Status') as HTMLElement).click();
    await stable();
    const options = [...document.querySelectorAll('mat-option')].map(readableText);
    expect(options).toEqual(['Any status', ...shown]);
    document.querySelector<HTMLElement>('mat-option')!.click(); // closes the panel
    await stable();
  });

  it('restores every filter and the page from the URL, and fetches that list', async () => {
    await open(
      `/admin/bookings?status=completed&lotId=${lot.id}&vehicleNumber=KA01AB1234` +
        `&from=2026-11-01&to=2026-11-30&overstaying=true&userId=${driver.id}&username=jane&page=3`,
    );
    const request = await answer([]);
    expect(request.params.get('status')).toBe('completed');
    expect(request.params.get('lotId')).toBe(lot.id);
    expect(request.params.get('vehicleNumber')).toBe('KA01AB1234');
    expect(request.params.get('from')).toMatch(/^2026-11-01T00:00:00[+-]\d\d:\d\d$/);
    // The last day is included: the list ends at the midnight after it.
    expect(request.params.get('to')).toMatch(/^2026-12-01T00:00:00[+-]\d\d:\d\d$/);
    expect(request.params.get('overstaying')).toBe('true');
    expect(request.params.get('userId')).toBe(driver.id);
    expect(request.params.get('page')).toBe('3');

    expect(readableText(select('Status'))).toBe('Completed');
    expect(readableText(select('Lot'))).toBe(lot.name);
    expect(textInput('Vehicle number').value).toBe('KA01AB1234');
    expect(textInput('Starting from').value).toBe('2026-11-01');
    expect(textInput('Starting until').value).toBe('2026-11-30');
    expect(overstayToggle().checked).toBe(true);
    expect(readableText(page.querySelector('[data-testid=driver-filter]'))).toContain(
      'Bookings of jane',
    );
  });

  it('leaves out what the URL holds that the API would refuse', async () => {
    await open('/admin/bookings?status=parked&lotId=42&from=yesterday&userId=x&page=-1');
    const request = await answer([]);
    expect(request.params.keys().sort()).toEqual(['page', 'pageSize']);
    expect(request.params.get('page')).toBe('1');
    expect(page.querySelector('[data-testid=driver-filter]')).toBeNull();
  });

  it('writes the filters into the URL, a choice as a new history entry and typing in place', async () => {
    await open('/admin/bookings?page=2');
    await answer([]);
    const navigate = vi.spyOn(router, 'navigate');

    await choose('Status', 'Expired (no-show)');
    await waitForDebounce();
    await stable();
    // Another filter starts the list again from its first page.
    expect(router.url).toBe('/admin/bookings?status=expired');
    expect(navigate.mock.calls.at(-1)![1]).toMatchObject({ replaceUrl: false });
    expect((await answer([])).params.get('status')).toBe('expired');

    await type(textInput('Vehicle number'), 'KA01AB1234');
    await waitForDebounce();
    await stable();
    expect(router.url).toBe('/admin/bookings?status=expired&vehicleNumber=KA01AB1234');
    expect(navigate.mock.calls.at(-1)![1]).toMatchObject({ replaceUrl: true });
    expect((await answer([])).params.get('vehicleNumber')).toBe('KA01AB1234');
  });

  it('follows the URL when Back changes it, without writing it again', async () => {
    await open('/admin/bookings?status=cancelled');
    await answer([]);
    const navigate = vi.spyOn(router, 'navigate');

    await harness.navigateByUrl('/admin/bookings?status=active&overstaying=true');
    await waitForDebounce();
    await stable();
    const request = await answer([]);
    expect(request.params.get('status')).toBe('active');
    expect(readableText(select('Status'))).toBe('Active');
    expect(overstayToggle().checked).toBe(true);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('refuses a "from" after the "until" at the field, and fetches nothing', async () => {
    await open('/admin/bookings');
    await answer([]);

    await type(textInput('Starting from'), '2026-11-20');
    await type(textInput('Starting until'), '2026-11-10');
    await waitForDebounce();
    await stable();
    const until = field('Starting until');
    expect(readableText(until.querySelector('mat-error'))).toBe(
      'Choose an "until" day on or after the "from" day',
    );
    expect(textInput('Starting until').getAttribute('aria-invalid')).toBe('true');
    noBookingsRequest();
    expect(router.url).toBe('/admin/bookings');

    // Put right, the list follows.
    await type(textInput('Starting until'), '2026-11-25');
    await waitForDebounce();
    await stable();
    expect(until.querySelector('mat-error')).toBeNull();
    expect(router.url).toBe('/admin/bookings?from=2026-11-20&to=2026-11-25');
    await answer([]);
  });

  it('fetches nothing for a URL whose days are out of order, and says why at the field', async () => {
    await open('/admin/bookings?from=2026-11-20&to=2026-11-10');
    noBookingsRequest();
    expect(readableText(field('Starting until').querySelector('mat-error'))).toBe(
      'Choose an "until" day on or after the "from" day',
    );
  });
});
