import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { HourOfWeekOccupancyDto } from '../../../api/models';
import { heatMapRows, HOURS_OF_DAY } from '../heat-map';

/**
 * Occupancy by hour of week as a 7 × 24 table of coloured cells: each cell's value is also in its text
 * (hidden, read by screen readers with the day and hour headers) and in its tooltip.
 */
@Component({
  selector: 'app-occupancy-heat-map',
  template: `
    <div class="scroll">
      <table class="heat-map" data-testid="heat-map">
        <caption class="cdk-visually-hidden">
          Average occupied spots by weekday and hour
        </caption>
        <thead>
          <tr>
            <td></td>
            @for (hour of hours; track hour) {
              <th scope="col" [attr.aria-label]="hour + ':00'">
                <span aria-hidden="true">{{ hour % 3 === 0 ? hour : '' }}</span>
              </th>
            }
          </tr>
        </thead>
        <tbody>
          @for (row of rows(); track row.day) {
            <tr>
              <th scope="row" [attr.aria-label]="row.day">
                <span aria-hidden="true">{{ row.day.slice(0, 3) }}</span>
              </th>
              @for (cell of row.cells; track cell.hour) {
                <td
                  [title]="cell.label"
                  [class.no-data]="cell.value === null"
                  [style.background-color]="shade(cell.intensity)"
                >
                  <span class="cdk-visually-hidden">{{
                    cell.value === null ? 'no data' : cell.value.toFixed(1) + ' spots'
                  }}</span>
                </td>
              }
            </tr>
          }
        </tbody>
      </table>
    </div>
    <p class="scale muted" aria-hidden="true">
      <span>fewer</span><span class="ramp"></span><span>more spots occupied</span>
    </p>
  `,
  styles: `
    .scroll {
      overflow-x: auto;
    }
    .heat-map {
      width: 100%;
      min-width: 320px;
      table-layout: fixed;
      border-collapse: separate;
      border-spacing: 2px;
      font: var(--mat-sys-label-small);
    }
    thead td {
      width: 2.5em;
    }
    th {
      font-weight: normal;
      color: var(--mat-sys-on-surface-variant);
      text-align: left;
    }
    td {
      height: 18px;
      border-radius: 2px;
    }
    .no-data {
      background: repeating-linear-gradient(
        45deg,
        var(--mat-sys-surface-container),
        var(--mat-sys-surface-container) 2px,
        transparent 2px,
        transparent 4px
      );
    }
    .scale {
      display: flex;
      align-items: center;
      gap: 8px;
      font: var(--mat-sys-label-small);
    }
    .ramp {
      width: 96px;
      height: 10px;
      border-radius: 2px;
      background: linear-gradient(
        to right,
        var(--mat-sys-surface-container),
        var(--mat-sys-primary)
      );
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OccupancyHeatMap {
  readonly entries = input.required<HourOfWeekOccupancyDto[]>();

  protected readonly hours = HOURS_OF_DAY;
  protected readonly rows = computed(() => heatMapRows(this.entries()));

  /** From the empty surface colour to the full primary colour. */
  protected shade(intensity: number): string {
    const percent = Math.round(intensity * 100);
    return `color-mix(in srgb, var(--mat-sys-primary) ${percent}%, var(--mat-sys-surface-container))`;
  }
}
