import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter } from '@angular/router';
import { of } from 'rxjs';
import { LotDto, LotPage } from '../../../api/models';
import { ConfirmDialog } from '../../../shared/confirm-dialog';
import { errorBody, lot, settle } from '../../../../testing/api-fixtures';
import { AdminActions } from '../admin-actions';
import { AdminLotsPage } from './admin-lots-page';

const archived: LotDto = {
  ...lot,
  id: '0b8e8f34-0000-4000-8000-0000000000bb',
  name: 'Old Depot',
  archived: true,
  archivedAt: '2026-11-20T10:00:00Z',
};

describe('AdminLotsPage', () => {
  let fixture: ComponentFixture<AdminLotsPage>;
  let http: HttpTestingController;
  let page: HTMLElement;
  const dialogOpen = vi.fn();
  const toast = vi.fn();
  /** The admin's answer to the next confirmation. */
  const answer = (confirmed: boolean) =>
    dialogOpen.mockReturnValue({ afterClosed: () => of(confirmed || undefined) });

  const listRequest = () =>
    http.expectOne((req) => req.method === 'GET' && req.url === '/api/lots');
  const list = async (items: LotDto[]) => {
    const request = listRequest();
    request.flush({ items, page: 1, pageSize: 25, total: items.length } as LotPage);
    await settle();
    await fixture.whenStable();
    return request.request;
  };
  const button = (name: string) =>
    page.querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`);

  beforeEach(async () => {
    dialogOpen.mockReset();
    toast.mockReset();
    TestBed.configureTestingModule({
      imports: [AdminLotsPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        AdminActions,
        { provide: MatDialog, useValue: { open: dialogOpen } },
        { provide: MatSnackBar, useValue: { open: toast } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AdminLotsPage);
    page = fixture.nativeElement;
    await fixture.whenStable();
    expect((await list([lot])).params.has('includeArchived')).toBe(false);
    // Show archived lots too.
    page.querySelector<HTMLButtonElement>('mat-slide-toggle button[role=switch]')!.click();
    await fixture.whenStable();
    expect((await list([lot, archived])).params.get('includeArchived')).toBe('true');
  });

  afterEach(() => {
    fixture.destroy();
    http.verify();
  });

  it('offers Restore on archived lots only, where edit and archive are gone', () => {
    expect(button('Restore Old Depot')!.textContent).toContain('Restore');
    expect(button('Archive Old Depot')).toBeNull();
    expect(button('Edit Old Depot')).toBeNull();
    expect(button('Restore Central Garage')).toBeNull();
    expect(button('Archive Central Garage')).not.toBeNull();
  });

  it('restores an archived lot once confirmed, then lists it again as live', async () => {
    answer(false);
    button('Restore Old Depot')!.click();
    await settle();
    expect(dialogOpen).toHaveBeenCalledWith(ConfirmDialog, expect.anything());
    expect(dialogOpen.mock.lastCall![1].data).toMatchObject({
      title: 'Restore Old Depot?',
      message: expect.stringContaining('Drivers will see and book it again'),
      confirm: 'Restore',
    });
    http.expectNone((req) => req.url.endsWith('/restore'));

    answer(true);
    button('Restore Old Depot')!.click();
    await settle();
    http
      .expectOne({ method: 'POST', url: `/api/lots/${archived.id}/restore` })
      .flush({ ...archived, archived: false, archivedAt: null });
    await settle();
    expect(toast.mock.lastCall![0]).toBe('Old Depot restored');
    await fixture.whenStable();
    await list([lot, { ...archived, archived: false, archivedAt: null }]);
    expect(button('Archive Old Depot')).not.toBeNull();
    expect(button('Restore Old Depot')).toBeNull();
  });

  it('says why a lot whose name is taken again cannot be restored', async () => {
    answer(true);
    button('Restore Old Depot')!.click();
    await settle();
    const message =
      'A lot that is not archived has this name now: rename it before restoring this one';
    http
      .expectOne(`/api/lots/${archived.id}/restore`)
      .flush(errorBody(409, 'LOT_NAME_TAKEN', message), { status: 409, statusText: 'Conflict' });
    await settle();
    expect(toast.mock.lastCall![0]).toBe(message);
    await fixture.whenStable();
    await list([lot, archived]);
    expect(button('Restore Old Depot')).not.toBeNull();
  });
});
