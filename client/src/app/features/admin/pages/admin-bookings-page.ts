import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormGroupDirective,
  NgForm,
  NonNullableFormBuilder,
  ReactiveFormsModule,
} from '@angular/forms';
import { ErrorStateMatcher } from '@angular/material/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router } from '@angular/router';
import { debounceTime, map } from 'rxjs';
import { AdminBookingDto } from '../../../api/models';
import { AdminApi, LotsApi } from '../../../api/services';
import { fieldError } from '../../../shared/forms/field-error';
import {
  isVehicleNumber,
  normaliseVehicleNumber,
  vehicleNumberRule,
} from '../../../shared/forms/validators';
import { MoneyPipe } from '../../../shared/money.pipe';
import { PagedTable } from '../../../shared/paged-table';
import { createPaging } from '../../../shared/paging';
import { injectQuery } from '../../../shared/query';
import { formatDuration } from '../../../shared/time/duration';
import { localDayStartIso } from '../../../shared/time/local-time';
import { AdminActions } from '../admin-actions';
import { BOOKING_STATUS_LOOK, BOOKING_STATUSES, bookingStatusLabel } from '../booking-status';
import {
  BookingsUrl,
  bookingsUrlParams,
  changedFilters,
  dayOrderRule,
  daysInOrder,
  onlyTyped,
  pickFilters,
  readBookingsUrl,
} from '../bookings-url';

/** The "until" field shows the form's day-order error as its own, as soon as it arises. */
const untilErrorState: ErrorStateMatcher = {
  isErrorState: (control: AbstractControl | null, form: FormGroupDirective | NgForm | null) =>
    !!control &&
    (!!control.parent?.hasError('dayOrder') ||
      (control.invalid && (control.touched || !!form?.submitted))),
};

/**
 * Every booking of every driver (R-BOOK-9), filtered (also to the cars overstaying now, R-OCC-2) and
 * paginated; an active one can be force-released.
 */
@Component({
  selector: 'app-admin-bookings-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatTableModule,
    MoneyPipe,
    PagedTable,
  ],
  templateUrl: './admin-bookings-page.html',
  styleUrl: './admin-bookings-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminBookingsPage {
  private readonly api = inject(AdminApi);
  private readonly lotsApi = inject(LotsApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly actions = inject(AdminActions);
  protected readonly statuses = BOOKING_STATUSES.map((status) => ({
    status,
    label: BOOKING_STATUS_LOOK[status].label,
  }));
  protected readonly statusLabel = bookingStatusLabel;
  protected readonly fieldError = fieldError;
  protected readonly untilErrorState = untilErrorState;
  protected readonly columns = ['where', 'driver', 'status', 'when', 'cost', 'actions'];
  protected readonly duration = formatDuration;

  /** The list as the URL has it: the source of what is fetched, and what a reload or Back restores. */
  protected readonly url = toSignal(this.route.queryParamMap.pipe(map(readBookingsUrl)), {
    requireSync: true,
  });
  protected readonly filters = inject(NonNullableFormBuilder).group(
    {
      status: [this.url().status],
      lotId: [this.url().lotId],
      vehicleNumber: [this.url().vehicleNumber, vehicleNumberRule],
      from: [this.url().from],
      to: [this.url().to],
      overstaying: [this.url().overstaying],
    },
    { validators: dayOrderRule },
  );
  /** The filters as last put into the URL or taken from it: the URL answering our own change. */
  private shownFilters = JSON.stringify(pickFilters(this.url()));

  /** The paginator turns the URL's page. */
  protected readonly paging: ReturnType<typeof createPaging> = {
    page: computed(() => this.url().page),
    pageSize: computed(() => this.url().pageSize),
    change: (event: PageEvent) =>
      this.navigate({ page: event.pageIndex + 1, pageSize: event.pageSize }),
    restart: () => this.navigate({ page: 1 }),
  };

  /** The lots to filter by, archived ones included: their bookings stay. */
  protected readonly lots = injectQuery(
    () => true,
    () => this.lotsApi.listLots({ includeArchived: true, pageSize: 100 }),
  );
  protected readonly bookings = injectQuery(
    () => {
      const { status, lotId, vehicleNumber, from, to, overstaying, userId, page, pageSize } =
        this.url();
      // Days out of order are refused at the field; a URL holding them fetches nothing either.
      if (!daysInOrder(from, to)) return null;
      return {
        status: status || undefined,
        lotId: lotId || undefined,
        // An unfinished vehicle number is not sent: the API would refuse it.
        vehicleNumber: isVehicleNumber(vehicleNumber)
          ? normaliseVehicleNumber(vehicleNumber)
          : undefined,
        from: localDayStartIso(from),
        to: localDayStartIso(to, true),
        // Only cars past their planned end right now (R-OCC-2); unticked means every booking.
        overstaying: overstaying || undefined,
        userId: userId || undefined,
        page,
        pageSize,
        version: this.actions.version(),
      };
    },
    ({ version: _version, ...params }) => this.api.listAllBookings(params),
  );

  constructor() {
    // Back, Forward or a link changed the URL: the fields follow it (without writing it back).
    effect(() => {
      const filters = pickFilters(this.url());
      untracked(() => {
        const key = JSON.stringify(filters);
        if (key === this.shownFilters) return;
        this.shownFilters = key;
        this.filters.setValue(filters, { emitEvent: false });
      });
    });
    // Typed filters reach the URL (and so the list) once the admin pauses.
    this.filters.valueChanges
      .pipe(debounceTime(300), takeUntilDestroyed())
      .subscribe(() => this.writeFilters());
  }

  /** The form's filters into the URL, from the first page; days out of order stay at the field. */
  private writeFilters(): void {
    if (this.filters.hasError('dayOrder')) return;
    const filters = pickFilters(this.filters.getRawValue());
    const changed = changedFilters(filters, this.url());
    if (!changed.length) return;
    this.shownFilters = JSON.stringify(filters);
    this.navigate({ ...filters, page: 1 }, onlyTyped(changed));
  }

  private navigate(change: Partial<BookingsUrl>, replaceUrl = false): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: bookingsUrlParams({ ...this.url(), ...change }),
      replaceUrl,
    });
  }

  protected forgetDriver(): void {
    this.navigate({ userId: '', username: '', page: 1 });
  }

  protected forceRelease(booking: AdminBookingDto): void {
    void this.actions.forceRelease({
      bookingId: booking.id,
      spotNumber: booking.spotNumber,
      vehicleNumber: booking.vehicleNumber,
      username: booking.username,
    });
  }
}
