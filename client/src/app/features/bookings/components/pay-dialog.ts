import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatRadioModule } from '@angular/material/radio';
import { BookingDto, PaymentMethod } from '../../../api/models';
import { PAYMENT_METHOD } from '../../../api/models/payment-method-array';
import { MoneyPipe } from '../../../shared/money.pipe';
import { CostBreakdown } from './cost-breakdown';

const METHOD_LABELS: Record<PaymentMethod, string> = {
  card: 'Card',
  upi: 'UPI',
  cash: 'Cash',
  wallet: 'Wallet',
};

/**
 * Shows what a finished booking costs and why (how long the car stayed, the rule that prices it), and asks
 * how the driver pays; closes with the method (the caller records the payment).
 */
@Component({
  selector: 'app-pay-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatRadioModule,
    MoneyPipe,
    CostBreakdown,
  ],
  template: `
    <h2 mat-dialog-title>Pay {{ booking.costCents | money: booking.currency }}</h2>
    <mat-dialog-content>
      <p>
        {{ booking.lotName }}, spot {{ booking.spotNumber }}, vehicle {{ booking.vehicleNumber }}.
      </p>
      <app-cost-breakdown [booking]="booking" />
      <mat-radio-group [formControl]="method" aria-label="Payment method" class="methods">
        @for (option of methods; track option) {
          <mat-radio-button [value]="option">{{ labels[option] }}</mat-radio-button>
        }
      </mat-radio-group>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button mat-dialog-close>Later</button>
      <button mat-flat-button (click)="ref.close(method.value)">
        Pay {{ booking.costCents | money: booking.currency }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .methods {
      display: flex;
      flex-direction: column;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PayDialog {
  protected readonly booking = inject<BookingDto>(MAT_DIALOG_DATA);
  protected readonly ref = inject<MatDialogRef<PayDialog, PaymentMethod>>(MatDialogRef);
  protected readonly methods = PAYMENT_METHOD;
  protected readonly labels = METHOD_LABELS;
  protected readonly method = new FormControl<PaymentMethod>('card', {
    nonNullable: true,
    validators: Validators.required,
  });
}
