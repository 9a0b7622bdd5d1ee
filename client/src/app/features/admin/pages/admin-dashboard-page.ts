import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
} from '@angular/forms';
import { MatCardModule } from '@angular/material/card';
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { AdminStatsDto } from '../../../api/models';
import { AdminApi } from '../../../api/services';
import { ChartCard } from '../../../shared/chart-card';
import { MoneyPipe } from '../../../shared/money.pipe';
import { FigurePipe } from '../../../shared/number-format';
import { injectQuery } from '../../../shared/query';
import { ScrollRegion } from '../../../shared/scroll-region';
import { StatTile } from '../../../shared/stat-tile';
import { formatDuration } from '../../../shared/time/duration';
import { addDays, toLocalDateValue } from '../../../shared/time/local-time';
import { OccupancyHeatMap } from '../components/occupancy-heat-map';
import {
  bookingsByStatusChart,
  bookingsByStatusLegend,
  bookingsByStatusSummary,
  bookingsPerDayChart,
  bookingsPerDaySummary,
  occupancyChart,
  occupancySummary,
  revenueChart,
  revenueSummary,
} from '../dashboard-charts';

/** The API's longest range (GET /admin/stats). */
const MAX_RANGE_DAYS = 366;
const DEFAULT_RANGE_DAYS = 30;

/** A range the API takes: both ends, in order, at most MAX_RANGE_DAYS long. */
function rangeRule(group: AbstractControl): ValidationErrors | null {
  const { from, to } = group.value as { from: Date | null; to: Date | null };
  if (!from || !to) return { range: 'Choose a first and a last day' };
  const days = Math.round((+to - +from) / 86_400_000) + 1;
  return days > MAX_RANGE_DAYS ? { range: `Choose at most ${MAX_RANGE_DAYS} days` } : null;
}

/** R-STAT-1: the admin's figures for a range of days (the last 30 by default). */
@Component({
  selector: 'app-admin-dashboard-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatCardModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatProgressBarModule,
    MatTableModule,
    ChartCard,
    FigurePipe,
    MoneyPipe,
    OccupancyHeatMap,
    ScrollRegion,
    StatTile,
  ],
  providers: [provideNativeDateAdapter()],
  templateUrl: './admin-dashboard-page.html',
  styleUrl: './admin-dashboard-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminDashboardPage {
  private readonly api = inject(AdminApi);
  protected readonly today = new Date();
  protected readonly range = new FormGroup(
    {
      from: new FormControl<Date | null>(addDays(this.today, 1 - DEFAULT_RANGE_DAYS)),
      to: new FormControl<Date | null>(this.today),
    },
    { validators: rangeRule },
  );
  /** The last valid range: figures stay on screen while the admin is half-way through picking. */
  private readonly shownRange = signal(this.rangeParams());

  protected readonly stats = injectQuery(
    () => this.shownRange(),
    (range) => this.api.getAdminStats(range),
  );
  protected readonly topDriverColumns = ['rank', 'driver', 'spend', 'bookings'];

  protected readonly revenue = this.chartOf(revenueChart, revenueSummary);
  protected readonly bookingsPerDay = this.chartOf(bookingsPerDayChart, bookingsPerDaySummary);
  protected readonly occupancy = this.chartOf(occupancyChart, occupancySummary);
  protected readonly byStatus = computed(() => {
    const stats = this.stats.value();
    return stats
      ? {
          chart: bookingsByStatusChart(stats),
          summary: bookingsByStatusSummary(stats),
          legend: bookingsByStatusLegend(stats),
        }
      : null;
  });

  protected readonly bookingsTotal = computed(() =>
    Object.values(this.stats.value()?.bookingsByStatus ?? {}).reduce((sum, n) => sum + n, 0),
  );
  protected readonly newUsers = computed(() =>
    (this.stats.value()?.newUsersPerDay ?? []).reduce((sum, day) => sum + day.users, 0),
  );
  protected readonly averageStay = computed(() => {
    const minutes = this.stats.value()?.averageStayMinutes;
    return minutes === null || minutes === undefined ? '—' : formatDuration(Math.round(minutes));
  });

  constructor() {
    this.range.valueChanges.subscribe(() => {
      if (this.range.valid) this.shownRange.set(this.rangeParams());
    });
  }

  /** The picked days as the API's local dates (it counts them in its own zone, APP_TIMEZONE). */
  private rangeParams(): { from: string; to: string } {
    const { from, to } = this.range.getRawValue();
    return { from: toLocalDateValue(from!), to: toLocalDateValue(to!) };
  }

  private chartOf<C>(
    chart: (stats: AdminStatsDto) => C,
    summary: (stats: AdminStatsDto) => string,
  ) {
    return computed(() => {
      const stats = this.stats.value();
      return stats ? { chart: chart(stats), summary: summary(stats) } : null;
    });
  }
}
