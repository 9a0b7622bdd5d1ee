import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideCharts, withDefaultRegisterables } from 'ng2-charts';
import { AdminStatsDto } from '../../../api/models';
import { settle } from '../../../../testing/api-fixtures';
import { adminStats } from '../../../../testing/admin-stats';
import { readableText } from '../../../../testing/dom';
import { AdminDashboardPage } from './admin-dashboard-page';

/** A busy range: counts and amounts in the thousands. */
const busy: AdminStatsDto = {
  ...adminStats,
  totalRevenueCents: 1234567,
  bookingsByStatus: { active: 12, reserved: 0, completed: 12345, expired: 88, cancelled: 1000 },
  newUsersPerDay: [
    { date: '2026-11-20', users: 1000 },
    { date: '2026-11-21', users: 234 },
    { date: '2026-11-22', users: 0 },
  ],
  occupancyByHourOfWeek: Array.from({ length: 7 * 24 }, (_, i) => ({
    isoWeekday: Math.floor(i / 24) + 1,
    hour: i % 24,
    averageOccupiedSpots: i === 24 + 14 ? 1520.5 : 300, // Tuesday 14:00 the busiest
    hours: 4,
  })),
  topDrivers: [
    {
      userId: 'u1',
      username: 'jane',
      email: 'jane@example.com',
      bookings: 2048,
      spendCents: 4321000,
    },
  ],
};

describe('AdminDashboardPage', () => {
  let fixture: ComponentFixture<AdminDashboardPage>;
  let http: HttpTestingController;
  let page: HTMLElement;

  const byTestId = (id: string) => readableText(page.querySelector(`[data-testid=${id}]`));

  beforeEach(async () => {
    // jsdom draws nothing: the charts' canvases get no context (their content is tested as data).
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    TestBed.configureTestingModule({
      imports: [AdminDashboardPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideCharts(withDefaultRegisterables()),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AdminDashboardPage);
    page = fixture.nativeElement;
    await fixture.whenStable();
    http.expectOne((req) => req.url === '/api/admin/stats').flush(busy);
    await settle();
    await fixture.whenStable();
  });

  afterEach(() => {
    fixture.destroy();
    http.verify();
    vi.restoreAllMocks();
  });

  it('writes counts and amounts with thousands separators (en-US)', () => {
    expect(byTestId('total-revenue')).toBe('$12,345.67 revenue');
    expect(byTestId('bookings-started')).toBe('13,445 bookings started');
    expect(byTestId('new-drivers')).toBe('1,234 new drivers');
    const driverRow = readableText(page.querySelector('[data-testid=top-drivers] tbody tr'));
    expect(driverRow).toContain('$43,210.00');
    expect(driverRow).toContain('2,048');
  });

  it("lists every status in the donut's legend, with its count and share", () => {
    const legend = page.querySelector('[aria-label="Legend of Bookings by status now"]')!;
    expect(legend.tagName).toBe('UL');
    expect([...legend.querySelectorAll('li')].map(readableText)).toEqual([
      'Upcoming reservation 0 (0%)',
      'Active 12 (0%)',
      'Completed 12,345 (92%)',
      'Cancelled 1,000 (7%)',
      'Expired (no-show) 88 (1%)',
    ]);
  });

  it('keeps the top drivers table in a named region the keyboard reaches', () => {
    const table = page.querySelector('[data-testid=top-drivers]')!;
    const region = table.closest('[role=region]')!;
    expect(region.getAttribute('aria-label')).toBe('Top drivers by spend');
    expect(region.getAttribute('tabindex')).toBe('0');
  });

  it("shows the heat map with its scale's ends in the legend", () => {
    expect(byTestId('heat-map-low')).toBe('0');
    expect(byTestId('heat-map-high')).toBe('1,520.5');
    const busiest = page.querySelector('td[aria-label^="Tuesday 14:00"]')!;
    expect(busiest.getAttribute('aria-label')).toBe(
      'Tuesday 14:00–15:00: 1,520.5 spots occupied on average',
    );
  });
});
