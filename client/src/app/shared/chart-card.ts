import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { ChartConfiguration } from 'chart.js';
import { BaseChartDirective } from 'ng2-charts';

/**
 * One chart in a card: a heading, the canvas read out as `summary` (a canvas says nothing to a screen
 * reader), or `emptyText` when there is nothing to draw. The routes that show it provide Chart.js.
 */
@Component({
  selector: 'app-chart-card',
  imports: [MatCardModule, BaseChartDirective],
  template: `
    <mat-card appearance="outlined" class="chart-card">
      <mat-card-header>
        <mat-card-title
          ><h2 class="card-title">{{ heading() }}</h2></mat-card-title
        >
      </mat-card-header>
      <mat-card-content class="chart" [style.height.px]="height()">
        @if (chart(); as chart) {
          <canvas
            baseChart
            [attr.data-testid]="testId()"
            role="img"
            [attr.aria-label]="summary()"
            [type]="chart.type"
            [data]="chart.data"
            [options]="chart.options"
          ></canvas>
        } @else {
          <p class="muted">{{ emptyText() }}</p>
        }
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    .chart-card {
      height: 100%;
    }
    .chart {
      position: relative;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChartCard {
  readonly heading = input.required<string>();
  readonly chart = input.required<ChartConfiguration | null>();
  /** What the chart shows, in words. */
  readonly summary = input.required<string>();
  readonly emptyText = input('Nothing to show yet.');
  readonly testId = input<string>();
  readonly height = input(280);
}
