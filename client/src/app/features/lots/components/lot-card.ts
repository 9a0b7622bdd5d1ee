import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { LotDto } from '../../../api/models';
import { MoneyPipe } from '../../../shared/money.pipe';
import { StarRating } from '../../../shared/star-rating';
import { parkNowCount } from '../park-now';

/** One lot as a driver sees it: where, how full right now, the price, the rating, and how to book. */
@Component({
  selector: 'app-lot-card',
  imports: [
    RouterLink,
    MatCardModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MoneyPipe,
    StarRating,
  ],
  templateUrl: './lot-card.html',
  styleUrl: './lot-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LotCard {
  readonly lot = input.required<LotDto>();
  readonly canBook = input(true);

  /** What park now can take (R-BOOK-1), not every free spot: some are reserved within the hour. */
  protected readonly parkNowCount = computed(() => parkNowCount(this.lot().parkNowSpots));
  /** Free spots park now cannot take, because a reservation of theirs starts soon. */
  protected readonly reservedSoon = computed(() =>
    Math.max(0, this.lot().available - this.lot().parkNowSpots),
  );

  /** Share of spots taken (occupied, reserved now or out of service): the bar's fill. */
  protected readonly takenPercent = computed(() => {
    const { capacity, available } = this.lot();
    return capacity ? Math.round(((capacity - available) / capacity) * 100) : 100;
  });
}
