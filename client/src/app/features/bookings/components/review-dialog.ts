import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { BookingDto, ReviewBookingDto } from '../../../api/models';
import { fieldError } from '../../../shared/forms/field-error';

/**
 * Rates the lot of a completed booking (R-REV-1); closes with the review to send. No star is chosen at
 * first, and the review cannot be sent until one is: a driver who opened it by accident sends nothing.
 */
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
          aria-describedby="rating-hint"
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
        <p id="rating-hint" class="rating-hint" data-testid="rating-hint">
          {{ rating() ? rating() + ' of 5 stars' : 'Choose 1 to 5 stars to send your review.' }}
        </p>
        <mat-form-field class="full-width comment">
          <mat-label>Comment (optional)</mat-label>
          <textarea matInput formControlName="comment" rows="4" maxlength="1000"></textarea>
          <mat-hint align="end">{{ form.controls.comment.value.length }} / 1000</mat-hint>
          <mat-error>{{ fieldError(form.controls.comment, 'Comment') }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="!rating()">Send review</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .comment {
      margin-top: 16px;
    }
    .rating-hint {
      margin: 4px 0 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
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
  protected readonly form = inject(FormBuilder).nonNullable.group({
    rating: new FormControl<number | null>(null, [
      Validators.required,
      Validators.min(1),
      Validators.max(5),
    ]),
    comment: ['', Validators.maxLength(1000)],
  });
  protected readonly rating = toSignal(this.form.controls.rating.valueChanges, {
    initialValue: null,
  });

  protected send(): void {
    const { rating, comment } = this.form.getRawValue();
    if (this.form.invalid || !rating) return this.form.markAllAsTouched();
    this.ref.close({ rating, ...(comment.trim() ? { comment: comment.trim() } : {}) });
  }
}
