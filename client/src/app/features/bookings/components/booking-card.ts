import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { BookingDto } from '../../../api/models';

/**
 * The facts every booking shows (where, which spot, which vehicle, and the spot it was moved from when a
 * car overstayed there, R-OCC-3) and the way to its own page; the lists add their own lines and buttons.
 */
@Component({
  selector: 'app-booking-card',
  imports: [MatButtonModule, MatCardModule, MatIconModule, RouterLink],
  template: `
    <mat-card
      appearance="outlined"
      class="booking"
      [attr.aria-label]="booking().lotName + ', spot ' + booking().spotNumber"
    >
      <mat-card-header>
        <mat-card-title>{{ booking().lotName }}</mat-card-title>
        <mat-card-subtitle
          >Spot {{ booking().spotNumber }} · {{ booking().vehicleNumber }}</mat-card-subtitle
        >
      </mat-card-header>
      <mat-card-content>
        @if (booking().reseatedFromSpotNumber; as from) {
          <p class="moved" data-testid="moved-from">
            <mat-icon aria-hidden="true">swap_horiz</mat-icon>
            Moved from spot {{ from }}: the car before you stayed on it
          </p>
        }
        <ng-content />
      </mat-card-content>
      <mat-card-actions align="end">
        @if (detailLink()) {
          <a
            mat-button
            [routerLink]="['/bookings', booking().id]"
            [attr.aria-label]="'Details: ' + booking().lotName + ', spot ' + booking().spotNumber"
            data-testid="booking-details-link"
            >Details</a
          >
        }
        <ng-content select="[actions]" />
      </mat-card-actions>
    </mat-card>
  `,
  styles: `
    .booking {
      height: 100%;
      display: flex;
      flex-direction: column;
    }
    mat-card-content {
      flex: 1;
    }
    .moved {
      display: flex;
      align-items: center;
      gap: 6px;
      font: var(--mat-sys-label-large);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BookingCard {
  readonly booking = input.required<BookingDto>();
  /** Off on the booking's own page. */
  readonly detailLink = input(true);
}
