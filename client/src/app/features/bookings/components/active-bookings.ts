import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { BookingDto } from '../../../api/models';
import { BookingsApi } from '../../../api/services';
import { MoneyPipe } from '../../../shared/money.pipe';
import { injectQuery } from '../../../shared/query';
import { formatMinutes, formatTimeOfDay, minutesBetween } from '../../../shared/time/local-time';
import { injectNow, repeatWhileVisible } from '../../../shared/timers';
import { BookingActions } from '../booking-actions';
import { BookingCard } from './booking-card';

/** The API's running cost is re-read this often; the elapsed time ticks every second in between. */
const COST_REFRESH_MS = 30_000;

/**
 * Where the driver is parked right now: since when, by when to leave (a park-now spot reserved later,
 * R-BOOK-1, or the reservation's end), an overstay past that (R-OCC-2), the cost so far (R-PRICE-4), and
 * Release.
 */
@Component({
  selector: 'app-active-bookings',
  imports: [DatePipe, MatButtonModule, MatIconModule, MatProgressBarModule, MoneyPipe, BookingCard],
  template: `
    @if (bookings.loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading active bookings" />
    }
    <div class="card-grid">
      @for (booking of bookings.value()?.items; track booking.id) {
        <app-booking-card [booking]="booking" data-testid="active-booking">
          <p>
            Parked since {{ booking.checkedInAt ?? booking.startAt | date: 'short' }} ·
            {{ elapsed(booking.checkedInAt ?? booking.startAt) }}
          </p>
          @if (booking.overstayMinutes > 0) {
            <p class="overstay" data-testid="overstay">
              <mat-icon aria-hidden="true">warning</mat-icon>
              <span>
                <strong>Overstaying by {{ duration(booking.overstayMinutes) }}</strong> — charged
                per minute until you release the spot.
                @if (leaveBy(booking); as due) {
                  You were due to leave at {{ timeOfDay(due) }}.
                }
              </span>
            </p>
          } @else if (leaveBy(booking); as due) {
            <p class="leave-by" data-testid="leave-by">
              <mat-icon aria-hidden="true">schedule</mat-icon>
              <span>
                <strong>Leave by {{ timeOfDay(due) }}</strong>
                <span class="muted">
                  {{
                    booking.mustLeaveBy
                      ? '· the spot is reserved from then'
                      : '· your reservation ends then'
                  }}</span
                >
              </span>
            </p>
          }
          <p class="cost">
            Running cost
            <strong data-testid="running-cost">{{
              booking.costCents | money: booking.currency
            }}</strong>
            <span class="muted"
              >at {{ booking.ratePerHourCents | money: booking.currency }} / hour</span
            >
          </p>
          <button actions mat-flat-button (click)="actions.release(booking)">Release spot</button>
        </app-booking-card>
      } @empty {
        @if (!bookings.loading()) {
          <p>You are not parked anywhere right now.</p>
        }
      }
    </div>
  `,
  styles: `
    .cost strong {
      font: var(--mat-sys-title-medium);
    }
    .cost .muted {
      margin-left: 6px;
    }
    .leave-by,
    .overstay {
      display: flex;
      align-items: flex-start;
      gap: 8px;
    }
    .leave-by mat-icon,
    .overstay mat-icon {
      flex: none;
    }
    .leave-by strong {
      font: var(--mat-sys-title-medium);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ActiveBookings {
  private readonly api = inject(BookingsApi);
  protected readonly actions = inject(BookingActions);
  private readonly now = injectNow();

  protected readonly bookings = injectQuery(
    () => ({ status: 'active' as const, pageSize: 100, version: this.actions.version() }),
    ({ status, pageSize }) => this.api.listMyBookings({ status, pageSize }),
  );

  constructor() {
    repeatWhileVisible(() => void this.bookings.refresh(), COST_REFRESH_MS);
  }

  protected readonly duration = formatMinutes;

  protected elapsed(since: string): string {
    return formatMinutes(minutesBetween(since, this.now()));
  }

  /** When the car must be gone: the reservation that follows a park-now stay, or the window's end. */
  protected leaveBy(booking: BookingDto): string | null {
    return booking.mustLeaveBy ?? booking.endAt;
  }

  protected timeOfDay(at: string): string {
    return formatTimeOfDay(at, new Date(this.now()));
  }
}
