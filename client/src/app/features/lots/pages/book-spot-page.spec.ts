import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AvailabilityDto, BookingDto } from '../../../api/models';
import { AuthStore } from '../../../core/auth/auth-store';
import { lot, settle, tokens } from '../../../../testing/api-fixtures';
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

  const text = () => page.textContent!.replace(/\s+/g, ' ');
  const submitButton = () => page.querySelector<HTMLButtonElement>('button[type=submit]')!;
  const typeVehicle = (value: string) => {
    const input = page.querySelector<HTMLInputElement>('input[formControlName="vehicleNumber"]')!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };

  async function open(mode: 'now' | 'reserve') {
    fixture = TestBed.createComponent(BookSpotPage);
    fixture.componentRef.setInput('lotId', lotId);
    fixture.componentRef.setInput('mode', mode);
    page = fixture.nativeElement;
    await fixture.whenStable();
    http.expectOne(`/api/lots/${lotId}`).flush(lot);
    await settle();
    await fixture.whenStable();
  }

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [BookSpotPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: '**', component: Blank }]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(AuthStore).start(tokens('a', 'r'));
  });

  afterEach(() => http.verify());

  it('parks now with the lot and the vehicle number, and remembers the vehicle', async () => {
    await open('now');
    expect(text()).toContain('12 of 20 free now');
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
});
