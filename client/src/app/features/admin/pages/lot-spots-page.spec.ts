import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { SpotPage } from '../../../api/models';
import { lot, settle } from '../../../../testing/api-fixtures';
import { AdminActions } from '../admin-actions';
import { LotSpotsPage } from './lot-spots-page';

const spots: SpotPage = {
  page: 1,
  pageSize: 100,
  total: 4,
  items: [
    {
      id: 's1',
      number: 1,
      status: 'occupied',
      outOfService: false,
      overstay: false,
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
    { id: 's2', number: 2, status: 'available', outOfService: false, overstay: false },
    { id: 's3', number: 3, status: 'outOfService', outOfService: true, overstay: false },
    {
      id: 's4',
      number: 4,
      status: 'occupied',
      outOfService: false,
      overstay: true,
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
    ]);
    expect(tiles().map((tile) => tile.querySelector('mat-icon')!.textContent)).toEqual([
      'directions_car',
      'check_circle',
      'block',
      'timer_off',
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
    expect(facts['Overstay']).toBe('1 h 05 min past the planned end');
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
    expect(facts['Parked since']).toMatch(/^11\/22\/26, \d+:00\s(AM|PM) · \d+ (h \d+ )?min$/);
    expect(detail()!.textContent).toContain('Spot 1');
    expect(detail()!.textContent).toContain('Force release');

    tiles()[1].click();
    await fixture.whenStable();
    expect(detail()!.textContent).toContain('No booking holds this spot now.');
    expect(detail()!.textContent).not.toContain('Force release');
  });

  it('re-reads the lot and its spots on Refresh, keeping the selection', async () => {
    tiles()[0].click();
    await fixture.whenStable();
    page.querySelector<HTMLButtonElement>('[aria-label="Refresh the spots"]')!.click();
    await answer();
    expect(detail()!.textContent).toContain('Spot 1');
  });
});
