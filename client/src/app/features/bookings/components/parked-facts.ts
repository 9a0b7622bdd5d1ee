import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { BookingDto } from '../../../api/models';
import { MoneyPipe } from '../../../shared/money.pipe';
import { formatDuration } from '../../../shared/time/duration';
import { formatTimeOfDay } from '../../../shared/time/local-time';
import { startedMinutes } from '../../../shared/time/duration';
import { hourlyRate, windowMinutes } from '../booking-cost';

/**
 * What a parked car's booking says: since when (in started minutes, as billed), a checked-in
 * reservation's window and that it is charged in full (R-PRICE-3), by when to leave (a park-now spot
 * reserved later, R-BOOK-1, or the window's end), an overstay past that (R-OCC-2), and the cost so far
 * (R-PRICE-4).
 */
@Component({
  selector: 'app-parked-facts',
  imports: [DatePipe, MatIconModule, MoneyPipe],
  template: `
    @let b = booking();
    <p data-testid="parked-since">
      Parked since {{ b.checkedInAt ?? b.startAt | date: 'short' }} · {{ elapsed() }}
    </p>
    @if (window(); as window) {
      <p class="fact" data-testid="reserved-window">
        <mat-icon aria-hidden="true">event</mat-icon>
        <span>
          <strong>Reserved {{ window.from }} – {{ window.to }}</strong> ({{ window.duration }}) ·
          the whole window is charged, {{ b.estimatedCostCents | money: b.currency }}, also when you
          leave early
        </span>
      </p>
    }
    @if (b.overstayMinutes > 0) {
      <p class="fact overstay" data-testid="overstay">
        <mat-icon aria-hidden="true">warning</mat-icon>
        <span>
          <strong>Overstaying by {{ duration(b.overstayMinutes) }}</strong> —
          {{
            window()
              ? 'each started minute past the window is charged at ' + rate()
              : 'charged per minute'
          }}
          until you release the spot.
          @if (leaveBy(); as due) {
            You were due to leave at {{ timeOfDay(due) }}.
          }
        </span>
      </p>
    } @else if (leaveBy(); as due) {
      <p class="fact leave-by" data-testid="leave-by">
        <mat-icon aria-hidden="true">schedule</mat-icon>
        <span>
          <strong>Leave by {{ timeOfDay(due) }}</strong>
          <span class="muted">
            {{
              b.mustLeaveBy ? '· the spot is reserved from then' : '· your reservation ends then'
            }}</span
          >
        </span>
      </p>
    }
    <p class="cost">
      Running cost
      <strong data-testid="running-cost">{{ b.costCents | money: b.currency }}</strong>
      <span class="muted">at {{ b.ratePerHourCents | money: b.currency }} / hour</span>
    </p>
  `,
  styles: `
    .cost strong {
      font: var(--mat-sys-title-medium);
    }
    .cost .muted {
      margin-left: 6px;
    }
    .fact {
      display: flex;
      align-items: flex-start;
      gap: 8px;
    }
    .fact mat-icon {
      flex: none;
    }
    .leave-by strong {
      font: var(--mat-sys-title-medium);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ParkedFacts {
  readonly booking = input.required<BookingDto>();
  /** The current time (ms), ticking in the parent: the elapsed time re-renders with it. */
  readonly now = input.required<number>();

  protected readonly duration = formatDuration;
  protected readonly rate = computed(() => hourlyRate(this.booking()));

  /** Started minutes, as the bill counts them: never "0 min" while the first minute is charged. */
  protected readonly elapsed = computed(() => {
    const { checkedInAt, startAt } = this.booking();
    return formatDuration(startedMinutes(checkedInAt ?? startAt, this.now()));
  });

  /** A checked-in reservation's window, charged in full whenever the car leaves (R-PRICE-3). */
  protected readonly window = computed(() => {
    const booking = this.booking();
    const minutes = windowMinutes(booking);
    if (booking.type !== 'reserved' || minutes === null) return null;
    return {
      from: this.timeOfDay(booking.startAt),
      to: this.timeOfDay(booking.endAt!),
      duration: formatDuration(minutes),
    };
  });

  /** When the car must be gone: the reservation that follows a park-now stay, or the window's end. */
  protected readonly leaveBy = computed(() => this.booking().mustLeaveBy ?? this.booking().endAt);

  protected timeOfDay(at: string): string {
    return formatTimeOfDay(at, new Date(this.now()));
  }
}
