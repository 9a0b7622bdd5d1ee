import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { BookingDto } from '../../../api/models';
import { formatTimeOfDay } from '../../../shared/time/local-time';
import { parkedBooking, settle } from '../../../../testing/api-fixtures';
import { readableText } from '../../../../testing/dom';
import { BookingActions } from '../booking-actions';
import { ActiveBookings } from './active-bookings';

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

describe('ActiveBookings', () => {
  let fixture: ComponentFixture<ActiveBookings>;
  let http: HttpTestingController;
  let list: HTMLElement;

  const cards = () => [...list.querySelectorAll<HTMLElement>('[data-testid=active-booking]')];

  async function show(...items: BookingDto[]) {
    fixture = TestBed.createComponent(ActiveBookings);
    list = fixture.nativeElement;
    await fixture.whenStable();
    http
      .expectOne((req) => req.url === '/api/bookings' && req.params.get('status') === 'active')
      .flush({ items, page: 1, pageSize: 100, total: items.length });
    await settle();
    await fixture.whenStable();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ActiveBookings],
      providers: [provideHttpClient(), provideHttpClientTesting(), BookingActions],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    fixture.destroy();
    http.verify();
  });

  it('shows by when a park-now car must leave the spot a reservation takes next (R-BOOK-1)', async () => {
    const mustLeaveBy = inMinutes(75);
    await show({ ...parkedBooking, startAt: inMinutes(-10), mustLeaveBy });
    const leaveBy = cards()[0].querySelector('[data-testid=leave-by]');
    expect(readableText(leaveBy)).toBe(
      `Leave by ${formatTimeOfDay(mustLeaveBy)} · the spot is reserved from then`,
    );
    expect(leaveBy!.querySelector('strong')!.textContent).toBe(
      `Leave by ${formatTimeOfDay(mustLeaveBy)}`,
    );
    expect(cards()[0].querySelector('[data-testid=overstay]')).toBeNull();
  });

  it('shows a reservation’s end as the time to leave, and no time for an open park-now stay', async () => {
    const endAt = inMinutes(30);
    await show(
      { ...parkedBooking, id: 'r1', type: 'reserved', startAt: inMinutes(-90), endAt },
      { ...parkedBooking, id: 'b2' },
    );
    expect(readableText(cards()[0].querySelector('[data-testid=leave-by]'))).toBe(
      `Leave by ${formatTimeOfDay(endAt)} · your reservation ends then`,
    );
    expect(cards()[1].querySelector('[data-testid=leave-by]')).toBeNull();
  });

  it('marks an overstay in words and with an icon, not by colour alone (R-OCC-2)', async () => {
    const mustLeaveBy = inMinutes(-65);
    await show({
      ...parkedBooking,
      startAt: inMinutes(-120),
      mustLeaveBy,
      overstayMinutes: 65,
    });
    const overstay = cards()[0].querySelector('[data-testid=overstay]')!;
    expect(readableText(overstay)).toBe(
      `Overstaying by 1 h 05 min — charged per minute until you release the spot. You were due to leave at ${formatTimeOfDay(mustLeaveBy)}.`,
    );
    expect(overstay.querySelector('mat-icon')!.getAttribute('aria-hidden')).toBe('true');
    expect(overstay.classList).toContain('overstay');
    expect(cards()[0].querySelector('[data-testid=leave-by]')).toBeNull();
  });

  it('says which spot a reservation was moved from (R-OCC-3)', async () => {
    await show({
      ...parkedBooking,
      type: 'reserved',
      endAt: inMinutes(60),
      spotNumber: 9,
      reseatedFromSpotNumber: 4,
    });
    expect(readableText(cards()[0].querySelector('[data-testid=moved-from]'))).toBe(
      'Moved from spot 4: the car before you stayed on it',
    );
    expect(readableText(cards()[0].querySelector('mat-card-subtitle'))).toBe('Spot 9 · KA01AB1234');
  });
});
