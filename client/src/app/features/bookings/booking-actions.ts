import { inject, Injectable, signal } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { BookingDto } from '../../api/models';
import { BookingsApi } from '../../api/services';
import { ApiProblem } from '../../core/errors/api-problem';
import { Notifier } from '../../core/errors/notifier';
import { ConfirmDialogData, injectConfirm } from '../../shared/confirm-dialog';
import { MoneyPipe } from '../../shared/money.pipe';
import { formatDuration } from '../../shared/time/duration';
import { formatTimeOfDay } from '../../shared/time/local-time';
import { hourlyRate } from './booking-cost';
import { PayDialog } from './components/pay-dialog';
import { ReviewDialog } from './components/review-dialog';

const money = new MoneyPipe();

/**
 * What Release asks before it ends a stay: what leaving now costs (the running cost, R-PRICE-4) and, for
 * a checked-in reservation, that its window is charged in full, plus any overstay (R-PRICE-3).
 */
export function releaseConfirmation(booking: BookingDto, now = new Date()): ConfirmDialogData {
  const where = `${booking.lotName}, spot ${booking.spotNumber}`;
  const cost = money.transform(booking.costCents, booking.currency);
  let message = `${where}. Releasing now costs ${cost}, billed per started minute at ${hourlyRate(booking)}.`;
  if (booking.type === 'reserved' && booking.endAt) {
    const window = `${formatTimeOfDay(booking.startAt, now)} – ${formatTimeOfDay(booking.endAt, now)}`;
    const overstay = booking.overstayMinutes
      ? `, plus ${formatDuration(booking.overstayMinutes)} of overstay at ${hourlyRate(booking)}`
      : '';
    message = `${where}. Releasing now costs ${cost}: your reserved window (${window}) is charged in full, also when you leave early${overstay}.`;
  }
  return { title: `Release spot ${booking.spotNumber}?`, message, confirm: 'Release spot' };
}

/**
 * What a driver does to a booking (release, pay, check in, cancel, review), shared by the lists of the
 * bookings page; each change bumps `version`, which every list and the balance reload on.
 */
@Injectable()
export class BookingActions {
  private readonly api = inject(BookingsApi);
  private readonly dialog = inject(MatDialog);
  private readonly confirm = injectConfirm();
  private readonly notifier = inject(Notifier);
  private readonly versionSignal = signal(0);
  private readonly strandedIds = signal<ReadonlyMap<string, string>>(new Map());

  readonly version = this.versionSignal.asReadonly();
  /**
   * Reservations whose check-in found their spot still taken and no other free (R-OCC-3), with the API's
   * words: they may be cancelled free even after their start. The API has no flag for it either.
   */
  readonly stranded = this.strandedIds.asReadonly();

  /** Asks first (what it costs), releases the spot, then offers to pay what it cost. */
  async release(booking: BookingDto): Promise<void> {
    if (!(await this.confirm(releaseConfirmation(booking)))) return;
    const released = await this.attempt(() => this.api.releaseBooking({ id: booking.id }));
    if (!released) return;
    this.notifier.success(
      `Spot ${released.spotNumber} released: ${money.transform(released.costCents, released.currency)}`,
    );
    if (released.costCents > 0 && !released.paid) await this.pay(released);
  }

  async pay(booking: BookingDto): Promise<void> {
    const method = await firstValueFrom(
      this.dialog.open(PayDialog, { data: booking }).afterClosed(),
    );
    if (!method) return;
    const payment = await this.attempt(() =>
      this.api.payBooking({ id: booking.id, body: { method } }),
    );
    if (payment)
      this.notifier.success(
        `Paid ${money.transform(payment.amountCents, payment.currency)}. Thank you!`,
      );
  }

  async checkIn(booking: BookingDto): Promise<void> {
    const active = await this.attempt(
      () => this.api.checkIn({ id: booking.id }),
      ({ code, message }) => {
        if (code === 'NO_SPOT_AVAILABLE')
          this.strandedIds.update(
            (ids) => new Map([...ids, [booking.id, message.replace(/\.$/, '')]]),
          );
      },
    );
    if (active)
      this.notifier.success(`Checked in: spot ${active.spotNumber} at ${active.lotName} is yours`);
  }

  async cancel(booking: BookingDto): Promise<void> {
    const data: ConfirmDialogData = {
      title: 'Cancel this reservation?',
      message: this.stranded().has(booking.id)
        ? `${booking.lotName}, spot ${booking.spotNumber}. Your spot is still taken, so cancelling costs nothing.`
        : `${booking.lotName}, spot ${booking.spotNumber}. Cancelling before the start costs nothing.`,
      confirm: 'Cancel reservation',
    };
    if (!(await this.confirm(data))) return;
    if (await this.attempt(() => this.api.cancelBooking({ id: booking.id })))
      this.notifier.success('Reservation cancelled');
  }

  /** Either way the lists reload, and the booking then says it is reviewed (also after a 409 ALREADY_REVIEWED). */
  async review(booking: BookingDto): Promise<void> {
    const review = await firstValueFrom(
      this.dialog.open(ReviewDialog, { data: booking }).afterClosed(),
    );
    if (!review) return;
    const done = await this.attempt(() => this.api.reviewBooking({ id: booking.id, body: review }));
    if (done) this.notifier.success('Thanks for your review');
  }

  /** Runs one API call; on failure shows the API's message. Either way the lists reload. */
  private async attempt<T>(
    call: () => Promise<T>,
    onProblem?: (problem: ApiProblem) => void,
  ): Promise<T | undefined> {
    try {
      return await this.notifier.attempt(call, onProblem);
    } finally {
      this.versionSignal.update((n) => n + 1);
    }
  }
}
