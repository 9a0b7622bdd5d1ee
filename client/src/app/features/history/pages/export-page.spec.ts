import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { ExportStatusDto } from '../../../api/models';
import { errorBody, settle } from '../../../../testing/api-fixtures';
import { ExportPage } from './export-page';

const status = (state: ExportStatusDto['state'], progress: number): ExportStatusDto => ({
  jobId: '42',
  format: 'csv',
  kind: 'bookings',
  state,
  progress,
  createdAt: '2026-11-22T10:00:00Z',
  ...(state === 'completed' ? { rowCount: 3, downloadUrl: '/api/exports/42/download' } : {}),
});

describe('ExportPage', () => {
  let fixture: ComponentFixture<ExportPage>;
  let http: HttpTestingController;
  let page: HTMLElement;
  const text = () => page.textContent!.replace(/\s+/g, ' ');
  const button = (label: string) =>
    [...page.querySelectorAll('button')].find((b) =>
      b.textContent!.trim().endsWith(label),
    ) as HTMLButtonElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [ExportPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ExportPage);
    page = fixture.nativeElement;
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  async function follow(jobId: string) {
    fixture.componentRef.setInput('job', jobId);
    await fixture.whenStable();
  }

  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  it('asks for the chosen format, for people in the browser’s time zone, and puts the job in the URL', async () => {
    page.querySelectorAll<HTMLInputElement>('input[type=radio]')[1].click();
    await fixture.whenStable();
    expect(text()).toContain(`times in your time zone (${browserZone})`);
    button('Export').click();
    const req = http.expectOne({ method: 'POST', url: '/api/exports' });
    expect(req.request.body).toEqual({ format: 'xlsx', layout: 'readable', timeZone: browserZone });
    req.flush({ jobId: '42' }, { status: 202, statusText: 'Accepted' });
    await settle();
    expect(TestBed.inject(Router).url).toBe('/?job=42');
  });

  it('offers the machine-friendly columns as a secondary option', async () => {
    const checkbox = page.querySelector<HTMLInputElement>('input[type=checkbox]')!;
    expect(checkbox.checked).toBe(false);
    expect(checkbox.closest('mat-checkbox')!.textContent).toContain(
      'Machine-friendly columns (for scripts)',
    );
    checkbox.click();
    await fixture.whenStable();
    expect(text()).toContain('Ids first, amounts in cents, times in UTC (ISO 8601).');
    button('Export').click();
    const req = http.expectOne({ method: 'POST', url: '/api/exports' });
    expect(req.request.body).toEqual({ format: 'csv', layout: 'machine', timeZone: browserZone });
    req.flush({ jobId: '43' }, { status: 202, statusText: 'Accepted' });
    await settle();
  });

  it('shows the progress while the file is written, then a download button', async () => {
    await follow('42');
    http.expectOne('/api/exports/42').flush(status('active', 40));
    await settle();
    await fixture.whenStable();
    expect(text()).toContain('Writing your file… 40%');
    expect(page.querySelector('mat-progress-bar')!.getAttribute('aria-valuenow')).toBe('40');
    expect(button('Download')).toBeUndefined();

    await new Promise((resolve) => setTimeout(resolve, 1100)); // the next poll
    http.expectOne('/api/exports/42').flush(status('completed', 100));
    await settle();
    await fixture.whenStable();
    expect(text()).toContain('Ready: 3 rows.');
    expect(button('Download')).toBeDefined();
  });

  it('downloads the file under the name the API gives it', async () => {
    const createObjectURL = vi.fn(() => 'blob:export');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => undefined);
    await follow('42');
    http.expectOne('/api/exports/42').flush(status('completed', 100));
    await settle();
    await fixture.whenStable();

    button('Download').click();
    const file = http.expectOne('/api/exports/42/download');
    expect(file.request.responseType).toBe('blob');
    file.flush(new Blob(['id,lot\n']), {
      headers: { 'Content-Disposition': 'attachment; filename="bookings-42.csv"' },
    });
    await settle();

    expect(createObjectURL).toHaveBeenCalled();
    const link = click.mock.contexts[0] as HTMLAnchorElement;
    expect(link.download).toBe('bookings-42.csv');
    click.mockRestore();
  });

  it("shows the API's message when the file is gone, although the error arrives as a Blob", async () => {
    await follow('42');
    http.expectOne('/api/exports/42').flush(status('completed', 100));
    await settle();
    await fixture.whenStable();
    button('Download').click();
    http
      .expectOne('/api/exports/42/download')
      .flush(
        new Blob([
          JSON.stringify(errorBody(410, 'EXPORT_EXPIRED', 'The file was deleted after 7 days')),
        ]),
        {
          status: 410,
          statusText: 'Gone',
        },
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await fixture.whenStable();
    expect(document.body.textContent).toContain('The file was deleted after 7 days');
  });
});
