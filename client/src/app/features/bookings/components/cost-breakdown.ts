import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { BookingDto } from '../../../api/models';
import { formatDuration } from '../../../shared/time/duration';
import { formatTimeOfDay } from '../../../shared/time/local-time';
import { explainCost, stayOf } from '../booking-cost';

/**
 * A finished booking's bill in words: how long the car stayed (check-in, or the park-now start, to the
 * release) and why it costs that, from the API's pricing rules (see explainCost).
 */
@Component({
  selector: 'app-cost-breakdown',
  template: `
    @if (stay(); as stay) {
      <p data-testid="stay">
        Stayed <strong>{{ stay.duration }}</strong> · {{ stay.from }} – {{ stay.to }}
      </p>
    } @else if (booking().status === 'expired') {
      <p data-testid="stay">Not checked in: the car never came.</p>
    }
    @if (explanation(); as explanation) {
      <p data-testid="cost-explanation">{{ explanation }}</p>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CostBreakdown {
  readonly booking = input.required<BookingDto>();

  protected readonly stay = computed(() => {
    const stay = stayOf(this.booking());
    if (!stay) return null;
    const now = new Date();
    return {
      duration: formatDuration(stay.minutes),
      from: formatTimeOfDay(stay.from, now),
      to: formatTimeOfDay(stay.to, now),
    };
  });

  protected readonly explanation = computed(() => explainCost(this.booking()));
}
