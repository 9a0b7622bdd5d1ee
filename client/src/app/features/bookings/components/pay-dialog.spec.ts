import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { BookingDto } from '../../../api/models';
import { parkedBooking, releasedBooking } from '../../../../testing/api-fixtures';
import { readableText } from '../../../../testing/dom';
import { formatTimeOfDay } from '../../../shared/time/local-time';
import { PayDialog } from './pay-dialog';

const at = (minutes: number) =>
  new Date(Date.now() - 300 * 60_000 + minutes * 60_000).toISOString();

describe('PayDialog', () => {
  const close = vi.fn();

  async function open(booking: BookingDto): Promise<HTMLElement> {
    TestBed.configureTestingModule({
      imports: [PayDialog],
      providers: [
        { provide: MAT_DIALOG_DATA, useValue: booking },
        { provide: MatDialogRef, useValue: { close } },
      ],
    });
    const fixture = TestBed.createComponent(PayDialog);
    await fixture.whenStable();
    return fixture.nativeElement;
  }

  it('shows how long the car stayed and why it costs that', async () => {
    const booking = releasedBooking;
    const dialog = await open(booking);
    expect(readableText(dialog.querySelector('h2'))).toBe('Pay $5.63');
    expect(readableText(dialog.querySelector('[data-testid=stay]'))).toBe(
      `Stayed 2 h 15 min · ${formatTimeOfDay(booking.startAt)} – ${formatTimeOfDay(booking.releasedAt!)}`,
    );
    expect(readableText(dialog.querySelector('[data-testid=cost-explanation]'))).toBe(
      '2 h 15 min at $2.50/h, billed per started minute = $5.63',
    );
  });

  it('shows a checked-in reservation’s stay from its check-in, and its window charged in full', async () => {
    const booking: BookingDto = {
      ...parkedBooking,
      type: 'reserved',
      status: 'completed',
      startAt: at(60),
      endAt: at(180),
      checkedInAt: at(50),
      releasedAt: at(100),
      costCents: 1200,
      estimatedCostCents: 1200,
    };
    const dialog = await open(booking);
    expect(readableText(dialog.querySelector('[data-testid=stay]'))).toMatch(/^Stayed 50 min · /);
    expect(readableText(dialog.querySelector('[data-testid=cost-explanation]'))).toBe(
      '2 h reserved window at $6.00/h, charged in full = $12.00',
    );
  });

  it('says when the car never came, and shows no explanation the API’s figure does not bear out', async () => {
    const dialog = await open({
      ...parkedBooking,
      type: 'reserved',
      status: 'expired',
      startAt: at(60),
      endAt: at(180),
      costCents: 500,
    });
    expect(readableText(dialog.querySelector('[data-testid=stay]'))).toBe(
      'Not checked in: the car never came.',
    );
    expect(dialog.querySelector('[data-testid=cost-explanation]')).toBeNull();
  });
});
