import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/** A lot's average rating as five stars, read out as one sentence. */
@Component({
  selector: 'app-star-rating',
  imports: [MatIconModule],
  template: `
    <span class="stars" role="img" [attr.aria-label]="label()">
      @for (star of stars(); track $index) {
        <mat-icon aria-hidden="true">{{ star }}</mat-icon>
      }
      <span class="count" aria-hidden="true">{{
        count() ? '(' + count() + ')' : 'No reviews yet'
      }}</span>
    </span>
  `,
  styles: `
    .stars {
      display: inline-flex;
      align-items: center;
      color: #f2a100;
    }
    mat-icon {
      font-size: 18px;
      width: 18px;
      height: 18px;
    }
    .count {
      margin-left: 4px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StarRating {
  readonly rating = input.required<number | null>();
  readonly count = input(0);

  protected readonly stars = computed(() => {
    const rating = this.rating() ?? 0;
    return [1, 2, 3, 4, 5].map((n) =>
      rating >= n ? 'star' : rating >= n - 0.5 ? 'star_half' : 'star_border',
    );
  });

  protected readonly label = computed(() =>
    this.count()
      ? `Rated ${this.rating()} out of 5 from ${this.count()} reviews`
      : 'No reviews yet',
  );
}
