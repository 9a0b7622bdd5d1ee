import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';

/** A headline figure (the projected content) above what it counts; tiles sit in a `.tiles` grid. */
@Component({
  selector: 'app-stat-tile',
  imports: [MatCardModule],
  template: `
    <mat-card appearance="outlined" class="tile">
      <span class="figure"><ng-content /></span>&ngsp;<span class="muted">{{ label() }}</span>
    </mat-card>
  `,
  styles: `
    .tile {
      height: 100%;
      box-sizing: border-box;
      padding: 16px;
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .figure {
      font: var(--mat-sys-headline-medium);
      /* A large amount wraps inside a phone's narrow tile instead of widening the page. */
      overflow-wrap: anywhere;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatTile {
  readonly label = input.required<string>();
}
