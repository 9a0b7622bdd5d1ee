import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ChartConfiguration } from 'chart.js';
import { StatsApi } from '../../../api/services';
import { ChartCard } from '../../../shared/chart-card';
import { MoneyPipe } from '../../../shared/money.pipe';
import { injectQuery } from '../../../shared/query';
import { StatTile } from '../../../shared/stat-tile';
import { formatDuration } from '../../../shared/time/duration';

const money = new MoneyPipe();

/** R-STAT-2: what the driver spent per month, how long they parked, and where. */
@Component({
  selector: 'app-my-stats-page',
  imports: [MatProgressBarModule, MoneyPipe, ChartCard, StatTile],
  templateUrl: './my-stats-page.html',
  styleUrl: './my-stats-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyStatsPage {
  private readonly api = inject(StatsApi);
  protected readonly stats = injectQuery(
    () => true,
    () => this.api.getMyStats(),
  );

  /** The API counts hours with two decimals; a driver reads "12 h 30 min", not "12.5 h". */
  protected parked(hours: number): string {
    return formatDuration(Math.round(hours * 60));
  }

  protected readonly yearSpendCents = computed(() =>
    (this.stats.value()?.spendPerMonth ?? []).reduce((sum, month) => sum + month.spendCents, 0),
  );

  protected readonly spendChart = computed((): ChartConfiguration<'bar'> | null => {
    const stats = this.stats.value();
    if (!stats) return null;
    return {
      type: 'bar',
      data: {
        labels: stats.spendPerMonth.map((m) => monthLabel(m.month)),
        datasets: [
          {
            label: `Spend (${stats.currency})`,
            data: stats.spendPerMonth.map((m) => m.spendCents / 100),
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: {
          y: {
            beginAtZero: true,
            ticks: { callback: (value) => money.transform(Number(value) * 100, stats.currency) },
          },
        },
      },
    };
  });

  protected readonly lotsChart = computed((): ChartConfiguration<'doughnut'> | null => {
    const lots = this.stats.value()?.bookingsPerLot ?? [];
    if (!lots.length) return null;
    return {
      type: 'doughnut',
      data: {
        labels: lots.map((l) => l.lotName),
        datasets: [{ label: 'Bookings', data: lots.map((l) => l.bookings) }],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { position: 'bottom' } },
      },
    };
  });

  /** What the bar chart shows, in words, for screen readers. */
  protected readonly spendSummary = computed(() => {
    const stats = this.stats.value();
    if (!stats) return '';
    const months = stats.spendPerMonth.map(
      (m) => `${monthLabel(m.month)}: ${money.transform(m.spendCents, stats.currency)}`,
    );
    return `Spend per month. ${months.join('; ')}`;
  });

  protected readonly lotsSummary = computed(() => {
    const lots = this.stats.value()?.bookingsPerLot ?? [];
    return `Bookings per lot. ${lots.map((l) => `${l.lotName}: ${l.bookings}`).join('; ')}`;
  });
}

/** `2026-03` → `Mar 2026` in the user's language. */
function monthLabel(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number);
  return new Date(year, monthNumber - 1, 1).toLocaleDateString(undefined, {
    month: 'short',
    year: 'numeric',
  });
}
