import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { BookingDto } from '../../../api/models';
import { BookingsApi } from '../../../api/services';
import { MoneyPipe } from '../../../shared/money.pipe';
import { injectQuery } from '../../../shared/query';
import { injectNow } from '../../../shared/timers';
import { BookingActions } from '../booking-actions';
import { BookingCard } from './booking-card';

/** R-BOOK-3: check-in opens 15 minutes before the start. */
const CHECK_IN_EARLY_MS = 15 * 60_000;

/**
 * Reservations not checked in yet: check in when the window opens, or cancel before it starts — or
 * after, free, when check-in found the spot still taken and no other free (R-OCC-3).
 */
@Component({
  selector: 'app-upcoming-bookings',
  imports: [DatePipe, MatButtonModule, MatIconModule, MatProgressBarModule, MoneyPipe, BookingCard],
  template: `
    @if (bookings.loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading reservations" />
    }
    <div class="card-grid">
      @for (booking of bookings.value()?.items; track booking.id) {
        <app-booking-card [booking]="booking" data-testid="upcoming-booking">
          <p>{{ booking.startAt | date: 'short' }} – {{ booking.endAt | date: 'short' }}</p>
          <p>Estimated price {{ booking.estimatedCostCents | money: booking.currency }}</p>
          @if (actions.stranded().get(booking.id); as why) {
            <p class="stay-problem" role="status" data-testid="spot-taken">
              <mat-icon aria-hidden="true">warning</mat-icon>
              <span
                >{{ why }}. You can cancel this reservation free of charge, or check in again once a
                spot frees.</span
              >
            </p>
          } @else if (!canCheckIn(booking)) {
            <p class="muted">Check-in opens 15 minutes before the start.</p>
          }
          <ng-container actions>
            @if (actions.stranded().has(booking.id)) {
              <button mat-button (click)="actions.cancel(booking)">Cancel for free</button>
            } @else if (canCancel(booking)) {
              <button mat-button (click)="actions.cancel(booking)">Cancel</button>
            }
            <button
              mat-flat-button
              [disabled]="!canCheckIn(booking)"
              (click)="actions.checkIn(booking)"
            >
              Check in
            </button>
          </ng-container>
        </app-booking-card>
      } @empty {
        @if (!bookings.loading()) {
          <p>No upcoming reservations.</p>
        }
      }
    </div>
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
export class UpcomingBookings {
  private readonly api = inject(BookingsApi);
  protected readonly actions = inject(BookingActions);
  private readonly now = injectNow(15_000);

  protected readonly bookings = injectQuery(
    () => ({ status: 'reserved' as const, pageSize: 100, version: this.actions.version() }),
    ({ status, pageSize }) => this.api.listMyBookings({ status, pageSize }),
  );

  protected canCheckIn(booking: BookingDto): boolean {
    return this.now() >= Date.parse(booking.startAt) - CHECK_IN_EARLY_MS;
  }

  protected canCancel(booking: BookingDto): boolean {
    return this.now() < Date.parse(booking.startAt);
  }
}
