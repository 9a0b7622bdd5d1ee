import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { BookingDto } from '../../../api/models';
import { parkedBooking, settle } from '../../../../testing/api-fixtures';
import { BookingActions } from '../booking-actions';
import { BookingHistory } from './booking-history';

const completed: BookingDto = {
  ...parkedBooking,
  status: 'completed',
  releasedAt: '2026-11-22T10:00:00Z',
  costCents: 600,
};

describe('BookingHistory', () => {
  let fixture: ComponentFixture<BookingHistory>;
  let http: HttpTestingController;

  const rows = () => [
    ...(fixture.nativeElement as HTMLElement).querySelectorAll<HTMLElement>(
      '[data-testid=history-row]',
    ),
  ];
  const buttons = (row: HTMLElement) =>
    [...row.querySelectorAll('button')].map((button) => button.textContent!.trim());

  async function show(...items: BookingDto[]) {
    fixture = TestBed.createComponent(BookingHistory);
    await fixture.whenStable();
    http
      .expectOne((req) => req.url === '/api/bookings')
      .flush({ items, page: 1, pageSize: 10, total: items.length });
    await settle();
    await fixture.whenStable();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [BookingHistory],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        BookingActions,
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    fixture.destroy();
    http.verify();
  });

  it('offers Review for a completed booking until the API says it is reviewed', async () => {
    await show(
      { ...completed, id: 'b1', paid: true, reviewed: false },
      { ...completed, id: 'b2', paid: true, reviewed: true },
    );
    expect(buttons(rows()[0])).toEqual(['Review']);
    expect(rows()[0].querySelector('button')!.getAttribute('aria-label')).toBe(
      'Review Central Garage',
    );
    expect(buttons(rows()[1])).toEqual([]);
  });

  it('offers Pay for an unpaid finished booking, and nothing for a cancelled one', async () => {
    await show(
      { ...completed, id: 'b1', reviewed: true },
      { ...completed, id: 'b2', status: 'cancelled', costCents: 0 },
    );
    expect(buttons(rows()[0])).toEqual(['Pay']);
    expect(buttons(rows()[1])).toEqual([]);
  });

  it('links each booking to its own page', async () => {
    await show({ ...completed, id: '3f2a1c4e-0000-4000-8000-000000000001' });
    const link = rows()[0].querySelector('a')!;
    expect(link.getAttribute('href')).toBe('/bookings/3f2a1c4e-0000-4000-8000-000000000001');
    expect(link.getAttribute('aria-label')).toMatch(/^Central Garage, spot 3, /);
  });
});
