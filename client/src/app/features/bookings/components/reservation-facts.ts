import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { BookingDto } from '../../../api/models';
import { MoneyPipe } from '../../../shared/money.pipe';
import { formatDuration } from '../../../shared/time/duration';
import { windowMinutes } from '../booking-cost';
import { BookingActions } from '../booking-actions';
import { bookingRules } from '../booking-rules';

/**
 * What a reservation not checked in yet says: its window and its price, charged in full unless cancelled
 * in time (R-PRICE-3, R-BOOK-5/6); when check-in opens (R-BOOK-3), or why it may be cancelled free after a failed re-seat
 * (R-OCC-3).
 */
@Component({
  selector: 'app-reservation-facts',
  imports: [DatePipe, MatIconModule, MoneyPipe],
  template: `
    @let b = booking();
    <p data-testid="window">
      {{ b.startAt | date: 'short' }} – {{ b.endAt | date: 'short' }} ({{ duration() }})
    </p>
    <p>
      Price {{ b.estimatedCostCents | money: b.currency }}
      <span class="muted">· the whole window is charged unless you cancel before the start</span>
    </p>
    @if (actions.stranded().get(b.id); as why) {
      <p class="stay-problem" role="status" data-testid="spot-taken">
        <mat-icon aria-hidden="true">warning</mat-icon>
        <span
          >{{ why }}. You can cancel this reservation free of charge, or check in again once a spot
          frees.</span
        >
      </p>
    } @else if (!rules.canCheckIn(b, now())) {
      <p class="muted">Check-in opens 15 minutes before the start.</p>
    }
  `,
  styles: `
    .stay-problem {
      display: flex;
      align-items: flex-start;
      gap: 8px;
    }
    .stay-problem mat-icon {
      flex: none;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReservationFacts {
  readonly booking = input.required<BookingDto>();
  readonly now = input.required<number>();

  protected readonly actions = inject(BookingActions);
  protected readonly rules = bookingRules;
  protected readonly duration = computed(() => formatDuration(windowMinutes(this.booking()) ?? 0));
}
