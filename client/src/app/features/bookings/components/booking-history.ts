import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { map } from 'rxjs';
import { BookingDto, BookingStatus } from '../../../api/models';
import { BookingsApi } from '../../../api/services';
import { MoneyPipe } from '../../../shared/money.pipe';
import { injectQuery } from '../../../shared/query';
import { toLocalInputValue, toOffsetIso } from '../../../shared/time/local-time';
import { BookingActions } from '../booking-actions';

const STATUSES: { value: BookingStatus | ''; label: string }[] = [
  { value: '', label: 'Any status' },
  { value: 'completed', label: 'Completed' },
  { value: 'expired', label: 'Expired' },
  { value: 'cancelled', label: 'Cancelled' },
  { value: 'active', label: 'Active' },
  { value: 'reserved', label: 'Reserved' },
];

/** A date input's day as a local-midnight timestamp with offset; `nextDay` makes an exclusive end. */
function dayStart(date: string, nextDay = false): string | undefined {
  if (!date) return undefined;
  const day = new Date(`${date}T00:00`);
  if (nextDay) day.setDate(day.getDate() + 1);
  return toOffsetIso(toLocalInputValue(day));
}

/** Every booking, newest first, filtered by status and dates; unpaid ones can be paid, completed ones reviewed. */
@Component({
  selector: 'app-booking-history',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    MoneyPipe,
  ],
  templateUrl: './booking-history.html',
  styleUrl: './booking-history.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BookingHistory {
  private readonly api = inject(BookingsApi);
  protected readonly actions = inject(BookingActions);
  protected readonly statuses = STATUSES;

  protected readonly filters = inject(NonNullableFormBuilder).group({
    status: ['' as BookingStatus | ''],
    from: [''],
    to: [''],
  });
  private readonly filterValue = toSignal(
    this.filters.valueChanges.pipe(map(() => this.filters.getRawValue())),
    {
      initialValue: this.filters.getRawValue(),
    },
  );
  protected readonly page = signal(1);
  protected readonly pageSize = signal(10);

  protected readonly bookings = injectQuery(
    () => {
      const { status, from, to } = this.filterValue();
      return {
        status: status || undefined,
        from: dayStart(from),
        to: dayStart(to, true),
        page: this.page(),
        pageSize: this.pageSize(),
        version: this.actions.version(),
      };
    },
    ({ version: _version, ...params }) => this.api.listMyBookings(params),
  );
  protected readonly empty = computed(() => this.bookings.value()?.items.length === 0);

  constructor() {
    this.filters.valueChanges.subscribe(() => this.page.set(1));
  }

  protected changePage(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    this.page.set(event.pageIndex + 1);
  }

  protected canPay(booking: BookingDto): boolean {
    return (
      (booking.status === 'completed' || booking.status === 'expired') &&
      booking.costCents > 0 &&
      !booking.paid
    );
  }

  protected canReview(booking: BookingDto): boolean {
    return booking.status === 'completed' && !this.actions.reviewed().has(booking.id);
  }
}
