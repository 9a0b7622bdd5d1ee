import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { BookingDto } from '../../../api/models';
import { BookingActions } from '../booking-actions';
import { bookingRules } from '../booking-rules';

/**
 * What a driver can do with a booking in its state, wherever it is shown: release a parked car; check
 * in to or cancel a reservation (free after a failed re-seat, R-OCC-3); pay a finished booking and
 * review a completed one once (R-REV-1).
 */
@Component({
  selector: 'app-booking-buttons',
  imports: [MatButtonModule],
  template: `
    @let b = booking();
    @switch (b.status) {
      @case ('active') {
        <button mat-flat-button (click)="actions.release(b)">Release spot</button>
      }
      @case ('reserved') {
        @if (stranded()) {
          <button mat-button (click)="actions.cancel(b)">Cancel for free</button>
        } @else if (rules.canCancel(b, now())) {
          <button mat-button (click)="actions.cancel(b)">Cancel</button>
        }
        <button
          mat-flat-button
          [disabled]="!rules.canCheckIn(b, now())"
          (click)="actions.checkIn(b)"
        >
          Check in
        </button>
      }
      @default {
        @if (rules.canPay(b)) {
          <button mat-flat-button (click)="actions.pay(b)">Pay</button>
        }
        @if (rules.canReview(b)) {
          <button
            mat-stroked-button
            (click)="actions.review(b)"
            [attr.aria-label]="'Review ' + b.lotName"
          >
            Review
          </button>
        }
      }
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      gap: 8px;
      justify-content: flex-end;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BookingButtons {
  readonly booking = input.required<BookingDto>();
  /** The current time (ms) for the time-bound rules (check-in, cancel); a finished booking needs none. */
  readonly now = input(0);

  protected readonly actions = inject(BookingActions);
  protected readonly rules = bookingRules;
  protected readonly stranded = computed(() => this.actions.stranded().has(this.booking().id));
}
