import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { LotDto } from '../../../api/models';
import { errorBody, lot, settle } from '../../../../testing/api-fixtures';
import { LotFormDialog } from './lot-form-dialog';

describe('LotFormDialog', () => {
  let http: HttpTestingController;
  /** The dialog's close, watched: the dialog closes with the saved lot. */
  let close: (result?: LotDto) => void;
  const toast = vi.fn();

  const dialog = () => document.querySelector<HTMLElement>('app-lot-form-dialog')!;
  const stable = () => TestBed.inject(ApplicationRef).whenStable();
  /** The input of the field labelled `label`, found the way a user finds it. */
  const input = (label: string) => {
    const field = [...dialog().querySelectorAll('mat-form-field')].find(
      (f) => f.querySelector('mat-label')!.textContent!.replace('*', '').trim() === label,
    );
    return field!.querySelector('input')!;
  };
  const type = (label: string, value: string) => {
    input(label).value = value;
    input(label).dispatchEvent(new Event('input'));
  };
  const errors = () =>
    [...dialog().querySelectorAll('mat-error')].map((e) => e.textContent!.trim());
  const submit = async () => {
    dialog().querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await stable();
  };

  async function open(data: LotDto | null) {
    const ref = TestBed.inject(MatDialog).open<LotFormDialog, LotDto | null, LotDto>(
      LotFormDialog,
      {
        data,
      },
    );
    close = vi.spyOn(ref, 'close');
    await stable();
  }

  beforeEach(() => {
    toast.mockReset();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MatSnackBar, useValue: { open: toast } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    http.verify();
  });

  it('says next to each field what is missing, and sends nothing', async () => {
    await open(null);
    await submit();
    expect(errors()).toEqual([
      'Name is required',
      'Address is required',
      'Price per hour is required',
      'Spots is required',
    ]);
    http.expectNone('/api/lots');
    expect(close).not.toHaveBeenCalled();
  });

  it("explains each of the API's limits the input breaks", async () => {
    await open(null);
    type('Name', '   ');
    type('Address', 'x'.repeat(201));
    type('Postal code (optional)', '1234567890123');
    type('Price per hour', '2.555');
    type('Spots', '12.5');
    await submit();
    expect(errors()).toEqual([
      'Write more than spaces',
      'Address must be at most 200 characters',
      'Postal code must be at most 12 characters',
      'Use a number with at most two decimals, e.g. 2.50',
      'Use a whole number',
    ]);
    type('Price per hour', '0');
    type('Spots', '5001');
    await stable();
    expect(errors()).toContain('Price per hour must be at least 0.01');
    expect(errors()).toContain('Spots must be at most 5000');
  });

  it('creates the lot with the price in minor units and closes with it', async () => {
    await open(null);
    type('Name', ' North Yard ');
    type('Address', '5 Dock Road');
    type('Price per hour', '2.5');
    type('Spots', '40');
    await submit();
    const req = http.expectOne({ method: 'POST', url: '/api/lots' });
    expect(req.request.body).toEqual({
      name: 'North Yard',
      address: '5 Dock Road',
      postalCode: null,
      pricePerHourCents: 250,
      capacity: 40,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    const created = { ...lot, name: 'North Yard', capacity: 40 };
    req.flush(created, { status: 201, statusText: 'Created' });
    await settle();
    await stable();
    expect(close).toHaveBeenCalledWith(created);
  });

  it('moves a lot to the time zone picked from the list, and no other', async () => {
    await open({ ...lot, timeZone: 'Europe/Berlin' });
    expect(input('Time zone').value).toBe('Europe/Berlin');
    type('Time zone', 'Mars/Olympus');
    await submit();
    expect(errors()).toContain('Pick a time zone from the list, e.g. Europe/Berlin');
    http.expectNone(`/api/lots/${lot.id}`);
    type('Time zone', 'Asia/Kolkata');
    await submit();
    const req = http.expectOne({ method: 'PATCH', url: `/api/lots/${lot.id}` });
    expect(req.request.body).toEqual({ timeZone: 'Asia/Kolkata' });
    req.flush({ ...lot, timeZone: 'Asia/Kolkata' });
    await settle();
  });

  it('sends only what changed, and keeps the form open on CAPACITY_IN_USE', async () => {
    await open(lot);
    expect(input('Price per hour').value).toBe('2.5');
    type('Spots', '10');
    await submit();
    const req = http.expectOne({ method: 'PATCH', url: `/api/lots/${lot.id}` });
    expect(req.request.body).toEqual({ capacity: 10 });
    const message = 'Spots that would be removed have active or upcoming bookings';
    req.flush(errorBody(409, 'CAPACITY_IN_USE', message), {
      status: 409,
      statusText: 'Conflict',
    });
    await settle();
    await stable();
    expect(toast).toHaveBeenCalledWith(message, 'Dismiss', expect.anything());
    expect(close).not.toHaveBeenCalled();
  });

  it('closes without a request when nothing was changed (the API refuses an empty change)', async () => {
    await open(lot);
    await submit();
    http.expectNone(`/api/lots/${lot.id}`);
    await stable();
    expect(close).toHaveBeenCalledWith(lot);
  });
});
