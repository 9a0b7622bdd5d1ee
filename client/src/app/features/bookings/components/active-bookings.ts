import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { BookingsApi } from '../../../api/services';
import { injectQuery } from '../../../shared/query';
import { injectNow, repeatWhileVisible } from '../../../shared/timers';
import { BookingActions } from '../booking-actions';
import { BookingButtons } from './booking-buttons';
import { BookingCard } from './booking-card';
import { ParkedFacts } from './parked-facts';

/** The API's running cost is re-read this often; the elapsed time ticks every second in between. */
const COST_REFRESH_MS = 30_000;

/** Where the driver is parked right now (see ParkedFacts), with Release. */
@Component({
  selector: 'app-active-bookings',
  imports: [MatProgressBarModule, BookingButtons, BookingCard, ParkedFacts],
  template: `
    @if (bookings.loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading active bookings" />
    }
    <div class="card-grid">
      @for (booking of bookings.value()?.items; track booking.id) {
        <app-booking-card [booking]="booking" data-testid="active-booking">
          <app-parked-facts [booking]="booking" [now]="now()" />
          <app-booking-buttons actions [booking]="booking" [now]="now()" />
        </app-booking-card>
      } @empty {
        @if (!bookings.loading()) {
          <p>You are not parked anywhere right now.</p>
        }
      }
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ActiveBookings {
  private readonly api = inject(BookingsApi);
  private readonly actions = inject(BookingActions);
  protected readonly now = injectNow();

  protected readonly bookings = injectQuery(
    () => ({ status: 'active' as const, pageSize: 100, version: this.actions.version() }),
    ({ status, pageSize }) => this.api.listMyBookings({ status, pageSize }),
  );

  constructor() {
    repeatWhileVisible(() => void this.bookings.refresh(), COST_REFRESH_MS);
  }
}
