import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { HourOfWeekOccupancyDto } from '../../../api/models';
import { ScrollRegion } from '../../../shared/scroll-region';
import {
  formatSpots,
  HeatMapCell,
  heatMapRows,
  heatMapScale,
  hourLabel,
  HOURS_OF_DAY,
} from '../heat-map';

/** A cell of the 7 × 24 grid: its row (Monday first) and its hour. */
interface Position {
  row: number;
  hour: number;
}

const LAST_ROW = 6;
let nextId = 0;
const LAST_HOUR = HOURS_OF_DAY.length - 1;

/**
 * Occupancy by hour of week as a 7 × 24 grid of coloured cells, with its colour scale. The cells carry
 * no text: a cell's figure shows under the grid while it is pointed at or focused, and is its accessible
 * name. The grid is one tab stop; the arrow keys (Home and End within a day) move between the hours.
 */
@Component({
  selector: 'app-occupancy-heat-map',
  imports: [ScrollRegion],
  template: `
    <app-scroll-region label="Occupancy by hour of week">
      <table
        #grid
        class="heat-map"
        role="grid"
        aria-label="Spots occupied on average, by weekday and hour"
        [attr.aria-describedby]="keysId"
        data-testid="heat-map"
        (keydown)="onKeydown($event)"
        (mouseleave)="shown.set(focused())"
      >
        <thead>
          <tr>
            <td></td>
            @for (hour of hours; track hour) {
              <th scope="col" [attr.aria-label]="hourLabel(hour)">
                <span aria-hidden="true">{{ hour % 3 === 0 ? hour : '' }}</span>
              </th>
            }
          </tr>
        </thead>
        <tbody>
          @for (row of rows(); track row.day; let r = $index) {
            <tr>
              <th scope="row" [attr.aria-label]="row.day">
                <span aria-hidden="true">{{ row.day.slice(0, 3) }}</span>
              </th>
              @for (cell of row.cells; track cell.hour) {
                <td
                  [attr.tabindex]="r === current().row && cell.hour === current().hour ? 0 : -1"
                  [attr.aria-label]="cell.label"
                  [attr.data-cell]="r + '-' + cell.hour"
                  [class.no-data]="cell.value === null"
                  [style.background-color]="shade(cell.intensity)"
                  (focus)="onFocus({ row: r, hour: cell.hour })"
                  (blur)="onBlur()"
                  (mouseenter)="shown.set({ row: r, hour: cell.hour })"
                ></td>
              }
            </tr>
          }
        </tbody>
      </table>
    </app-scroll-region>
    <p class="readout" data-testid="heat-map-readout">
      @if (shownCell(); as cell) {
        {{ cell.label }}
      } @else {
        <span class="muted">Point at an hour, or tab to the grid, to read its figure.</span>
      }
    </p>
    <p class="visually-hidden" [id]="keysId">
      The arrow keys move between hours and days; Home and End go to the first and last hour.
    </p>
    <div class="legend" data-testid="heat-map-legend">
      <span>Spots occupied on average, all lots:&ngsp;</span>
      <span class="scale">
        <span class="visually-hidden">from&ngsp;</span>
        <span data-testid="heat-map-low">{{ formatSpots(scale().low) }}</span>
        <span class="visually-hidden">&ngsp;(lightest) to&ngsp;</span>
        <span class="ramp" aria-hidden="true"></span>
        <span data-testid="heat-map-high">{{ formatSpots(scale().high) }}</span>
        <span class="visually-hidden">&ngsp;(darkest).&ngsp;</span>
      </span>
      <span class="scale"
        ><span class="swatch no-data" aria-hidden="true"></span
        ><span class="visually-hidden">Hatched:&ngsp;</span>no data</span
      >
    </div>
  `,
  styles: `
    /* For screen readers only (the CDK's class is only styled once some Material components load). */
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      margin: -1px;
      padding: 0;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
      border: 0;
    }
    .heat-map {
      width: 100%;
      min-width: 300px;
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
      height: 20px;
      border-radius: 2px;
      cursor: default;
    }
    td:focus {
      outline: 2px solid var(--mat-sys-on-surface);
      outline-offset: 1px;
    }
    .no-data {
      background: repeating-linear-gradient(
        45deg,
        var(--mat-sys-surface-container-highest),
        var(--mat-sys-surface-container-highest) 2px,
        transparent 2px,
        transparent 4px
      );
    }
    .readout {
      min-height: 2.5em;
      margin: 8px 0 4px;
      font: var(--mat-sys-body-medium);
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 16px;
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .scale {
      display: inline-flex;
      align-items: center;
      gap: 6px;
    }
    .ramp {
      width: 96px;
      height: 12px;
      border-radius: 2px;
      background: linear-gradient(
        to right,
        var(--mat-sys-surface-container),
        var(--mat-sys-primary)
      );
    }
    .swatch {
      width: 12px;
      height: 12px;
      border-radius: 2px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OccupancyHeatMap {
  readonly entries = input.required<HourOfWeekOccupancyDto[]>();

  protected readonly hours = HOURS_OF_DAY;
  protected readonly hourLabel = hourLabel;
  protected readonly formatSpots = formatSpots;
  protected readonly rows = computed(() => heatMapRows(this.entries()));
  protected readonly scale = computed(() => heatMapScale(this.entries()));

  protected readonly keysId = `heat-map-keys-${nextId++}`;

  /** The grid's one tab stop: the cell focused last (Monday 00:00 at first). */
  protected readonly current = signal<Position>({ row: 0, hour: 0 });
  /** The cell that has focus, if one has. */
  protected readonly focused = signal<Position | null>(null);
  /** The cell whose figure is shown: the one pointed at or focused last. */
  protected readonly shown = signal<Position | null>(null);
  protected readonly shownCell = computed((): HeatMapCell | null => {
    const at = this.shown();
    return at ? this.rows()[at.row].cells[at.hour] : null;
  });

  private readonly grid = viewChild.required<ElementRef<HTMLTableElement>>('grid');

  /** From the empty surface colour to the full primary colour. */
  protected shade(intensity: number): string {
    const percent = Math.round(intensity * 100);
    return `color-mix(in srgb, var(--mat-sys-primary) ${percent}%, var(--mat-sys-surface-container))`;
  }

  protected onFocus(at: Position): void {
    this.current.set(at);
    this.focused.set(at);
    this.shown.set(at);
  }

  protected onBlur(): void {
    // Focus leaving the grid takes its figure along; moving within it shows the next one at once.
    this.focused.set(null);
    this.shown.set(null);
  }

  protected onKeydown(event: KeyboardEvent): void {
    const from = this.focused();
    if (!from) return;
    const to = this.target(from, event.key);
    if (!to) return;
    event.preventDefault();
    this.current.set(to);
    this.grid()
      .nativeElement.querySelector<HTMLElement>(`[data-cell="${to.row}-${to.hour}"]`)
      ?.focus();
  }

  /** Where a key moves focus from `at`; null for a key the grid does not use. */
  private target(at: Position, key: string): Position | null {
    const clamp = (value: number, last: number) => Math.min(Math.max(value, 0), last);
    switch (key) {
      case 'ArrowRight':
        return { ...at, hour: clamp(at.hour + 1, LAST_HOUR) };
      case 'ArrowLeft':
        return { ...at, hour: clamp(at.hour - 1, LAST_HOUR) };
      case 'ArrowDown':
        return { ...at, row: clamp(at.row + 1, LAST_ROW) };
      case 'ArrowUp':
        return { ...at, row: clamp(at.row - 1, LAST_ROW) };
      case 'Home':
        return { ...at, hour: 0 };
      case 'End':
        return { ...at, hour: LAST_HOUR };
      default:
        return null;
    }
  }
}
