import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { BookingDto, ReviewBookingDto } from '../../../api/models';
import { fieldError } from '../../../shared/forms/field-error';

/** Rates the lot of a completed booking (R-REV-1); closes with the review to send. */
@Component({
  selector: 'app-review-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
  ],
  template: `
    <h2 mat-dialog-title>Review {{ booking.lotName }}</h2>
    <form [formGroup]="form" (ngSubmit)="send()" novalidate>
      <mat-dialog-content>
        <p id="rating-label">Your rating</p>
        <mat-button-toggle-group
          formControlName="rating"
          aria-labelledby="rating-label"
          hideSingleSelectionIndicator
        >
          @for (stars of [1, 2, 3, 4, 5]; track stars) {
            <mat-button-toggle
              [value]="stars"
              [aria-label]="stars + (stars === 1 ? ' star' : ' stars')"
            >
              {{ stars }}<mat-icon aria-hidden="true">star</mat-icon>
            </mat-button-toggle>
          }
        </mat-button-toggle-group>
        <mat-form-field class="full-width comment">
          <mat-label>Comment (optional)</mat-label>
          <textarea matInput formControlName="comment" rows="4" maxlength="1000"></textarea>
          <mat-hint align="end">{{ form.controls.comment.value.length }} / 1000</mat-hint>
          <mat-error>{{ fieldError(form.controls.comment, 'Comment') }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit">Send review</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .comment {
      margin-top: 16px;
    }
    mat-icon {
      font-size: 18px;
      width: 18px;
      height: 18px;
      vertical-align: middle;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReviewDialog {
  protected readonly booking = inject<BookingDto>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<ReviewDialog, ReviewBookingDto>>(MatDialogRef);
  protected readonly fieldError = fieldError;
  protected readonly form = inject(NonNullableFormBuilder).group({
    rating: [5, [Validators.required, Validators.min(1), Validators.max(5)]],
    comment: ['', Validators.maxLength(1000)],
  });

  protected send(): void {
    if (this.form.invalid) return this.form.markAllAsTouched();
    const { rating, comment } = this.form.getRawValue();
    this.ref.close({ rating, ...(comment.trim() ? { comment: comment.trim() } : {}) });
  }
}
