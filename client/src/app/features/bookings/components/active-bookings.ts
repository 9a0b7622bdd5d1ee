import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { BookingsApi } from '../../../api/services';
import { MoneyPipe } from '../../../shared/money.pipe';
import { injectQuery } from '../../../shared/query';
import { formatMinutes, minutesBetween } from '../../../shared/time/local-time';
import { injectNow, repeatWhileVisible } from '../../../shared/timers';
import { BookingActions } from '../booking-actions';
import { BookingCard } from './booking-card';

/** The API's running cost is re-read this often; the elapsed time ticks every second in between. */
const COST_REFRESH_MS = 30_000;

/** Where the driver is parked right now: since when, the cost so far (R-PRICE-4), and Release. */
@Component({
  selector: 'app-active-bookings',
  imports: [DatePipe, MatButtonModule, MatProgressBarModule, MoneyPipe, BookingCard],
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

  protected elapsed(since: string): string {
    return formatMinutes(minutesBetween(since, this.now()));
  }
}
