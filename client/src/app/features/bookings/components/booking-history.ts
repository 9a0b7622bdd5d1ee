import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { BookingStatus } from '../../../api/models';
import { BookingsApi } from '../../../api/services';
import { formValueSignal } from '../../../shared/forms/form-value';
import { MoneyPipe } from '../../../shared/money.pipe';
import { ListPaginator } from '../../../shared/list-paginator';
import { createPaging } from '../../../shared/paging';
import { injectQuery } from '../../../shared/query';
import { localDayStartIso } from '../../../shared/time/local-time';
import { injectNow } from '../../../shared/timers';
import { BookingActions } from '../booking-actions';
import { BookingButtons } from './booking-buttons';

const STATUSES: { value: BookingStatus | ''; label: string }[] = [
  { value: '', label: 'Any status' },
  { value: 'completed', label: 'Completed' },
  { value: 'expired', label: 'Expired' },
  { value: 'cancelled', label: 'Cancelled' },
  { value: 'active', label: 'Active' },
  { value: 'reserved', label: 'Reserved' },
];

/**
 * Every booking, newest first, filtered by status and dates, each linking to its own page; with the
 * buttons of its state (unpaid ones can be paid, completed ones reviewed once).
 */
@Component({
  selector: 'app-booking-history',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MoneyPipe,
    ListPaginator,
    RouterLink,
    BookingButtons,
  ],
  templateUrl: './booking-history.html',
  styleUrl: './booking-history.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BookingHistory {
  private readonly api = inject(BookingsApi);
  private readonly actions = inject(BookingActions);
  protected readonly statuses = STATUSES;
  protected readonly now = injectNow(15_000);

  protected readonly filters = inject(NonNullableFormBuilder).group({
    status: ['' as BookingStatus | ''],
    from: [''],
    to: [''],
  });
  private readonly filterValue = formValueSignal(this.filters);
  protected readonly paging = createPaging(10);

  protected readonly bookings = injectQuery(
    () => {
      const { status, from, to } = this.filterValue();
      return {
        status: status || undefined,
        from: localDayStartIso(from),
        to: localDayStartIso(to, true),
        page: this.paging.page(),
        pageSize: this.paging.pageSize(),
        version: this.actions.version(),
      };
    },
    ({ version: _version, ...params }) => this.api.listMyBookings(params),
  );
  protected readonly empty = computed(() => this.bookings.value()?.items.length === 0);

  constructor() {
    this.filters.valueChanges.subscribe(() => this.paging.restart());
  }
}
