import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter } from '@angular/router';
import { SpotPage } from '../../../api/models';
import { errorBody, lot, settle } from '../../../../testing/api-fixtures';
import { AdminActions } from '../admin-actions';
import { LotSpotsPage } from './lot-spots-page';

/** A reservation of spot 5, two days after "now" (the time of the test run). */
const reservedFrom = new Date(Date.now() + 2 * 24 * 3_600_000);
reservedFrom.setHours(9, 30, 0, 0);

const spots: SpotPage = {
  page: 1,
  pageSize: 100,
  total: 5,
  items: [
    {
      id: 's1',
      number: 1,
      status: 'occupied',
      outOfService: false,
      overstay: false,
      hasActiveOrUpcomingBooking: true,
      nextReservationAt: null,
      current: {
        bookingId: 'b1',
        userId: 'u1',
        username: 'jane',
        vehicleNumber: 'KA01AB1234',
        type: 'instant',
        since: '2026-11-22T09:00:00Z',
        endAt: null,
        mustLeaveBy: null,
        overstay: false,
        overstayMinutes: 0,
        costCents: 375,
      },
    },
    {
      id: 's2',
      number: 2,
      status: 'available',
      outOfService: false,
      overstay: false,
      hasActiveOrUpcomingBooking: false,
      nextReservationAt: null,
    },
    {
      id: 's3',
      number: 3,
      status: 'outOfService',
      outOfService: true,
      overstay: false,
      hasActiveOrUpcomingBooking: false,
      nextReservationAt: null,
    },
    {
      id: 's4',
      number: 4,
      status: 'occupied',
      outOfService: false,
      overstay: true,
      hasActiveOrUpcomingBooking: true,
      nextReservationAt: null,
      current: {
        bookingId: 'b4',
        userId: 'u4',
        username: 'sam',
        vehicleNumber: 'MH12XY9876',
        type: 'instant',
        since: '2026-11-22T07:00:00Z',
        endAt: null,
        mustLeaveBy: '2026-11-22T10:00:00Z',
        overstay: true,
        overstayMinutes: 65,
        costCents: 1250,
      },
    },
    {
      id: 's5',
      number: 5,
      status: 'available',
      outOfService: false,
      overstay: false,
      hasActiveOrUpcomingBooking: true,
      nextReservationAt: reservedFrom.toISOString(),
    },
  ],
};

describe('LotSpotsPage', () => {
  let fixture: ComponentFixture<LotSpotsPage>;
  let http: HttpTestingController;
  let page: HTMLElement;

  const tiles = () => [...page.querySelectorAll<HTMLButtonElement>('[data-testid=spot-tile]')];
  const detail = () => page.querySelector<HTMLElement>('[data-testid=spot-detail]');
  const answer = async () => {
    http.expectOne(`/api/lots/${lot.id}`).flush({ ...lot, overstays: 1 });
    http.expectOne((req) => req.url === `/api/lots/${lot.id}/spots`).flush(spots);
    await settle();
    await fixture.whenStable();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [LotSpotsPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), AdminActions],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(LotSpotsPage);
    fixture.componentRef.setInput('lotId', lot.id);
    page = fixture.nativeElement;
    await fixture.whenStable();
    await answer();
  });

  afterEach(() => {
    fixture.destroy();
    http.verify();
  });

  it('shows each spot as a tile named by its number, status and vehicle, not by colour alone', () => {
    expect(tiles().map((tile) => tile.getAttribute('aria-label'))).toEqual([
      'Spot 1, occupied, KA01AB1234',
      'Spot 2, free',
      'Spot 3, out of service',
      'Spot 4, overstay, MH12XY9876',
      'Spot 5, free',
    ]);
    expect(tiles().map((tile) => tile.querySelector('mat-icon')!.textContent)).toEqual([
      'directions_car',
      'check_circle',
      'block',
      'timer_off',
      'check_circle',
    ]);
    const legend = [...page.querySelectorAll('.legend li')].map((li) => li.textContent!.trim());
    expect(legend.map((entry) => entry.split(/\s+/).slice(1).join(' '))).toEqual([
      'Free',
      'Occupied',
      'Overstay',
      'Reserved',
      'Out of service',
    ]);
  });

  it('gives an overstaying car its own colour, in the tile and the legend alike', () => {
    const [occupied, , , overstay] = tiles();
    expect(overstay.style.backgroundColor).not.toBe(occupied.style.backgroundColor);
    const overstaySwatch = [...page.querySelectorAll<HTMLElement>('.legend li')]
      .find((li) => li.textContent!.includes('Overstay'))!
      .querySelector<HTMLElement>('.swatch')!;
    expect(overstaySwatch.style.backgroundColor).toBe(overstay.style.backgroundColor);
    expect(overstay.classList).toContain('overstay-tile');
    expect(occupied.classList).not.toContain('overstay-tile');
  });

  it('counts the overstaying cars with the other counts', () => {
    expect(
      page.querySelector('[data-testid=spot-counts]')!.textContent!.replace(/\s+/g, ' '),
    ).toContain('12 free · 6 occupied (1 overstaying) · 2 reserved · 0 out of service, of 20');
  });

  it('shows by when an overstaying car had to leave and for how long it overstays', async () => {
    tiles()[3].click();
    await fixture.whenStable();
    const facts = Object.fromEntries(
      [...detail()!.querySelectorAll('dt')].map((dt) => [
        dt.textContent!.trim(),
        dt.nextElementSibling!.textContent!.replace(/\s+/g, ' ').trim(),
      ]),
    );
    expect(facts['Overstay']).toBe('1 h 5 min past the planned end');
    expect(facts['Must leave by']).toMatch(
      /^11\/22\/26, \d+:00\s(AM|PM) · a reservation starts then$/,
    );
    expect(detail()!.querySelector('mat-card-subtitle')!.textContent).toContain('Overstay');
    expect(detail()!.textContent).toContain('Force release');
  });

  it("shows who holds a selected spot, with the vehicle and the lot's currency", async () => {
    tiles()[0].click();
    await fixture.whenStable();
    expect(tiles()[0].getAttribute('aria-pressed')).toBe('true');
    const facts = Object.fromEntries(
      [...detail()!.querySelectorAll('dt')].map((dt) => [
        dt.textContent!.trim(),
        dt.nextElementSibling!.textContent!.trim(),
      ]),
    );
    expect(facts).toMatchObject({ Driver: 'jane', Vehicle: 'KA01AB1234', 'Cost so far': '$3.75' });
    expect(facts['Parked since']).toMatch(/^11\/22\/26, \d+:00\s(AM|PM) · \d+ (d|h|min)\b/);
    expect(detail()!.textContent).toContain('Spot 1');
    expect(detail()!.textContent).toContain('Force release');

    tiles()[1].click();
    await fixture.whenStable();
    expect(detail()!.textContent).toContain('No booking holds this spot now.');
    expect(detail()!.textContent).not.toContain('Force release');
  });

  it('disables the out-of-service switch of a spot a booking keeps in use, saying why, also to screen readers', async () => {
    const switchOf = () => detail()!.querySelector<HTMLButtonElement>('[role=switch]')!;
    const reason = () => detail()!.querySelector<HTMLElement>('[data-testid=spot-service-block]');
    const weekday = reservedFrom.toLocaleString(undefined, { weekday: 'short' });

    tiles()[4].click();
    await fixture.whenStable();
    expect(switchOf().getAttribute('aria-disabled')).toBe('true');
    expect(reason()!.textContent!.trim()).toMatch(
      new RegExp(
        `^Cannot be taken out of service while it is reserved from ${weekday} 9:30\\sAM\\.$`,
      ),
    );
    // The reason is the switch's accessible description.
    expect(page.querySelector(`#${switchOf().getAttribute('aria-describedby')}`)).toBe(reason());
    // Still reachable by keyboard; a click changes nothing and asks the API nothing.
    expect(switchOf().disabled).toBe(false);
    switchOf().click();
    await fixture.whenStable();
    http.expectNone((req) => req.method === 'PATCH');
    expect(switchOf().getAttribute('aria-checked')).toBe('false');

    tiles()[0].click();
    await fixture.whenStable();
    expect(reason()!.textContent!.trim()).toBe(
      'Cannot be taken out of service while a car is parked here.',
    );

    // A free spot, and one out of service (it may always come back): the switch works, nothing to explain.
    for (const free of [tiles()[1], tiles()[2]]) {
      free.click();
      await fixture.whenStable();
      expect(switchOf().getAttribute('aria-disabled')).toBeNull();
      expect(reason()).toBeNull();
    }
    switchOf().click();
    await fixture.whenStable();
    const req = http.expectOne({ method: 'PATCH', url: `/api/lots/${lot.id}/spots/s3` });
    expect(req.request.body).toEqual({ outOfService: false });
    req.flush({ ...spots.items[2], status: 'available', outOfService: false });
    await settle();
    await fixture.whenStable();
    // The change reloads the grid.
    await answer();
  });

  it('re-reads the lot and its spots on Refresh, keeping the selection', async () => {
    tiles()[0].click();
    await fixture.whenStable();
    page.querySelector<HTMLButtonElement>('[aria-label="Refresh the spots"]')!.click();
    await answer();
    expect(detail()!.textContent).toContain('Spot 1');
  });
});

describe('LotSpotsPage for a lot that is not there', () => {
  let fixture: ComponentFixture<LotSpotsPage>;
  let http: HttpTestingController;
  const toast = vi.fn();

  const open = async (lotId: string) => {
    fixture = TestBed.createComponent(LotSpotsPage);
    fixture.componentRef.setInput('lotId', lotId);
    await fixture.whenStable();
  };
  const text = () => (fixture.nativeElement as HTMLElement).textContent!.replace(/\s+/g, ' ');

  beforeEach(() => {
    toast.mockReset();
    TestBed.configureTestingModule({
      imports: [LotSpotsPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        AdminActions,
        { provide: MatSnackBar, useValue: { open: toast } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    fixture.destroy();
    http.verify();
  });

  it('shows the not-found page for a malformed lot id, without asking the API', async () => {
    await open('not-a-lot');
    expect(text()).toContain('Lot not found');
    expect(fixture.nativeElement.querySelector('app-not-found-page')).not.toBeNull();
    expect(fixture.nativeElement.querySelector('[data-testid=spot-grid]')).toBeNull();
  });

  it('shows the not-found page for a lot the API does not know, rather than an error', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    await open(unknown);
    const notFound = { status: 404, statusText: 'Not Found' };
    http
      .expectOne(`/api/lots/${unknown}`)
      .flush(errorBody(404, 'NOT_FOUND', 'Lot not found'), notFound);
    http
      .expectOne((req) => req.url === `/api/lots/${unknown}/spots`)
      .flush(errorBody(404, 'NOT_FOUND', 'Lot not found'), notFound);
    await settle();
    await fixture.whenStable();
    expect(text()).toContain('Lot not found');
    expect(text()).toContain('There is no lot at this address');
    expect(toast).not.toHaveBeenCalled();
  });

  it('still reports any other failure as an error', async () => {
    await open(lot.id);
    const down = { status: 503, statusText: 'Service Unavailable' };
    http
      .expectOne(`/api/lots/${lot.id}`)
      .flush(errorBody(503, 'SERVICE_UNAVAILABLE', 'The database is not reachable'), down);
    http.expectOne((req) => req.url === `/api/lots/${lot.id}/spots`).flush(spots);
    await settle();
    await fixture.whenStable();
    expect(text()).not.toContain('Lot not found');
    expect(toast).toHaveBeenCalledWith(
      'The database is not reachable',
      'Dismiss',
      expect.anything(),
    );
  });
});
