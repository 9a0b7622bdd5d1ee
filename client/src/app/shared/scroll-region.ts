import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/**
 * Content wider than a phone (a table, a chart grid) scrolling sideways inside its card instead of
 * widening the page. The region is named and takes focus, so a keyboard user can scroll it with the
 * arrow keys and a screen reader says what it holds.
 */
@Component({
  selector: 'app-scroll-region',
  template: `
    <div class="scroll-region" role="region" tabindex="0" [attr.aria-label]="label()">
      <ng-content />
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .scroll-region {
      overflow-x: auto;
      border-radius: 4px;
    }
    .scroll-region:focus-visible {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: 2px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ScrollRegion {
  /** What the region holds, e.g. "Top drivers by spend". */
  readonly label = input.required<string>();
}
