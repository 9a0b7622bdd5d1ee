import { HttpErrorResponse } from '@angular/common/http';
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
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormArray,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { RouterLink } from '@angular/router';
import { map, startWith } from 'rxjs';
import { TariffDto, TariffInputDto } from '../../../api/models';
import { LotsApi } from '../../../api/services';
import { toApiProblem } from '../../../core/errors/api-problem';
import { Notifier } from '../../../core/errors/notifier';
import { fieldError } from '../../../shared/forms/field-error';
import { wholeNumberRule } from '../../../shared/forms/validators';
import { MoneyPipe } from '../../../shared/money.pipe';
import { NotFoundPage } from '../../../shared/not-found-page';
import { injectQuery } from '../../../shared/query';
import { ScrollRegion } from '../../../shared/scroll-region';
import { isUuid } from '../../../shared/uuid';
import { RateLook, TariffWeekGrid, WeekCell } from '../components/tariff-week-grid';
import { TimeZoneField, timeZoneRule } from '../components/time-zone-field';
import {
  bandsToGrid,
  gridToBands,
  MONEY_HINT,
  moneyText,
  parseMoney,
  ratesInGrid,
  WeekGrid,
} from '../tariff-model';

/** The billing steps R-TARIFF-1 allows. */
const INCREMENTS = [1, 5, 10, 15, 30, 60] as const;
type Increment = (typeof INCREMENTS)[number];

/** Rate colours by the rates' numbers, light enough for the dark number written on them. */
const RATE_COLORS = [
  '#90caf9',
  '#ffcc80',
  '#a5d6a7',
  '#ce93d8',
  '#fff59d',
  '#ef9a9a',
  '#80cbc4',
  '#bcaaa4',
];

const money = new MoneyPipe();

/** An amount field: currency units as text, read exactly by parseMoney. */
const moneyRule = (control: AbstractControl): ValidationErrors | null =>
  String(control.value ?? '').trim() === '' || parseMoney(String(control.value)) !== null
    ? null
    : { money: MONEY_HINT };

/** A moment in the lot's time zone, with the zone's abbreviation: "8 Dec 2026, 10:00 CET". */
export function atLotTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** The abbreviation of a zone now ("CET", "GMT+5:30"); the zone's name when the browser has none. */
function zoneAbbreviation(timeZone: string): string {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      timeZoneName: 'short',
    }).formatToParts();
    return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

/**
 * A lot's tariff for admins (R-TARIFF-1, 2): the version in force and the history of versions (an
 * earlier one opens read-only with ?version=n), and the editor — rates painted on a weekly grid of half
 * hours, grace, billing step, first period, daily maximum and time zone — saving a new version. The
 * API judges the tariff: its complaints (each gap and overlap of the week) are listed above the form,
 * which keeps everything entered. The side column holds the history; a preview of typical stays
 * belongs there too once quotes exist.
 */
@Component({
  selector: 'app-lot-tariff-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    MatSelectModule,
    MatSlideToggleModule,
    MoneyPipe,
    NotFoundPage,
    ScrollRegion,
    TariffWeekGrid,
    TimeZoneField,
  ],
  templateUrl: './lot-tariff-page.html',
  styleUrl: './lot-tariff-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LotTariffPage {
  /** Route parameter. */
  readonly lotId = input.required<string>();
  /** Query parameter: an earlier version to read. */
  readonly version = input<string>();

  private readonly api = inject(LotsApi);
  private readonly notifier = inject(Notifier);
  private readonly injector = inject(Injector);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly fieldError = fieldError;
  protected readonly increments = INCREMENTS;
  protected readonly atLotTime = atLotTime;

  /** Bumped by a save: the lot, its history and its tariff are read again. */
  private readonly saved = signal(0);
  private readonly unknownLotId = signal<string | null>(null);
  protected readonly notFound = computed(
    () => !isUuid(this.lotId()) || this.unknownLotId() === this.lotId(),
  );
  /** The version asked for by the address, if it is a version number at all. */
  protected readonly askedVersion = computed(() => {
    const text = this.version();
    return text && /^[1-9]\d*$/.test(text) ? Number(text) : undefined;
  });

  protected readonly lot = injectQuery(
    () => (this.notFound() ? null : { id: this.lotId(), saved: this.saved() }),
    ({ id }) => this.api.getLot({ id }).catch((error: unknown) => this.unlessUnknown(id, error)),
  );
  protected readonly versions = injectQuery(
    () => (this.notFound() ? null : { id: this.lotId(), saved: this.saved() }),
    ({ id }) => this.api.listTariffVersions({ id }),
  );
  protected readonly tariff = injectQuery(
    () =>
      this.notFound()
        ? null
        : { id: this.lotId(), version: this.askedVersion(), saved: this.saved() },
    ({ id, version }) => this.api.getTariff({ id, version }),
    { explain: (problem) => problem.status === 404 && this.askedVersion() !== undefined },
  );

  /** Whether the tariff shown is an earlier version: it is read, not edited. */
  protected readonly readonly = computed(() => {
    const tariff = this.tariff.value();
    const lot = this.lot.value();
    return !!tariff && !!lot && tariff.version !== lot.tariffVersion;
  });
  protected readonly shownVersion = computed(() =>
    this.versions.value()?.find((v) => v.version === this.tariff.value()?.version),
  );

  // The editor.
  protected readonly form = this.fb.group({
    rates: this.fb.array<ReturnType<LotTariffPage['rateGroup']>>([]),
    timeZone: ['', [Validators.required]],
    graceMinutes: [
      0 as number | null,
      [Validators.required, Validators.min(0), Validators.max(120), wholeNumberRule],
    ],
    incrementMinutes: [1 as Increment],
    hasFirstPeriod: [false],
    firstPeriodMinutes: [
      60 as number | null,
      [Validators.required, Validators.min(1), Validators.max(1440), wholeNumberRule],
    ],
    firstPeriodPrice: ['', [Validators.required, moneyRule]],
    hasDailyMax: [false],
    dailyMax: ['', [Validators.required, moneyRule]],
  });
  protected get rates(): FormArray<ReturnType<LotTariffPage['rateGroup']>> {
    return this.form.controls.rates;
  }
  // Raw: a read-only version's disabled rates still have names and prices to show.
  private readonly rateValues = toSignal(
    this.form.controls.rates.valueChanges.pipe(
      startWith(null),
      map(() => this.form.controls.rates.getRawValue()),
    ),
    { requireSync: true },
  );
  private readonly timeZoneValue = toSignal(
    this.form.controls.timeZone.valueChanges.pipe(startWith('')),
    { requireSync: true },
  );
  private nextRateId = 1;
  /** `cells[day][slot]`: the id of the rate painted there, or null. */
  protected readonly cells = signal<WeekGrid>([]);
  protected readonly selectedRate = signal<number | null>(null);
  /** The tariff loaded had a band edge off the half hour: the grid shows it moved. */
  protected readonly approximated = signal(false);
  /** Which version the editor holds, so a reload of the same one does not wipe the admin's work. */
  private editorKey = '';
  protected readonly busy = signal(false);
  /** What the API (or the form) found wrong with the last save, in words. */
  protected readonly problems = signal<string[]>([]);
  private readonly problemBox = viewChild<ElementRef<HTMLElement>>('problemBox');

  protected readonly currency = computed(() => this.lot.value()?.currency ?? 'USD');
  protected readonly looks = computed(() => {
    const currency = this.currency();
    return new Map<number, RateLook>(
      this.rateValues().map((rate, index) => {
        const cents = parseMoney(rate.price ?? '');
        const price =
          cents === null ? 'no valid price' : `${money.transform(cents, currency)} per hour`;
        return [
          rate.id!,
          {
            number: index + 1,
            color: RATE_COLORS[index % RATE_COLORS.length],
            description: `${rate.name?.trim() || `Rate ${index + 1}`}, ${price}`,
          },
        ];
      }),
    );
  });
  protected readonly unpaintedCount = computed(
    () =>
      this.cells()
        .flat()
        .filter((cell) => cell === null).length,
  );
  protected readonly gridLabel = computed(() => {
    const zone = this.timeZoneValue() || this.lot.value()?.timeZone || '';
    return `Rates by half hour, Monday to Sunday, times in ${zone} (${zoneAbbreviation(zone)})`;
  });
  protected readonly zoneLabel = computed(() => {
    const zone = this.tariff.value()?.timeZone ?? '';
    return `${zone} (${zoneAbbreviation(zone)})`;
  });

  constructor() {
    // Only one of each optional part's fields counts: a switched-off first period is not checked.
    this.form.controls.hasFirstPeriod.valueChanges.subscribe((on) =>
      this.enable(on, this.form.controls.firstPeriodMinutes, this.form.controls.firstPeriodPrice),
    );
    this.form.controls.hasDailyMax.valueChanges.subscribe((on) =>
      this.enable(on, this.form.controls.dailyMax),
    );
    effect(() => {
      const tariff = this.tariff.value();
      const lot = this.lot.value();
      if (!tariff || !lot) return;
      const readonly = this.readonly();
      untracked(() => {
        const key = `${tariff.lotId}:${tariff.version}`;
        if (key !== this.editorKey) this.load(tariff);
        // All of it: a version loaded into a read-only form brings enabled rates of its own.
        if (readonly) this.form.disable({ emitEvent: false });
        else this.form.enable({ emitEvent: false });
        this.enable(
          this.form.controls.hasFirstPeriod.value && !readonly,
          this.form.controls.firstPeriodMinutes,
          this.form.controls.firstPeriodPrice,
        );
        this.enable(this.form.controls.hasDailyMax.value && !readonly, this.form.controls.dailyMax);
      });
    });
  }

  /** Puts a version in the editor: its rates numbered in the order the week meets them. */
  private load(tariff: TariffDto): void {
    this.editorKey = `${tariff.lotId}:${tariff.version}`;
    const { grid, approximated } = bandsToGrid(tariff.bands);
    const ids = new Map<number, number>();
    this.rates.clear({ emitEvent: false });
    ratesInGrid(grid).forEach((cents, index) => {
      const group = this.rateGroup(`Rate ${index + 1}`, moneyText(cents));
      ids.set(cents, group.controls.id.value);
      this.rates.push(group, { emitEvent: false });
    });
    this.rates.updateValueAndValidity();
    this.cells.set(
      grid.map((slots) => slots.map((cents) => (cents === null ? null : ids.get(cents)!))),
    );
    this.selectedRate.set(this.rates.at(0)?.controls.id.value ?? null);
    this.approximated.set(approximated);
    this.problems.set([]);
    this.form.patchValue({
      timeZone: tariff.timeZone,
      graceMinutes: tariff.graceMinutes,
      incrementMinutes: tariff.incrementMinutes,
      hasFirstPeriod: tariff.firstPeriod !== null,
      firstPeriodMinutes: tariff.firstPeriod?.minutes ?? 60,
      firstPeriodPrice: tariff.firstPeriod ? moneyText(tariff.firstPeriod.cents) : '',
      hasDailyMax: tariff.dailyMaxCents !== null,
      dailyMax: tariff.dailyMaxCents === null ? '' : moneyText(tariff.dailyMaxCents),
    });
    this.form.controls.timeZone.setValidators([Validators.required, timeZoneRule(tariff.timeZone)]);
    this.form.controls.timeZone.updateValueAndValidity();
    this.form.markAsPristine();
    this.form.markAsUntouched();
  }

  private rateGroup(name: string, price: string) {
    return this.fb.group({
      id: [this.nextRateId++],
      name: [name, [Validators.maxLength(40)]],
      price: [price, [Validators.required, moneyRule]],
    });
  }

  private enable(on: boolean, ...controls: AbstractControl[]): void {
    for (const control of controls)
      if (on) control.enable({ emitEvent: false });
      else control.disable({ emitEvent: false });
  }

  protected addRate(): void {
    const group = this.rateGroup(`Rate ${this.rates.length + 1}`, '');
    this.rates.push(group);
    this.selectedRate.set(group.controls.id.value);
  }

  /** Its half hours are left without a rate (hatched) until painted again. */
  protected removeRate(index: number): void {
    const id = this.rates.at(index).controls.id.value;
    this.rates.removeAt(index);
    this.cells.update((grid) =>
      grid.map((slots) => slots.map((cell) => (cell === id ? null : cell))),
    );
    if (this.selectedRate() === id)
      this.selectedRate.set(this.rates.at(0)?.controls.id.value ?? null);
  }

  protected paint({ day, slot }: WeekCell): void {
    const rate = this.selectedRate();
    if (this.readonly() || rate === null || this.cells()[day][slot] === rate) return;
    this.cells.update((grid) =>
      grid.map((slots, d) =>
        d === day ? slots.map((cell, s) => (s === slot ? rate : cell)) : slots,
      ),
    );
  }

  protected async save(): Promise<void> {
    if (this.readonly() || this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.showProblems(['Some fields below need fixing: each says what is wrong.']);
      return;
    }
    this.busy.set(true);
    try {
      const saved = await this.api.replaceTariff({ id: this.lotId(), body: this.tariffInput() });
      this.problems.set([]);
      // The editor already holds what was saved: reading it back must not reset rate names.
      this.editorKey = `${saved.lotId}:${saved.version}`;
      this.form.markAsPristine();
      this.notifier.success(`Tariff version ${saved.version} saved`);
      this.saved.update((n) => n + 1);
    } catch (error) {
      const problem = toApiProblem(error);
      const listed = Object.values(problem.fieldErrors).flat();
      this.showProblems(listed.length ? listed : [problem.message]);
    } finally {
      this.busy.set(false);
    }
  }

  /** The editor as the API's body: amounts in cents, the grid as bands. */
  private tariffInput(): TariffInputDto {
    const value = this.form.getRawValue();
    const cents = new Map(value.rates.map((rate) => [rate.id, parseMoney(rate.price)!]));
    const grid = this.cells().map((slots) =>
      slots.map((id) => (id === null ? null : cents.get(id)!)),
    );
    return {
      timeZone: value.timeZone,
      bands: gridToBands(grid),
      graceMinutes: Number(value.graceMinutes),
      incrementMinutes: value.incrementMinutes,
      firstPeriod: value.hasFirstPeriod
        ? {
            minutes: Number(value.firstPeriodMinutes),
            cents: parseMoney(value.firstPeriodPrice)!,
          }
        : null,
      dailyMaxCents: value.hasDailyMax ? parseMoney(value.dailyMax)! : null,
    };
  }

  private showProblems(problems: string[]): void {
    this.problems.set(problems);
    afterNextRender(() => this.problemBox()?.nativeElement.focus(), { injector: this.injector });
  }

  /** A lot the API does not know is a page that is not there, not an error to toast. */
  private unlessUnknown(lotId: string, error: unknown): undefined {
    if (!(error instanceof HttpErrorResponse) || error.status !== 404) throw error;
    this.unknownLotId.set(lotId);
    return undefined;
  }
}
