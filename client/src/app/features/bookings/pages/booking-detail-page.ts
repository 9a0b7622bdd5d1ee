import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { BookingDto, BookingStatus } from '../../../api/models';
import { BookingsApi } from '../../../api/services';
import { toApiProblem } from '../../../core/errors/api-problem';
import { MoneyPipe } from '../../../shared/money.pipe';
import { NotFoundPage } from '../../../shared/not-found-page';
import { injectQuery } from '../../../shared/query';
import { formatDuration } from '../../../shared/time/duration';
import { injectNow, repeatWhileVisible } from '../../../shared/timers';
import { BookingActions } from '../booking-actions';
import { windowMinutes } from '../booking-cost';
import { BookingButtons } from '../components/booking-buttons';
import { BookingCard } from '../components/booking-card';
import { CostBreakdown } from '../components/cost-breakdown';
import { ParkedFacts } from '../components/parked-facts';
import { ReservationFacts } from '../components/reservation-facts';
import { isUuid } from '../../../shared/uuid';

/** The shape of a booking id; anything else cannot be a booking (the API would answer 400). */

/** A parked car's running cost is re-read this often, as on the list. */
const COST_REFRESH_MS = 30_000;

const STATUS_LABELS: Record<BookingStatus, string> = {
  active: 'Parked now',
  reserved: 'Upcoming',
  completed: 'Completed',
  expired: 'Expired: not checked in',
  cancelled: 'Cancelled',
};

/**
 * One of the driver's bookings at its own address (`/bookings/:bookingId`), with what its state means
 * for its cost and the buttons of that state. An id that is malformed or not the driver's booking shows
 * the not-found page: the API's 400 and 404 both mean "no such booking" to a driver.
 */
@Component({
  selector: 'app-booking-detail-page',
  imports: [
    DatePipe,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    RouterLink,
    MoneyPipe,
    NotFoundPage,
    BookingButtons,
    BookingCard,
    CostBreakdown,
    ParkedFacts,
    ReservationFacts,
  ],
  providers: [BookingActions],
  template: `
    @if (missing()) {
      <app-not-found-page
        heading="Booking not found"
        message="There is no booking of yours at this address: the link may be mistyped or cut short."
        backLink="/bookings"
        backLabel="My bookings"
      />
    } @else {
      <div class="page page-narrow">
        <a mat-button routerLink="/bookings" class="back">
          <mat-icon aria-hidden="true">arrow_back</mat-icon>My bookings
        </a>
        <h1 class="page-title">
          {{ booking() ? 'Booking at ' + booking()!.lotName : 'Booking' }}
        </h1>
        @if (query.loading()) {
          <mat-progress-bar mode="indeterminate" aria-label="Loading the booking" />
        }
        @if (booking(); as b) {
          <app-booking-card [booking]="b" [detailLink]="false" data-testid="booking-detail">
            <p class="status status-{{ b.status }}" data-testid="booking-status">
              {{ statusLabel(b.status) }}
            </p>
            @switch (b.status) {
              @case ('active') {
                <app-parked-facts [booking]="b" [now]="now()" />
              }
              @case ('reserved') {
                <app-reservation-facts [booking]="b" [now]="now()" />
              }
              @default {
                @if (b.type === 'reserved' && b.endAt) {
                  <p data-testid="window">
                    Reserved {{ b.startAt | date: 'short' }} – {{ b.endAt | date: 'short' }} ({{
                      windowDuration()
                    }})
                  </p>
                }
                @if (b.status === 'cancelled') {
                  <p data-testid="final-cost">Cancelled: nothing to pay.</p>
                } @else {
                  <app-cost-breakdown [booking]="b" />
                  <p class="final-cost" data-testid="final-cost">
                    Cost <strong>{{ b.costCents | money: b.currency }}</strong>
                    <span class="muted">
                      · {{ b.paid ? 'paid' : b.costCents > 0 ? 'not paid yet' : 'nothing to pay' }}
                    </span>
                  </p>
                }
                @if (b.releaseReason) {
                  <p>Released by an administrator: {{ b.releaseReason }}</p>
                }
              }
            }
            <app-booking-buttons actions [booking]="b" [now]="now()" />
          </app-booking-card>
        }
      </div>
    }
  `,
  styles: `
    .back {
      margin-bottom: 8px;
    }
    .status {
      font: var(--mat-sys-label-large);
    }
    .final-cost strong {
      font: var(--mat-sys-title-medium);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BookingDetailPage {
  /** Route parameter. */
  readonly bookingId = input.required<string>();

  private readonly api = inject(BookingsApi);
  private readonly actions = inject(BookingActions);
  protected readonly now = injectNow();
  private readonly wellFormed = computed(() => isUuid(this.bookingId()));

  /** The booking, or null when there is none for this driver (404) or the id is malformed (400). */
  protected readonly query = injectQuery(
    () => (this.wellFormed() ? { id: this.bookingId(), version: this.actions.version() } : null),
    async ({ id }): Promise<BookingDto | null> => {
      try {
        return await this.api.getBooking({ id });
      } catch (error) {
        const { status } = toApiProblem(error);
        if (status === 404 || status === 400) return null;
        throw error;
      }
    },
  );
  protected readonly booking = computed(() => this.query.value() ?? null);
  protected readonly missing = computed(() => !this.wellFormed() || this.query.value() === null);
  protected readonly windowDuration = computed(() => {
    const booking = this.booking();
    return formatDuration((booking && windowMinutes(booking)) ?? 0);
  });

  constructor() {
    repeatWhileVisible(() => {
      if (this.booking()?.status === 'active') void this.query.refresh();
    }, COST_REFRESH_MS);
  }

  protected statusLabel(status: BookingStatus): string {
    return STATUS_LABELS[status];
  }
}
