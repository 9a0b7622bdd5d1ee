import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AvailabilityDto, BookingDto, LotDto } from '../../../api/models';
import { AuthStore } from '../../../core/auth/auth-store';
import { formatTimeOfDay, toLocalInputValue } from '../../../shared/time/local-time';
import { errorBody, lot, settle, tokens } from '../../../../testing/api-fixtures';
import { readableText } from '../../../../testing/dom';
import { routedAsDriver } from '../../../../testing/routed-page';
import { BookSpotPage } from './book-spot-page';

@Component({ template: '' })
class Blank {}

const lotId = lot.id;

/** Debounced reads (300 ms) and the promise chains behind them. */
const waitForDebounce = () => new Promise((resolve) => setTimeout(resolve, 350));

describe('BookSpotPage', () => {
  let fixture: ComponentFixture<BookSpotPage>;
  let http: HttpTestingController;
  let page: HTMLElement;
  const toast = vi.fn();

  const text = () => page.textContent!.replace(/\s+/g, ' ');
  const submitButton = () => page.querySelector<HTMLButtonElement>('button[type=submit]')!;
  const typeVehicle = (value: string) => {
    const input = page.querySelector<HTMLInputElement>('input[formControlName="vehicleNumber"]')!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };

  const buttonNamed = (name: string) =>
    [...page.querySelectorAll<HTMLButtonElement>('button')].find(
      (button) => button.textContent!.trim() === name,
    );
  const refuse = async (code: string, message: string, details?: unknown) => {
    http
      .expectOne({ method: 'POST', url: '/api/bookings' })
      .flush(errorBody(409, code, message, details), { status: 409, statusText: 'Conflict' });
    await settle();
    await fixture.whenStable();
  };

  async function open(mode: 'now' | 'reserve', shown: LotDto = lot) {
    fixture = TestBed.createComponent(BookSpotPage);
    fixture.componentRef.setInput('lotId', lotId);
    fixture.componentRef.setInput('mode', mode);
    page = fixture.nativeElement;
    await fixture.whenStable();
    http.expectOne(`/api/lots/${lotId}`).flush(shown);
    await settle();
    await fixture.whenStable();
  }

  beforeEach(() => {
    localStorage.clear();
    toast.mockReset();
    TestBed.configureTestingModule({
      imports: [BookSpotPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: '**', component: Blank }]),
        { provide: MatSnackBar, useValue: { open: toast } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(AuthStore).start(tokens('a', 'r'));
  });

  afterEach(() => http.verify());

  it('parks now with the lot and the vehicle number, and remembers the vehicle', async () => {
    await open('now');
    // What park now can take, not every free spot (R-LOT-5).
    expect(page.querySelector('[data-testid=park-now-count]')!.textContent).toBe(
      '10 spots free to park now',
    );
    expect(submitButton().disabled).toBe(false);
    typeVehicle('ka-01 ab 1234');
    submitButton().click();
    await fixture.whenStable();

    const req = http.expectOne({ method: 'POST', url: '/api/bookings' });
    expect(req.request.body).toEqual({ lotId, vehicleNumber: 'ka-01 ab 1234' });
    req.flush({
      id: 'b1',
      status: 'active',
      spotNumber: 1,
      lotName: lot.name,
      vehicleNumber: 'KA01AB1234',
    } as BookingDto);
    await settle();
    expect(
      JSON.parse(localStorage.getItem('parking.vehicles.' + tokens('a', 'r').user.id)!),
    ).toEqual(['KA01AB1234']);
  });

  it('shows availability and the estimated price of the window before confirming, then reserves it', async () => {
    await open('reserve');
    expect(submitButton().disabled).toBe(true);
    await waitForDebounce();

    const quote = http.expectOne((req) => req.url === `/api/lots/${lotId}/availability`);
    const startAt = quote.request.params.get('startAt')!;
    const endAt = quote.request.params.get('endAt')!;
    // Local wall-clock time with its offset, two hours apart.
    expect(startAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00[+-]\d\d:\d\d$/);
    expect(Date.parse(endAt) - Date.parse(startAt)).toBe(2 * 3600_000);
    quote.flush({
      lotId,
      startAt,
      endAt,
      available: 7,
      capacity: 20,
      estimatedCostCents: 500,
      currency: 'USD',
    } as AvailabilityDto);
    await settle();
    await fixture.whenStable();
    expect(text()).toContain('7 of 20 spots free for this window · estimated price $5.00');

    typeVehicle('KA01AB1234');
    await waitForDebounce(); // the window did not change: no second availability request
    submitButton().click();
    await fixture.whenStable();
    const booking = http.expectOne({ method: 'POST', url: '/api/bookings' });
    expect(booking.request.body).toEqual({
      lotId,
      vehicleNumber: 'KA01AB1234',
      type: 'reserved',
      startAt,
      endAt,
    });
    booking.flush({
      id: 'b2',
      status: 'reserved',
      spotNumber: 20,
      lotName: lot.name,
      vehicleNumber: 'KA01AB1234',
    } as BookingDto);
    await settle();
  });

  it('keeps Confirm disabled when no spot is free over the window', async () => {
    await open('reserve');
    await waitForDebounce();
    const quote = http.expectOne((req) => req.url.endsWith('/availability'));
    quote.flush({
      lotId,
      startAt: '',
      endAt: '',
      available: 0,
      capacity: 20,
      estimatedCostCents: 500,
      currency: 'USD',
    });
    await settle();
    await fixture.whenStable();
    expect(text()).toContain('0 of 20 spots free');
    expect(submitButton().disabled).toBe(true);
  });

  it('keeps Start parking disabled when no spot can be taken now, though some are free, and offers to reserve', async () => {
    await open('now', { ...lot, available: 2, parkNowSpots: 0 });
    expect(page.querySelector('[data-testid=park-now-count]')!.textContent).toBe(
      'No spot free to park now',
    );
    expect(submitButton().disabled).toBe(true);
    const notice = page.querySelector('[data-testid=lot-full]')!;
    expect(notice.getAttribute('role')).toBe('alert');
    expect(notice.textContent!.replace(/\s+/g, ' ')).toContain(
      'No spot here is free to park now. Every spot is taken or reserved soon. You can reserve a time instead.',
    );
  });

  it('explains LOT_FULL with the time the next spot frees, and reserves from then instead', async () => {
    await open('now');
    typeVehicle('KA01AB1234');
    submitButton().click();
    await fixture.whenStable();
    // Not on a whole minute: the form must start after it, not overlap the booking that ends then.
    const nextFreeAt = new Date(Date.now() + 90 * 60_000 + 20_000);
    await refuse('LOT_FULL', 'No spot is free in this lot right now', {
      nextFreeAt: nextFreeAt.toISOString(),
    });
    // The count is re-read: the button follows the fresh one.
    http.expectOne(`/api/lots/${lotId}`).flush({ ...lot, available: 1, parkNowSpots: 0 });
    await settle();
    await fixture.whenStable();

    expect(toast).not.toHaveBeenCalled(); // the page says it in a driver's words
    const notice = page.querySelector('[data-testid=lot-full]')!;
    expect(notice.textContent!.replace(/\s+/g, ' ')).toContain(
      `No spot here is free to park now. The next one frees at ${formatTimeOfDay(nextFreeAt)}.`,
    );
    expect(submitButton().disabled).toBe(true);

    buttonNamed('Reserve instead')!.click();
    await fixture.whenStable();
    const start = page.querySelector<HTMLInputElement>('input[formControlName=startAt]')!;
    const end = page.querySelector<HTMLInputElement>('input[formControlName=endAt]')!;
    const startMinute = new Date(Math.ceil(nextFreeAt.getTime() / 60_000) * 60_000);
    expect(start.value).toBe(toLocalInputValue(startMinute));
    expect(end.value).toBe(toLocalInputValue(new Date(startMinute.getTime() + 2 * 3600_000)));
    expect(document.activeElement).toBe(start);
    expect(page.querySelector('[data-testid=lot-full]')).toBeNull();
    expect(submitButton().textContent!.trim()).toBe('Confirm reservation');

    await waitForDebounce();
    // The newest request is for the window from the next free time.
    const quotes = http.match((req) => req.url.endsWith('/availability'));
    const quote = quotes[quotes.length - 1];
    expect(Date.parse(quote.request.params.get('startAt')!)).toBe(startMinute.getTime());
    quotes.slice(0, -1).forEach((stale) => stale.flush(null));
    quote.flush({
      lotId,
      startAt: '',
      endAt: '',
      available: 1,
      capacity: 20,
      estimatedCostCents: 500,
      currency: 'USD',
    } as AvailabilityDto);
    await settle();
    await fixture.whenStable();
    expect(submitButton().disabled).toBe(false);
  });

  it('explains LOT_FULL without a time when no spot frees later today', async () => {
    await open('now');
    typeVehicle('KA01AB1234');
    submitButton().click();
    await fixture.whenStable();
    await refuse('LOT_FULL', 'No spot is free in this lot right now');
    http.expectOne(`/api/lots/${lotId}`).flush({ ...lot, parkNowSpots: 0 });
    await settle();
    await fixture.whenStable();
    expect(page.querySelector('[data-testid=lot-full]')!.textContent).toContain(
      'Every spot is taken or reserved soon.',
    );
    expect(page.querySelector('[data-testid=next-free-at]')).toBeNull();
    expect(buttonNamed('Reserve instead')).toBeDefined();
  });

  it('says in words that the driver holds as many bookings as allowed (R-LIMIT-1)', async () => {
    await open('now');
    typeVehicle('KA01AB1234');
    submitButton().click();
    await fixture.whenStable();
    await refuse('BOOKING_LIMIT_REACHED', 'A driver may have at most 3 cars parked at once');
    const notice = page.querySelector('[data-testid=booking-limit]')!;
    expect(notice.getAttribute('role')).toBe('alert');
    expect(readableText(notice)).toBe(
      'You cannot park another car yet: you already have as many cars parked as a driver may. Release one in My bookings first.',
    );
    expect(notice.querySelector('a')!.getAttribute('href')).toBe('/bookings?tab=active');
    expect(toast).not.toHaveBeenCalled();

    // Another refusal still comes as the API's message.
    submitButton().click();
    await fixture.whenStable();
    await refuse('VEHICLE_BUSY', 'This vehicle already has a booking at that time');
    expect(page.querySelector('[data-testid=booking-limit]')).toBeNull();
    expect(toast).toHaveBeenCalledWith(
      'This vehicle already has a booking at that time',
      'Dismiss',
      expect.anything(),
    );
  });

  it('shows "Lot not found" for an unknown lot, without a toast', async () => {
    fixture = TestBed.createComponent(BookSpotPage);
    const unknown = '0b8e8f34-0000-4000-8000-0000000000ff';
    fixture.componentRef.setInput('lotId', unknown);
    page = fixture.nativeElement;
    await fixture.whenStable();
    http.expectOne(`/api/lots/${unknown}`).flush(errorBody(404, 'NOT_FOUND', 'Lot not found'), {
      status: 404,
      statusText: 'Not Found',
    });
    await settle();
    await fixture.whenStable();
    expect(page.querySelector('h1')!.textContent).toBe('Lot not found');
    expect(text()).toContain('There is no parking lot at this address');
    const back = page.querySelector('app-not-found-page a')!;
    expect(readableText(back)).toBe('Find parking');
    expect(back.getAttribute('href')).toBe('/lots');
    expect(page.querySelector('form')).toBeNull();
    expect(toast).not.toHaveBeenCalled();
  });

  it('shows the same page for a malformed link, without asking the API (never "The id must be a UUID")', async () => {
    fixture = TestBed.createComponent(BookSpotPage);
    fixture.componentRef.setInput('lotId', 'not-a-uuid');
    page = fixture.nativeElement;
    await fixture.whenStable();
    http.expectNone((req) => req.url.startsWith('/api/lots'));
    expect(page.querySelector('h1')!.textContent).toBe('Lot not found');
    expect(text()).not.toContain('UUID');
    expect(toast).not.toHaveBeenCalled();
  });

  it('says at the field when the end is before the start', async () => {
    await open('reserve');
    const start = page.querySelector<HTMLInputElement>('input[formControlName=startAt]')!;
    const end = page.querySelector<HTMLInputElement>('input[formControlName=endAt]')!;
    end.value = toLocalInputValue(new Date(Date.parse(start.value) - 60 * 60_000));
    end.dispatchEvent(new Event('input'));
    end.dispatchEvent(new Event('blur'));
    await fixture.whenStable();
    const field = end.closest('mat-form-field')!;
    expect(readableText(field.querySelector('mat-error'))).toBe('The end must be after the start');
    expect(end.getAttribute('aria-invalid')).toBe('true');
    expect(submitButton().disabled).toBe(true);
    await waitForDebounce();
    // Only the suggested window's availability was asked for, none for a window that cannot be.
    const quotes = http.match((req) => req.url.endsWith('/availability'));
    expect(quotes.length).toBe(1);
    expect(Date.parse(quotes[0].request.params.get('startAt')!)).toBe(Date.parse(start.value));
    quotes[0].flush(null);
  });
});

describe('BookSpotPage: the choice and the window in the URL', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;
  let router: Router;

  const page = () => harness.routeNativeElement!;
  const field = (name: string) =>
    page().querySelector<HTMLInputElement>(`input[formControlName=${name}]`);
  const pressed = () =>
    page().querySelector('mat-button-toggle.mat-button-toggle-checked')!.textContent!.trim();
  /** Opens the page at `url` (a link, a reload, Back) and answers its lot. */
  async function visit(url: string) {
    await harness.navigateByUrl(url, BookSpotPage);
    http.expectOne(`/api/lots/${lotId}`).flush(lot);
    await settle();
    await harness.fixture.whenStable();
  }
  /** Availability asked once the window settles: answered, so nothing is left open. */
  const answerQuotes = () =>
    http.match((req) => req.url.endsWith('/availability')).forEach((quote) => quote.flush(null));

  beforeEach(async () => {
    ({ harness, http, router } = await routedAsDriver([
      { path: 'lots/:lotId/book', component: BookSpotPage },
      { path: '**', component: Blank },
    ]));
  });

  afterEach(() => http.verify());

  it('puts Reserve and the window in the URL, replacing the entry; a reload shows the same', async () => {
    await visit(`/lots/${lotId}/book?mode=now`);
    expect(pressed()).toBe('Park now');
    const navigate = vi.spyOn(router, 'navigate');

    page().querySelectorAll<HTMLButtonElement>('mat-button-toggle button')[1].click();
    await harness.fixture.whenStable();
    expect(pressed()).toBe('Reserve a time');
    expect(navigate.mock.calls[0][1]).toMatchObject({ replaceUrl: true });
    const start = field('startAt')!;
    const end = field('endAt')!;
    const later = new Date(Date.now() + 3 * 24 * 3600_000);
    later.setHours(9, 30, 0, 0);
    start.value = toLocalInputValue(later);
    start.dispatchEvent(new Event('input'));
    end.value = toLocalInputValue(new Date(later.getTime() + 90 * 60_000));
    end.dispatchEvent(new Event('input'));
    await waitForDebounce();
    await harness.fixture.whenStable();
    answerQuotes();
    expect(navigate.mock.calls.every(([, extras]) => extras?.replaceUrl === true)).toBe(true);
    const url = new URL(router.url, 'http://x');
    expect(url.searchParams.get('mode')).toBe('reserve');
    expect(url.searchParams.get('start')).toBe(start.value);
    expect(url.searchParams.get('end')).toBe(end.value);

    // A reload: a new page from the same address.
    const address = router.url;
    await harness.navigateByUrl('/bookings');
    await visit(address);
    expect(pressed()).toBe('Reserve a time');
    expect(field('startAt')!.value).toBe(toLocalInputValue(later));
    expect(field('endAt')!.value).toBe(toLocalInputValue(new Date(later.getTime() + 90 * 60_000)));
    await waitForDebounce();
    answerQuotes();
  });

  it('drops the window from the URL on Park now, and ignores a window that is not a moment', async () => {
    await visit(`/lots/${lotId}/book?mode=reserve&start=soon&end=later`);
    expect(pressed()).toBe('Reserve a time');
    // The suggested window stays, rather than empty or broken fields.
    expect(field('startAt')!.value).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
    await waitForDebounce();
    answerQuotes();
    page().querySelectorAll<HTMLButtonElement>('mat-button-toggle button')[0].click();
    await harness.fixture.whenStable();
    expect(router.url).toBe(`/lots/${lotId}/book?mode=now`);
    expect(pressed()).toBe('Park now');
    expect(field('startAt')).toBeNull();
  });
});
