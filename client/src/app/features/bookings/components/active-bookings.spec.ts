import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
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
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
        BookingActions,
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    fixture.destroy();
    http.verify();
  });

  /** A reservation checked in 100 minutes ago (the minute under way included), before its two-hour window. */
  const checkedIn = (overrides: Partial<BookingDto> = {}): BookingDto => ({
    ...parkedBooking,
    id: 'r1',
    type: 'reserved',
    startAt: inMinutes(-90),
    endAt: inMinutes(30),
    checkedInAt: inMinutes(-99.5),
    costCents: 1200,
    estimatedCostCents: 1200,
    ...overrides,
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
      `Overstaying by 1 h 5 min — charged per minute until you release the spot. You were due to leave at ${formatTimeOfDay(mustLeaveBy)}.`,
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

  it('shows a checked-in reservation’s window and that the whole window is charged', async () => {
    const booking = checkedIn();
    await show(booking);
    expect(readableText(cards()[0].querySelector('[data-testid=reserved-window]'))).toBe(
      `Reserved ${formatTimeOfDay(booking.startAt)} – ${formatTimeOfDay(booking.endAt!)} (2 h) · the whole window is charged, $12.00, also when you leave early`,
    );
    expect(readableText(cards()[0].querySelector('[data-testid=parked-since]'))).toMatch(
      / · 1 h 40 min$/,
    );
    expect(readableText(cards()[0].querySelector('[data-testid=running-cost]'))).toBe('$12.00');
  });

  it('shows a checked-in reservation’s overstay, charged on top of the window (R-OCC-2)', async () => {
    const booking = checkedIn({
      startAt: inMinutes(-150),
      endAt: inMinutes(-30),
      checkedInAt: inMinutes(-150),
      overstayMinutes: 30,
      costCents: 1500,
    });
    await show(booking);
    const card = cards()[0];
    expect(readableText(card.querySelector('[data-testid=reserved-window]'))).toContain(
      'the whole window is charged, $12.00',
    );
    expect(readableText(card.querySelector('[data-testid=overstay]'))).toBe(
      `Overstaying by 30 min — each started minute past the window is charged at $6.00/h until you release the spot. You were due to leave at ${formatTimeOfDay(booking.endAt!)}.`,
    );
    expect(card.querySelector('[data-testid=leave-by]')).toBeNull();
  });

  it('never says "0 min" while the first minute is charged, and says no window for park now', async () => {
    await show({ ...parkedBooking, startAt: new Date(Date.now() - 10_000).toISOString() });
    expect(readableText(cards()[0].querySelector('[data-testid=parked-since]'))).toMatch(
      / · 1 min$/,
    );
    expect(cards()[0].querySelector('[data-testid=reserved-window]')).toBeNull();
    expect(cards()[0].textContent).not.toMatch(/\b0 min|\d\.\d+ h/);
  });

  it('asks before releasing, with what it costs; "Keep it" releases nothing', async () => {
    await show({ ...parkedBooking, costCents: 135 });
    const release = [...cards()[0].querySelectorAll('button')].find(
      (button) => button.textContent!.trim() === 'Release spot',
    )!;
    release.click();
    await TestBed.inject(ApplicationRef).whenStable();
    const dialog = document.querySelector<HTMLElement>('app-confirm-dialog')!;
    expect(readableText(dialog.querySelector('h2'))).toBe('Release spot 3?');
    expect(readableText(dialog.querySelector('mat-dialog-content'))).toBe(
      'Central Garage, spot 3. Releasing now costs $1.35, billed per started minute at $6.00/h.',
    );
    [...dialog.querySelectorAll('button')]
      .find((b) => b.textContent!.trim() === 'Keep it')!
      .click();
    await TestBed.inject(ApplicationRef).whenStable();
    await settle();
    http.expectNone('/api/bookings/b1/release');
    expect(TestBed.inject(MatDialog).openDialogs).toHaveLength(0);
  });

  it('links each card to the booking’s own page', async () => {
    await show(parkedBooking);
    const link = cards()[0].querySelector<HTMLAnchorElement>('[data-testid=booking-details-link]')!;
    expect(link.getAttribute('href')).toBe('/bookings/b1');
    expect(link.getAttribute('aria-label')).toBe('Details: Central Garage, spot 3');
  });
});
