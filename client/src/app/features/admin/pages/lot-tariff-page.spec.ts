import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter } from '@angular/router';
import { TariffDto, TariffVersionDto } from '../../../api/models';
import { errorBody, lot, settle } from '../../../../testing/api-fixtures';
import { fieldInput, readableText, typeInto } from '../../../../testing/dom';
import { LotTariffPage } from './lot-tariff-page';

const current: TariffDto = {
  lotId: lot.id,
  version: 2,
  createdAt: '2026-11-20T09:00:00Z',
  timeZone: 'UTC',
  bands: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '24:00', ratePerHourCents: 250 }],
  graceMinutes: 10,
  incrementMinutes: 15,
  firstPeriod: null,
  dailyMaxCents: null,
};

const history: TariffVersionDto[] = [
  { version: 2, createdAt: '2026-11-20T09:00:00Z', createdBy: { id: 'a1', username: 'boss' } },
  { version: 1, createdAt: '2026-11-01T10:00:00Z', createdBy: null },
];

describe('LotTariffPage', () => {
  let fixture: ComponentFixture<LotTariffPage>;
  let http: HttpTestingController;
  let page: HTMLElement;
  const toast = vi.fn();

  const stable = async () => {
    await settle();
    await fixture.whenStable();
  };
  const cell = (day: number, slot: number) =>
    page.querySelector<HTMLElement>(`[data-cell="${day}-${slot}"]`)!;
  const button = (name: string) =>
    [...page.querySelectorAll<HTMLButtonElement>('button')].find((b) =>
      readableText(b).startsWith(name),
    )!;
  /** The API's answers to the page's three reads. */
  const answer = async (tariff = current, lotVersion = 2, versions = history) => {
    http.expectOne(`/api/lots/${lot.id}`).flush({ ...lot, tariffVersion: lotVersion });
    http.expectOne(`/api/lots/${lot.id}/tariff/versions`).flush(versions);
    http.expectOne((req) => req.url === `/api/lots/${lot.id}/tariff`).flush(tariff);
    await stable();
  };

  async function open(version?: string) {
    TestBed.configureTestingModule({
      imports: [LotTariffPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: MatSnackBar, useValue: { open: toast } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(LotTariffPage);
    fixture.componentRef.setInput('lotId', lot.id);
    if (version) fixture.componentRef.setInput('version', version);
    page = fixture.nativeElement;
    await fixture.whenStable();
  }

  beforeEach(() => toast.mockReset());

  afterEach(() => {
    fixture.destroy();
    http.verify();
  });

  it('shows the version in force, who wrote it, and the history', async () => {
    await open();
    await answer();
    expect(readableText(page.querySelector('h2'))).toBe('Version 2 in force');
    expect(readableText(page.querySelector('[data-testid=shown-version]'))).toMatch(
      /^Written .*2026.* by boss$/,
    );
    const entries = [...page.querySelectorAll('[data-testid=tariff-history] li')].map(readableText);
    expect(entries[0]).toMatch(/^Version 2 in force .* · by boss$/);
    expect(entries[1]).toMatch(/^Version 1 .* · from the earlier price$/);
    expect(
      page.querySelector('[data-testid=tariff-history] a[aria-current=page]')!.textContent,
    ).toBe('Version 2');
    // Each half hour says its day, its times and its rate in the lot's currency.
    expect(cell(0, 16).getAttribute('aria-label')).toBe(
      'Monday 08:00–08:30: Rate 1, $2.50 per hour',
    );
    expect(page.querySelector('[role=grid]')!.getAttribute('aria-label')).toBe(
      'Rates by half hour, Monday to Sunday, times in UTC (UTC)',
    );
    expect(button('Save as version 3')).toBeTruthy();
  });

  it('sends the painted week as bands, amounts in exact cents, and lists the new version', async () => {
    await open();
    await answer();
    button('Add a rate').click();
    await stable();
    typeInto(page, 'Name of rate 2', 'Night');
    typeInto(page, 'Price per hour of rate 2 (USD)', '1.15');
    await stable();
    const radios = [...page.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    expect(radios.map((radio) => [radio.getAttribute('aria-label'), radio.checked])).toEqual([
      ['Paint with Rate 1, $2.50 per hour', false],
      ['Paint with Night, $1.15 per hour', true],
    ]);
    // The new rate is the one painted with: drag over Monday 00:00–02:00…
    cell(0, 0).dispatchEvent(new PointerEvent('pointerdown', { button: 0, pointerType: 'mouse' }));
    for (const slot of [1, 2, 3]) cell(0, slot).dispatchEvent(new PointerEvent('pointerenter'));
    page.querySelector('[role=grid]')!.dispatchEvent(new PointerEvent('pointerup'));
    // …then Tuesday from the keyboard: Space paints, Shift and an arrow paint while moving.
    cell(1, 0).focus();
    cell(1, 0).dispatchEvent(new KeyboardEvent('keydown', { key: ' ' }));
    for (let i = 0; i < 3; i++)
      document.activeElement!.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'ArrowRight', shiftKey: true }),
      );
    await stable();
    expect(cell(1, 3).getAttribute('aria-label')).toBe(
      'Tuesday 01:30–02:00: Night, $1.15 per hour',
    );
    expect(cell(1, 4).getAttribute('aria-label')).toBe(
      'Tuesday 02:00–02:30: Rate 1, $2.50 per hour',
    );
    page.querySelector<HTMLButtonElement>('mat-slide-toggle:last-of-type button')!.click();
    await stable();
    typeInto(page, 'Daily maximum (USD)', '20.05');
    await stable();

    button('Save as version 3').click();
    await stable();
    const put = http.expectOne({ method: 'PUT', url: `/api/lots/${lot.id}/tariff` });
    expect(put.request.body).toEqual({
      timeZone: 'UTC',
      bands: [
        { days: [1, 2], from: '00:00', to: '02:00', ratePerHourCents: 115 },
        { days: [3, 4, 5, 6, 7], from: '00:00', to: '24:00', ratePerHourCents: 250 },
        { days: [1, 2], from: '02:00', to: '24:00', ratePerHourCents: 250 },
      ],
      graceMinutes: 10,
      incrementMinutes: 15,
      firstPeriod: null,
      dailyMaxCents: 2005,
    });
    const saved = {
      ...current,
      ...put.request.body,
      version: 3,
      createdAt: '2026-12-01T08:00:00Z',
    };
    put.flush(saved);
    await stable();
    expect(toast).toHaveBeenCalledWith('Tariff version 3 saved', 'OK', expect.anything());
    await answer(saved, 3, [
      { version: 3, createdAt: saved.createdAt, createdBy: { id: 'a1', username: 'boss' } },
      ...history,
    ]);
    expect(readableText(page.querySelector('[data-testid=tariff-history] li'))).toMatch(
      /^Version 3 in force/,
    );
    // What the admin named stays: the version read back is the one on screen.
    expect(cell(0, 0).getAttribute('aria-label')).toBe('Monday 00:00–00:30: Night, $1.15 per hour');
  });

  it("lists the API's gaps at the top of the form, moves focus there, and keeps the admin's work", async () => {
    await open();
    await answer();
    button('Add a rate').click();
    await stable();
    typeInto(page, 'Price per hour of rate 2 (USD)', '3.00');
    await stable();
    cell(0, 16).dispatchEvent(new PointerEvent('pointerdown', { button: 0, pointerType: 'mouse' }));
    // Deleting rate 1 leaves every other half hour without a rate.
    page.querySelector<HTMLButtonElement>('button[aria-label="Delete rate 1"]')!.click();
    await stable();
    expect(readableText(page.querySelector('[data-testid=unpainted]'))).toBe(
      '335 half hours have no rate: every minute of the week needs one.',
    );
    button('Save as version 3').click();
    await stable();
    const put = http.expectOne({ method: 'PUT', url: `/api/lots/${lot.id}/tariff` });
    expect(put.request.body.bands).toEqual([
      { days: [1], from: '08:00', to: '08:30', ratePerHourCents: 300 },
    ]);
    const gaps = ['Gap: Monday 00:00–08:00', 'Gap: Monday 08:30–24:00', 'Gap: Tuesday 00:00–24:00'];
    put.flush(
      errorBody(400, 'VALIDATION_FAILED', `Invalid input — bands: ${gaps.join('; ')}`, [
        { field: 'bands', errors: gaps },
      ]),
      { status: 400, statusText: 'Bad Request' },
    );
    await stable();
    const box = page.querySelector<HTMLElement>('[data-testid=tariff-problems]')!;
    expect(box.getAttribute('role')).toBe('alert');
    expect([...box.querySelectorAll('li')].map(readableText)).toEqual(gaps);
    expect(document.activeElement).toBe(box);
    expect(cell(0, 16).getAttribute('aria-label')).toBe(
      'Monday 08:00–08:30: Rate 2, $3.00 per hour',
    );
    expect(toast).not.toHaveBeenCalled();
  });

  it('refuses an amount it cannot read exactly, and sends nothing', async () => {
    await open();
    await answer();
    typeInto(page, 'Price per hour of rate 1 (USD)', '1,000.50');
    await stable();
    button('Save as version 3').click();
    await stable();
    http.expectNone({ method: 'PUT' });
    expect(readableText(page.querySelector('mat-error'))).toBe(
      'Enter an amount like 3.00: digits, a dot, at most two decimals',
    );
    expect(document.activeElement).toBe(page.querySelector('[data-testid=tariff-problems]'));
  });

  it('shows an earlier version read-only, reached by ?version', async () => {
    await open('1');
    http.expectOne(`/api/lots/${lot.id}`).flush({ ...lot, tariffVersion: 2 });
    http.expectOne(`/api/lots/${lot.id}/tariff/versions`).flush(history);
    const read = http.expectOne((req) => req.url === `/api/lots/${lot.id}/tariff`);
    expect(read.request.params.get('version')).toBe('1');
    read.flush({
      ...current,
      version: 1,
      createdAt: history[1].createdAt,
      graceMinutes: 0,
      bands: [{ ...current.bands[0], ratePerHourCents: 200 }],
    });
    await stable();
    expect(readableText(page.querySelector('h2'))).toBe(
      'Version 1 (no longer in force, read-only)',
    );
    expect(readableText(page.querySelector('[data-testid=shown-version]'))).toMatch(
      /from the lot’s earlier price$/,
    );
    expect(page.querySelector('[role=grid]')!.getAttribute('aria-readonly')).toBe('true');
    expect(page.querySelector('button[type=submit]')).toBeNull();
    cell(0, 0).dispatchEvent(new PointerEvent('pointerdown', { button: 0, pointerType: 'mouse' }));
    const grace = () =>
      page.querySelector<HTMLInputElement>('input[formcontrolname=graceMinutes]')!;
    expect(grace().disabled).toBe(true);
    expect(cell(0, 0).getAttribute('aria-label')).toBe(
      'Monday 00:00–00:30: Rate 1, $2.00 per hour',
    );

    // Back to the version in force: its own rates in the fields, and everything editable again.
    fixture.componentRef.setInput('version', undefined);
    await stable();
    http
      .expectOne((req) => req.url === `/api/lots/${lot.id}/tariff` && !req.params.has('version'))
      .flush(current);
    await stable();
    expect(readableText(page.querySelector('h2'))).toBe('Version 2 in force');
    expect(grace().disabled).toBe(false);
    expect(grace().value).toBe('10');
    expect(fieldInput(page, 'Price per hour of rate 1 (USD)').value).toBe('2.50');
    expect(fieldInput(page, 'Price per hour of rate 1 (USD)').disabled).toBe(false);
  });
});
