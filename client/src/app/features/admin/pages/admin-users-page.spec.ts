import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AdminUserDto } from '../../../api/models';
import { driver, settle } from '../../../../testing/api-fixtures';
import { readableText } from '../../../../testing/dom';
import { AdminActions } from '../admin-actions';
import { AdminBookingsPage } from './admin-bookings-page';
import { AdminUsersPage } from './admin-users-page';

const jane: AdminUserDto = {
  ...driver,
  bookingsCount: 1204,
  currency: 'USD',
  lastBookingAt: '2026-11-21T10:00:00Z',
  totalSpentCents: 250000,
};
const bob: AdminUserDto = {
  ...jane,
  id: '7d3f8c1e-0000-4000-8000-000000000003',
  username: 'bob',
  email: 'bob@example.com',
  fullName: null,
  bookingsCount: 1,
};

describe('AdminUsersPage', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;
  let page: HTMLElement;

  const stable = async () => {
    await settle();
    await harness.fixture.whenStable();
  };
  const bookingsLinks = () => [
    ...page.querySelectorAll<HTMLAnchorElement>('[data-testid=user-bookings-link]'),
  ];

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'admin/users', component: AdminUsersPage },
          { path: 'admin/bookings', component: AdminBookingsPage },
        ]),
        AdminActions,
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/admin/users');
    page = harness.routeNativeElement!;
    await stable();
    http
      .expectOne((req) => req.url === '/api/admin/users')
      .flush({ items: [jane, bob], page: 1, pageSize: 25, total: 2 });
    await stable();
  });

  afterEach(() => {
    harness.fixture.destroy();
    http.verify();
  });

  it('names each "bookings" link by its purpose, keeping the number it shows', () => {
    expect(bookingsLinks().map((link) => link.getAttribute('aria-label'))).toEqual([
      'Show the 1,204 bookings of Jane Doe (jane)',
      'Show the 1 booking of bob',
    ]);
    expect(bookingsLinks().map(readableText)).toEqual(['1,204', '1']);
  });

  it('opens the bookings list filtered by that driver, through the URL', async () => {
    const [janes] = bookingsLinks();
    expect(janes.getAttribute('href')).toBe(`/admin/bookings?userId=${jane.id}&username=jane`);

    janes.click();
    await stable();
    expect(TestBed.inject(Router).url).toBe(`/admin/bookings?userId=${jane.id}&username=jane`);
    http
      .expectOne((req) => req.url === '/api/lots')
      .flush({ items: [], page: 1, pageSize: 100, total: 0 });
    const request = http.expectOne((req) => req.url === '/api/admin/bookings');
    expect(request.request.params.get('userId')).toBe(jane.id);
    request.flush({ items: [], page: 1, pageSize: 25, total: 0 });
    await stable();
    expect(
      readableText(harness.routeNativeElement!.querySelector('[data-testid=driver-filter]')),
    ).toContain('Bookings of jane');
  });
});
