import { ChangeDetectionStrategy, Component, inject, input, linkedSignal } from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { BookingsApi } from '../../../api/services';
import { MoneyPipe } from '../../../shared/money.pipe';
import { injectQuery } from '../../../shared/query';
import { BookingActions } from '../booking-actions';
import { ActiveBookings } from '../components/active-bookings';
import { BookingHistory } from '../components/booking-history';
import { UpcomingBookings } from '../components/upcoming-bookings';

const TABS = ['active', 'upcoming', 'history'] as const;

/** The driver's bookings in three tabs, with what they still owe on top. */
@Component({
  selector: 'app-my-bookings-page',
  imports: [MatTabsModule, MoneyPipe, ActiveBookings, UpcomingBookings, BookingHistory],
  providers: [BookingActions],
  templateUrl: './my-bookings-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyBookingsPage {
  /** Query parameter `?tab=upcoming`: where booking pages send the driver. */
  readonly tab = input<string>();

  private readonly api = inject(BookingsApi);
  private readonly actions = inject(BookingActions);
  protected readonly tabIndex = linkedSignal(() =>
    Math.max(0, TABS.indexOf(this.tab() as (typeof TABS)[number])),
  );
  protected readonly summary = injectQuery(
    () => this.actions.version(),
    () => this.api.getBookingSummary(),
  );
}
