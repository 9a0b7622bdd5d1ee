import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { Router } from '@angular/router';
import { AdminBookingDto, BookingStatus } from '../../../api/models';
import { BOOKING_STATUS } from '../../../api/models/booking-status-array';
import { AdminApi, LotsApi } from '../../../api/services';
import { debouncedSignal } from '../../../shared/debounced';
import { fieldError } from '../../../shared/forms/field-error';
import { formValueSignal } from '../../../shared/forms/form-value';
import {
  isVehicleNumber,
  normaliseVehicleNumber,
  vehicleNumberRule,
} from '../../../shared/forms/validators';
import { MoneyPipe } from '../../../shared/money.pipe';
import { PagedTable } from '../../../shared/paged-table';
import { createPaging } from '../../../shared/paging';
import { injectQuery } from '../../../shared/query';
import { formatMinutes, localDayStartIso } from '../../../shared/time/local-time';
import { AdminActions } from '../admin-actions';

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
  /** Query parameters: one driver's bookings (the users page links here with both). */
  readonly userId = input<string>();
  readonly username = input<string>();

  private readonly api = inject(AdminApi);
  private readonly lotsApi = inject(LotsApi);
  private readonly router = inject(Router);
  protected readonly actions = inject(AdminActions);
  protected readonly statuses = BOOKING_STATUS;
  protected readonly fieldError = fieldError;
  protected readonly columns = ['where', 'driver', 'status', 'when', 'cost', 'actions'];
  protected readonly duration = formatMinutes;

  protected readonly filters = inject(NonNullableFormBuilder).group({
    status: ['' as BookingStatus | ''],
    lotId: [''],
    vehicleNumber: ['', vehicleNumberRule],
    from: [''],
    to: [''],
    overstaying: [false],
  });
  // Typed filters (a vehicle number) are sent once the admin pauses.
  private readonly filterValue = debouncedSignal(formValueSignal(this.filters));
  protected readonly paging = createPaging(25);

  /** The lots to filter by, archived ones included: their bookings stay. */
  protected readonly lots = injectQuery(
    () => true,
    () => this.lotsApi.listLots({ includeArchived: true, pageSize: 100 }),
  );
  protected readonly bookings = injectQuery(
    () => {
      const { status, lotId, vehicleNumber, from, to, overstaying } = this.filterValue();
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
        userId: this.userId(),
        page: this.paging.page(),
        pageSize: this.paging.pageSize(),
        version: this.actions.version(),
      };
    },
    ({ version: _version, ...params }) => this.api.listAllBookings(params),
  );

  constructor() {
    this.filters.valueChanges.subscribe(() => this.paging.restart());
  }

  protected forgetDriver(): void {
    void this.router.navigate([], { queryParams: { userId: null, username: null } });
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
