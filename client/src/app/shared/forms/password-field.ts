import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { fieldError } from './field-error';

/**
 * A password input with its label and error message. `purpose="new"` is for choosing a password:
 * the browser offers to generate one and the hint states the rule (R-AUTH-1).
 */
@Component({
  selector: 'app-password-field',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule],
  template: `
    <mat-form-field class="full-width">
      <mat-label>{{ label() }}</mat-label>
      <input
        matInput
        type="password"
        [formControl]="control()"
        [autocomplete]="purpose() === 'new' ? 'new-password' : 'current-password'"
        required
      />
      @if (purpose() === 'new') {
        <mat-hint>At least 8 characters with a letter and a digit</mat-hint>
      }
      <mat-error>{{ error() }}</mat-error>
    </mat-form-field>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PasswordField {
  readonly control = input.required<FormControl<string>>();
  readonly label = input('Password');
  readonly purpose = input<'current' | 'new'>('current');

  protected error(): string {
    return fieldError(this.control(), this.label());
  }
}
