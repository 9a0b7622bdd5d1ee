import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { SLOTS_PER_DAY, slotRange, WEEKDAY_NAMES, WeekGrid } from '../tariff-model';

/** How the grid shows one rate: its colour, its number in the legend, and words for screen readers. */
export interface RateLook {
  /** 1, 2, 3… as in the legend; written in the first half hour of each run of the rate. */
  number: number;
  color: string;
  /** "Day, $3.00 per hour". */
  description: string;
}

/** A half hour of the week: day 0 is Monday. */
export interface WeekCell {
  day: number;
  slot: number;
}

const HOURS = Array.from({ length: 24 }, (_, hour) => String(hour).padStart(2, '0'));
const SLOTS = Array.from({ length: SLOTS_PER_DAY }, (_, slot) => slot);
const DAYS = WEEKDAY_NAMES.map((name, day) => ({ day, name, short: name.slice(0, 3) }));

/**
 * The week as a grid of half hours, days down and hours across, each painted in the colour of the rate
 * that applies to it (the values of `grid` are keys of `looks`). The admin paints by pressing a cell and
 * dragging (a touch paints the cell tapped, so a finger can still scroll the grid), or from the keyboard:
 * the arrow keys move (Home/End to the day's ends), Space or Enter paints, Shift with an arrow paints
 * while moving. It reports each cell to paint; the page decides with what.
 */
@Component({
  selector: 'app-tariff-week-grid',
  template: `
    <table
      role="grid"
      class="week"
      [attr.aria-label]="label()"
      [attr.aria-readonly]="readonly() || null"
      (pointerup)="painting.set(false)"
      (pointerleave)="painting.set(false)"
    >
      <thead>
        <tr>
          <th scope="col" class="day-head"><span class="cdk-visually-hidden">Day</span></th>
          @for (hour of hours; track hour) {
            <th scope="colgroup" colspan="2" class="hour-head">{{ hour }}</th>
          }
        </tr>
      </thead>
      <tbody>
        @for (row of rows(); track row.day) {
          <tr>
            <th scope="row" class="day-head">
              <abbr [title]="row.name">{{ row.short }}</abbr>
            </th>
            @for (cell of row.cells; track cell.slot) {
              <td
                class="cell"
                [class.unpainted]="!cell.look"
                [class.hour-start]="cell.slot % 2 === 0"
                [style.background-color]="cell.look?.color"
                [attr.tabindex]="isActive(row.day, cell.slot) ? 0 : -1"
                [attr.aria-label]="cell.label"
                [attr.data-cell]="row.day + '-' + cell.slot"
                (pointerdown)="press($event, row.day, cell.slot)"
                (pointerenter)="drag(row.day, cell.slot)"
                (keydown)="key($event, row.day, cell.slot)"
                (focus)="active.set({ day: row.day, slot: cell.slot })"
              >
                @if (cell.runStart && cell.look) {
                  <span aria-hidden="true">{{ cell.look.number }}</span>
                }
              </td>
            }
          </tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    :host {
      display: block;
    }
    .week {
      border-collapse: collapse;
      table-layout: fixed;
      user-select: none;
      font: var(--mat-sys-label-small);
    }
    .day-head {
      width: 44px;
      text-align: start;
      padding-inline-end: 4px;
      font: var(--mat-sys-label-medium);
      abbr {
        text-decoration: none;
      }
    }
    .hour-head {
      font-weight: normal;
      text-align: start;
      padding-inline-start: 1px;
      border-inline-start: 1px solid var(--mat-sys-outline);
    }
    .cell {
      width: 14px;
      min-width: 14px;
      height: 32px;
      padding: 0;
      text-align: center;
      color: #1b1b1b;
      cursor: crosshair;
      border-block: 1px solid #fff;
    }
    .cell.hour-start {
      border-inline-start: 1px solid rgba(0, 0, 0, 0.25);
    }
    .cell.unpainted {
      background: repeating-linear-gradient(45deg, #fff, #fff 3px, #d0d0d0 3px, #d0d0d0 5px);
    }
    :host(.readonly) .cell {
      cursor: default;
    }
    .cell:focus-visible {
      outline: 3px solid var(--mat-sys-primary);
      outline-offset: -2px;
      position: relative;
      z-index: 1;
    }
  `,
  host: { '[class.readonly]': 'readonly()' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TariffWeekGrid {
  /** `grid[day][slot]`: a key of `looks`, or null where no rate is painted. */
  readonly grid = input.required<WeekGrid>();
  readonly looks = input.required<ReadonlyMap<number, RateLook>>();
  /** The grid's name, with the time zone its times are read in. */
  readonly label = input.required<string>();
  readonly readonly = input(false);
  /** A cell the admin painted (pressed, dragged over, or Space/Enter on it). */
  readonly paint = output<WeekCell>();

  protected readonly hours = HOURS;
  protected readonly painting = signal(false);
  /** The cell that takes Tab (roving tabindex): one stop for the whole grid. */
  protected readonly active = signal<WeekCell>({ day: 0, slot: 16 });
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly rows = computed(() => {
    const grid = this.grid();
    const looks = this.looks();
    return DAYS.map(({ day, name, short }) => ({
      day,
      name,
      short,
      cells: SLOTS.map((slot) => {
        const value = grid[day][slot];
        const look = value === null ? undefined : looks.get(value);
        return {
          slot,
          look,
          runStart: slot === 0 || grid[day][slot - 1] !== value,
          label: `${name} ${slotRange(slot)}: ${look ? look.description : 'no rate'}`,
        };
      }),
    }));
  });

  protected isActive(day: number, slot: number): boolean {
    const active = this.active();
    return active.day === day && active.slot === slot;
  }

  protected press(event: PointerEvent, day: number, slot: number): void {
    if (this.readonly() || event.button !== 0) return;
    this.active.set({ day, slot });
    this.paint.emit({ day, slot });
    // A finger dragging scrolls the grid; a mouse or pen dragging paints.
    this.painting.set(event.pointerType !== 'touch');
  }

  protected drag(day: number, slot: number): void {
    if (this.painting()) this.paint.emit({ day, slot });
  }

  protected key(event: KeyboardEvent, day: number, slot: number): void {
    if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      if (!this.readonly()) this.paint.emit({ day, slot });
      return;
    }
    const target = moved(event.key, day, slot);
    if (!target) return;
    event.preventDefault();
    if (event.shiftKey && !this.readonly()) this.paint.emit(target);
    this.active.set(target);
    this.host.nativeElement
      .querySelector<HTMLElement>(`[data-cell="${target.day}-${target.slot}"]`)
      ?.focus();
  }
}

/** Where a key moves from a cell; undefined for keys that do not move. */
function moved(key: string, day: number, slot: number): WeekCell | undefined {
  const clamp = (n: number, max: number) => Math.min(Math.max(n, 0), max);
  switch (key) {
    case 'ArrowLeft':
      return { day, slot: clamp(slot - 1, SLOTS_PER_DAY - 1) };
    case 'ArrowRight':
      return { day, slot: clamp(slot + 1, SLOTS_PER_DAY - 1) };
    case 'ArrowUp':
      return { day: clamp(day - 1, 6), slot };
    case 'ArrowDown':
      return { day: clamp(day + 1, 6), slot };
    case 'Home':
      return { day, slot: 0 };
    case 'End':
      return { day, slot: SLOTS_PER_DAY - 1 };
    default:
      return undefined;
  }
}
