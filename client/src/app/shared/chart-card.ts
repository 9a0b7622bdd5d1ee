import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { ChartConfiguration } from 'chart.js';
import { BaseChartDirective } from 'ng2-charts';

/** One line of a chart's own legend: a segment or series, its colour, its figure and its share. */
export interface ChartLegendEntry {
  label: string;
  color: string;
  /** The figure, formatted (e.g. "1,204"). */
  value: string;
  /** Its part of the whole, formatted (e.g. "38%"), where shares make sense. */
  share?: string;
}

/**
 * One chart in a card: a heading, the canvas read out as `summary` (a canvas says nothing to a screen
 * reader), or `emptyText` when there is nothing to draw. A `legend` is written out as a list under the
 * canvas, every entry with its figure: Chart.js's own legend drops entries that do not fit, so a chart
 * given one should hide its own. The routes that show it provide Chart.js.
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
      <mat-card-content>
        @if (chart(); as chart) {
          <div class="chart" [style.height.px]="height()">
            <canvas
              baseChart
              [attr.data-testid]="testId()"
              role="img"
              [attr.aria-label]="summary()"
              [type]="chart.type"
              [data]="chart.data"
              [options]="chart.options"
            ></canvas>
          </div>
          @if (legend(); as legend) {
            <ul
              class="legend"
              [attr.aria-label]="'Legend of ' + heading()"
              [attr.data-testid]="testId() ? testId() + '-legend' : null"
            >
              @for (entry of legend; track entry.label) {
                <li>
                  <span
                    class="swatch"
                    aria-hidden="true"
                    [style.background-color]="entry.color"
                  ></span>
                  <span class="label">{{ entry.label }}</span>&ngsp;<span class="value"
                    ><strong>{{ entry.value }}</strong>
                    @if (entry.share) {
                      <span class="muted">&ngsp;({{ entry.share }})</span>
                    }
                  </span>
                </li>
              }
            </ul>
          }
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
    /* Columns filled top to bottom, so the entries read in their order. */
    .legend {
      column-width: 200px;
      column-gap: 16px;
      margin: 12px 0 0;
      padding: 0;
      list-style: none;
      font: var(--mat-sys-body-medium);
    }
    .legend li {
      display: flex;
      align-items: center;
      gap: 8px;
      min-width: 0;
      padding: 2px 0;
      break-inside: avoid;
    }
    .swatch {
      flex: none;
      width: 12px;
      height: 12px;
      border-radius: 2px;
    }
    .label {
      flex: 1;
      overflow-wrap: anywhere;
    }
    .value {
      white-space: nowrap;
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
  /** Entries listed under the chart, each with its figure (see ChartLegendEntry). */
  readonly legend = input<ChartLegendEntry[] | null>(null);
}
