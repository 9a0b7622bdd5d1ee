import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { fieldError } from '../../../shared/forms/field-error';
import { notBlankRule } from '../../../shared/forms/validators';

/** The active booking an admin is about to end, as the dialog names it. */
export interface ForceReleaseTarget {
  bookingId: string;
  spotNumber: number;
  vehicleNumber: string;
  username: string;
}

/** Asks why an admin ends a driver's parking (the API keeps the reason); closes with the reason. */
@Component({
  selector: 'app-force-release-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
  ],
  template: `
    <h2 mat-dialog-title>Force release spot {{ target.spotNumber }}?</h2>
    <form [formGroup]="form" (ngSubmit)="release()" novalidate>
      <mat-dialog-content>
        <p>
          {{ target.vehicleNumber }} ({{ target.username }}) stops parking now and is charged up to
          now.
        </p>
        <mat-form-field class="full-width">
          <mat-label>Reason</mat-label>
          <textarea matInput formControlName="reason" rows="3" maxlength="500" required></textarea>
          <mat-hint align="end">{{ form.controls.reason.value.length }} / 500</mat-hint>
          <mat-error>{{ fieldError(form.controls.reason, 'Reason') }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Keep parking</button>
        <button mat-flat-button type="submit">Force release</button>
      </mat-dialog-actions>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ForceReleaseDialog {
  protected readonly target = inject<ForceReleaseTarget>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<ForceReleaseDialog, string>>(MatDialogRef);
  protected readonly fieldError = fieldError;
  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: ['', [Validators.required, Validators.maxLength(500), notBlankRule]],
  });

  protected release(): void {
    if (this.form.invalid) return this.form.markAllAsTouched();
    this.ref.close(this.form.controls.reason.value.trim());
  }
}
