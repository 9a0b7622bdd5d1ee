import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { of } from 'rxjs';
import { AdminUserDto, BookingDto, LotDto, SpotDto } from '../../api/models';
import { ConfirmDialog } from '../../shared/confirm-dialog';
import { errorBody, settle } from '../../../testing/api-fixtures';
import { AdminActions } from './admin-actions';
import { ForceReleaseDialog } from './components/force-release-dialog';

const lot = { id: 'l1', name: 'Central Garage' } as LotDto;
const spot: SpotDto = {
  id: 's2',
  number: 2,
  outOfService: false,
  overstay: false,
  status: 'available',
};
const user = { id: 'u1', username: 'jane', email: 'jane@example.com' } as AdminUserDto;
const released = {
  id: 'b1',
  spotNumber: 3,
  costCents: 120,
  currency: 'USD',
  status: 'completed',
} as BookingDto;

describe('AdminActions', () => {
  let actions: AdminActions;
  let http: HttpTestingController;
  const dialogOpen = vi.fn();
  const toast = vi.fn();
  /** The next dialog closes with `result` (the user's answer). */
  const answer = (result: unknown) => dialogOpen.mockReturnValue({ afterClosed: () => of(result) });
  const refuse = (status: number, code: string, message: string) => ({
    body: errorBody(status, code, message),
    init: { status, statusText: 'Conflict' },
  });

  beforeEach(() => {
    dialogOpen.mockReset();
    toast.mockReset();
    TestBed.configureTestingModule({
      providers: [
        AdminActions,
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MatDialog, useValue: { open: dialogOpen } },
        { provide: MatSnackBar, useValue: { open: toast } },
      ],
    });
    actions = TestBed.inject(AdminActions);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('force-releases with the reason the admin gave, then reloads the pages', async () => {
    answer('Blocking the exit');
    const done = actions.forceRelease({
      bookingId: 'b1',
      spotNumber: 3,
      vehicleNumber: 'KA01AB1234',
      username: 'jane',
    });
    await settle();
    expect(dialogOpen).toHaveBeenCalledWith(ForceReleaseDialog, expect.anything());
    const req = http.expectOne({ method: 'POST', url: '/api/admin/bookings/b1/release' });
    expect(req.request.body).toEqual({ reason: 'Blocking the exit' });
    req.flush(released);
    await done;
    expect(toast.mock.calls[0][0]).toBe('Spot 3 released: $1.20');
    expect(actions.version()).toBe(1);
  });

  it('sends nothing when the reason dialog is dismissed', async () => {
    answer(undefined);
    await actions.forceRelease({
      bookingId: 'b1',
      spotNumber: 3,
      vehicleNumber: 'KA01AB1234',
      username: 'jane',
    });
    http.expectNone('/api/admin/bookings/b1/release');
    expect(actions.version()).toBe(0);
  });

  it("archives after a confirm, and shows LOT_IN_USE as the API's message", async () => {
    answer(true);
    const done = actions.archiveLot(lot);
    await settle();
    expect(dialogOpen).toHaveBeenCalledWith(ConfirmDialog, expect.anything());
    const { body, init } = refuse(
      409,
      'LOT_IN_USE',
      'The lot has occupied spots or upcoming reservations',
    );
    // A DELETE answers 204 on success, so the client asks for text: the error body comes as text too.
    http.expectOne({ method: 'DELETE', url: '/api/lots/l1' }).flush(JSON.stringify(body), init);
    await done;
    expect(toast.mock.calls[0][0]).toBe('The lot has occupied spots or upcoming reservations');
    // Refused, yet the pages reload: the refusal says what they show may be out of date.
    expect(actions.version()).toBe(1);
  });

  it('takes a spot out of service, and shows SPOT_IN_USE when it is busy', async () => {
    const first = actions.setOutOfService('l1', spot, true);
    const req = http.expectOne({ method: 'PATCH', url: '/api/lots/l1/spots/s2' });
    expect(req.request.body).toEqual({ outOfService: true });
    req.flush({ ...spot, outOfService: true, status: 'outOfService' });
    await first;
    expect(toast.mock.calls[0][0]).toBe('Spot 2 is out of service');

    const second = actions.setOutOfService('l1', spot, true);
    const { body, init } = refuse(409, 'SPOT_IN_USE', 'The spot has an active or upcoming booking');
    http.expectOne('/api/lots/l1/spots/s2').flush(body, init);
    await second;
    expect(toast.mock.calls[1][0]).toBe('The spot has an active or upcoming booking');
  });

  it('deactivates a user only once confirmed', async () => {
    answer(false);
    await actions.setUserActive(user, false);
    http.expectNone('/api/admin/users/u1');

    answer(true);
    const done = actions.setUserActive(user, false);
    await settle();
    expect(dialogOpen.mock.calls[1][1].data).toMatchObject({ confirm: 'Deactivate' });
    const req = http.expectOne({ method: 'PATCH', url: '/api/admin/users/u1' });
    expect(req.request.body).toEqual({ isActive: false });
    req.flush({ ...user, isActive: false });
    await done;
    expect(toast.mock.calls[0][0]).toBe('jane deactivated');
  });
});
