import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { fieldError } from './field-error';

/** The 6-digit code of an e-mail (verification, password reset): numeric keypad and one-time-code autofill. */
@Component({
  selector: 'app-code-field',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule],
  template: `
    <mat-form-field class="full-width">
      <mat-label>{{ label() }}</mat-label>
      <input
        matInput
        [formControl]="control()"
        inputmode="numeric"
        autocomplete="one-time-code"
        maxlength="6"
        required
      />
      <mat-error>{{ error() }}</mat-error>
    </mat-form-field>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CodeField {
  readonly control = input.required<FormControl<string>>();
  readonly label = input('Code');

  protected error(): string {
    return fieldError(this.control(), 'Code');
  }
}
