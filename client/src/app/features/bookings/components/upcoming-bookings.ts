import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { BookingsApi } from '../../../api/services';
import { injectQuery } from '../../../shared/query';
import { injectNow } from '../../../shared/timers';
import { BookingActions } from '../booking-actions';
import { BookingButtons } from './booking-buttons';
import { BookingCard } from './booking-card';
import { ReservationFacts } from './reservation-facts';

/** Reservations not checked in yet (see ReservationFacts): check in when the window opens, or cancel. */
@Component({
  selector: 'app-upcoming-bookings',
  imports: [MatProgressBarModule, BookingButtons, BookingCard, ReservationFacts],
  template: `
    @if (bookings.loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading reservations" />
    }
    <div class="card-grid">
      @for (booking of bookings.value()?.items; track booking.id) {
        <app-booking-card [booking]="booking" data-testid="upcoming-booking">
          <app-reservation-facts [booking]="booking" [now]="now()" />
          <app-booking-buttons actions [booking]="booking" [now]="now()" />
        </app-booking-card>
      } @empty {
        @if (!bookings.loading()) {
          <p>No upcoming reservations.</p>
        }
      }
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UpcomingBookings {
  private readonly api = inject(BookingsApi);
  private readonly actions = inject(BookingActions);
  protected readonly now = injectNow(15_000);

  protected readonly bookings = injectQuery(
    () => ({ status: 'reserved' as const, pageSize: 100, version: this.actions.version() }),
    ({ status, pageSize }) => this.api.listMyBookings({ status, pageSize }),
  );
}
