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
  untracked,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
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
import { NotFoundPage } from '../../../shared/not-found-page';
import { injectQuery } from '../../../shared/query';
import { formatTimeOfDay, toOffsetIso } from '../../../shared/time/local-time';
import { injectQueryWriter } from '../../../shared/url-query';
import { isUuid } from '../../../shared/uuid';
import { BookingRefusal, bookingRefusal, parkNowCount } from '../park-now';
import {
  defaultWindow,
  isLocalDateTime,
  linkWindow,
  reservationEndRule,
  reservationStartRule,
  windowFrom,
} from '../reservation-window';

type Mode = 'now' | 'reserve';

/** How a window is compared with the one in the URL. */
const windowKey = (start: string | undefined, end: string | undefined) =>
  `${start ?? ''}|${end ?? ''}`;

/**
 * Park now, or reserve a window after seeing how many spots are free and what it will cost.
 * The choice and the window live in the URL (`?mode=reserve&start=2026-11-23T09:15&end=…`, the
 * driver's wall-clock time as the fields show it), so Back and reload keep them. An unknown lot, or a
 * link whose id cannot be one, shows "Lot not found".
 */
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
    NotFoundPage,
  ],
  templateUrl: './book-spot-page.html',
  styleUrl: './book-spot-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BookSpotPage {
  /** Route parameter, and query parameters `mode` (`now`, `reserve`), `start` and `end`. */
  readonly lotId = input.required<string>();
  readonly modeParam = input<string>(undefined, { alias: 'mode' });
  readonly startParam = input<string>(undefined, { alias: 'start' });
  readonly endParam = input<string>(undefined, { alias: 'end' });

  private readonly lotsApi = inject(LotsApi);
  private readonly bookingsApi = inject(BookingsApi);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly writeQuery = injectQueryWriter();
  /** The window this page last put in (or read from) the URL: its return through the inputs is no news. */
  private windowInUrl: string | undefined;
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
    () => (isUuid(this.lotId()) ? this.lotId() : null),
    (id) => this.lotsApi.getLot({ id }),
    { explain: (problem) => isMissingLot(problem) },
  );
  /** No such lot (or an archived one), or a link whose id cannot name one: said by the page, in words. */
  protected readonly notFound = computed(() => {
    const problem = this.lot.problem();
    return !isUuid(this.lotId()) || (!!problem && isMissingLot(problem));
  });

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
    this.keepWindowInUrl();
  }

  protected setMode(mode: Mode): void {
    this.mode.set(mode);
    this.refusal.set(null);
    const { startAt, endAt } = this.form.getRawValue();
    const window = mode === 'reserve' ? { start: startAt, end: endAt } : { start: null, end: null };
    this.windowInUrl = windowKey(window.start ?? undefined, window.end ?? undefined);
    void this.writeQuery({ mode, ...window });
  }

  /**
   * The window in the URL fills the fields (on arrival: a reload, Back); the fields, once the driver
   * pauses, go back into the URL. A window that is not a real moment is ignored (the suggested one
   * stays); one in the past is shown with its error, so the driver sees why and picks another.
   */
  private keepWindowInUrl(): void {
    effect(() => {
      const start = this.startParam();
      const end = this.endParam();
      untracked(() => {
        const key = windowKey(start, end);
        if (key === this.windowInUrl) return;
        this.windowInUrl = key;
        if (isLocalDateTime(start) && isLocalDateTime(end))
          this.form.patchValue({ startAt: start, endAt: end });
      });
    });
    this.form.valueChanges.pipe(debounceTime(300), takeUntilDestroyed()).subscribe(() => {
      if (untracked(this.mode) !== 'reserve') return;
      const { startAt, endAt } = this.form.getRawValue();
      const key = windowKey(startAt, endAt);
      if (key === this.windowInUrl) return;
      this.windowInUrl = key;
      void this.writeQuery({ start: startAt, end: endAt });
    });
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

/** The API's answer for a lot that is not there (or archived), or for an id it cannot read. */
function isMissingLot(problem: ApiProblem): boolean {
  return problem.status === 404 || (problem.status === 400 && problem.code === 'VALIDATION_FAILED');
}
