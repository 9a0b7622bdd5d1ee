import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { debounceTime } from 'rxjs';
import { CreateBookingDto } from '../../../api/models';
import { BookingsApi, LotsApi } from '../../../api/services';
import { ApiProblem } from '../../../core/errors/api-problem';
import { Notifier } from '../../../core/errors/notifier';
import { RememberedVehicles } from '../../../core/vehicles/remembered-vehicles';
import { fieldError } from '../../../shared/forms/field-error';
import { injectFormSubmit } from '../../../shared/forms/form-submit';
import { normaliseVehicleNumber, vehicleNumberRule } from '../../../shared/forms/validators';
import { MoneyPipe } from '../../../shared/money.pipe';
import { injectQuery } from '../../../shared/query';
import { formatTimeOfDay, toOffsetIso } from '../../../shared/time/local-time';
import { BookingRefusal, bookingRefusal, parkNowCount } from '../park-now';
import {
  defaultWindow,
  linkWindow,
  reservationEndRule,
  reservationStartRule,
  windowFrom,
} from '../reservation-window';

type Mode = 'now' | 'reserve';

/** Park now, or reserve a window after seeing how many spots are free and what it will cost. */
@Component({
  selector: 'app-book-spot-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatAutocompleteModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MoneyPipe,
  ],
  templateUrl: './book-spot-page.html',
  styleUrl: './book-spot-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BookSpotPage {
  /** Route parameter and query parameter (`?mode=reserve`). */
  readonly lotId = input.required<string>();
  readonly modeParam = input<string>(undefined, { alias: 'mode' });

  private readonly lotsApi = inject(LotsApi);
  private readonly bookingsApi = inject(BookingsApi);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  protected readonly vehicles = inject(RememberedVehicles);
  protected readonly fieldError = fieldError;
  protected readonly parkNowCount = parkNowCount;
  protected readonly timeOfDay = (at: Date) => formatTimeOfDay(at);

  protected readonly mode = linkedSignal<Mode>(() =>
    this.modeParam() === 'reserve' ? 'reserve' : 'now',
  );
  private readonly firstWindow = defaultWindow();
  protected readonly form = inject(NonNullableFormBuilder).group({
    vehicleNumber: ['', [Validators.required, vehicleNumberRule]],
    startAt: [this.firstWindow.startAt, [Validators.required, reservationStartRule]],
    endAt: [this.firstWindow.endAt, [Validators.required, reservationEndRule]],
  });
  protected readonly submit = injectFormSubmit(this.form);

  protected readonly lot = injectQuery(
    () => this.lotId(),
    (id) => this.lotsApi.getLot({ id }),
  );

  private readonly window = toSignal(this.form.valueChanges.pipe(debounceTime(300)), {
    initialValue: this.form.value,
  });
  /** Availability and price of the chosen window, fetched once the window is valid. */
  protected readonly availability = injectQuery(
    () => {
      const { startAt, endAt } = this.window();
      if (this.mode() !== 'reserve' || !startAt || !endAt) return null;
      if (
        reservationStartRule(this.form.controls.startAt) ||
        reservationEndRule(this.form.controls.endAt)
      )
        return null;
      return { id: this.lotId(), startAt: toOffsetIso(startAt), endAt: toOffsetIso(endAt) };
    },
    (params) => this.lotsApi.getAvailability(params),
  );

  protected readonly typedVehicle = toSignal(this.form.controls.vehicleNumber.valueChanges, {
    initialValue: '',
  });
  protected readonly vehicleSuggestions = computed(() => {
    const typed = normaliseVehicleNumber(this.typedVehicle());
    return this.vehicles.list().filter((v) => v.includes(typed));
  });

  /** The last booking refused for a reason this page explains (a full lot, the driver's limit). */
  protected readonly refusal = signal<BookingRefusal | null>(null);
  /** Park now cannot take a spot: the API said so (maybe with when one frees), or the lot's count does. */
  protected readonly lotFull = computed(() => {
    if (this.mode() !== 'now') return null;
    const refusal = this.refusal();
    if (refusal?.reason === 'full') return refusal;
    return this.lot.value()?.parkNowSpots === 0 ? { nextFreeAt: null } : null;
  });

  protected readonly canConfirm = computed(() =>
    this.mode() === 'now'
      ? (this.lot.value()?.parkNowSpots ?? 0) > 0
      : (this.availability.value()?.available ?? 0) > 0,
  );

  constructor() {
    // The window only matters when reserving: disabled controls are left out of validation and value.
    effect(() => {
      const reserving = this.mode() === 'reserve';
      for (const control of [this.form.controls.startAt, this.form.controls.endAt]) {
        if (reserving) control.enable();
        else control.disable();
      }
    });
    linkWindow(this.form.controls.startAt, this.form.controls.endAt);
    const recent = this.vehicles.list()[0];
    if (recent) this.form.controls.vehicleNumber.setValue(recent);
  }

  protected setMode(mode: Mode): void {
    this.mode.set(mode);
    this.refusal.set(null);
  }

  /** From a full lot to the reservation form, starting when the next spot frees if that is known. */
  protected reserveInstead(): void {
    const next = this.lotFull()?.nextFreeAt;
    this.setMode('reserve');
    if (next) this.form.patchValue(windowFrom(next));
    afterNextRender(
      () =>
        this.host.nativeElement.querySelector<HTMLElement>('[formControlName=startAt]')?.focus(),
      { injector: this.injector },
    );
  }

  protected book(): void {
    this.refusal.set(null);
    void this.submit.run(async () => {
      const { vehicleNumber, startAt, endAt } = this.form.getRawValue();
      const body: CreateBookingDto =
        this.mode() === 'now'
          ? { lotId: this.lotId(), vehicleNumber }
          : {
              lotId: this.lotId(),
              vehicleNumber,
              type: 'reserved',
              startAt: toOffsetIso(startAt),
              endAt: toOffsetIso(endAt),
            };
      const booking = await this.bookingsApi.createBooking({ body });
      this.vehicles.remember(booking.vehicleNumber);
      this.notifier.success(
        booking.status === 'active'
          ? `Parked in spot ${booking.spotNumber} at ${booking.lotName}`
          : `Spot ${booking.spotNumber} at ${booking.lotName} is reserved for you`,
      );
      await this.router.navigate(['/bookings'], {
        queryParams: { tab: booking.status === 'active' ? 'active' : 'upcoming' },
      });
    }, this.explainRefusal);
  }

  /** A full lot or the driver's limit is explained on the page, in a driver's words, not in a toast. */
  private readonly explainRefusal = (problem: ApiProblem): boolean => {
    const refusal = bookingRefusal(problem);
    if (!refusal) return false;
    this.refusal.set(refusal);
    // The lot's count is stale when park now was refused: the button follows the fresh one.
    if (refusal.reason === 'full') void this.lot.refresh();
    return true;
  };
}
