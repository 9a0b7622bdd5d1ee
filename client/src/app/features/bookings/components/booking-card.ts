import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { BookingDto } from '../../../api/models';

/** The facts every booking shows (where, which spot, which vehicle); the lists add their own lines and buttons. */
@Component({
  selector: 'app-booking-card',
  imports: [MatCardModule],
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
        <ng-content />
      </mat-card-content>
      <mat-card-actions align="end">
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
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BookingCard {
  readonly booking = input.required<BookingDto>();
}
