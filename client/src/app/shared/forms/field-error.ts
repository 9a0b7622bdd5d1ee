import { AbstractControl } from '@angular/forms';

/**
 * The message a field shows under itself for its first error. Errors whose value is a string (the
 * server's, and our own validators') are that message; Angular's built-in ones are phrased here.
 */
export function fieldError(control: AbstractControl, label: string): string {
  const errors = control.errors;
  if (!errors) return '';
  const text = Object.values(errors).find((value): value is string => typeof value === 'string');
  if (text) return text;
  if (errors['required']) return `${label} is required`;
  if (errors['email']) return 'Enter a valid e-mail address';
  if (errors['minlength'])
    return `${label} must be at least ${errors['minlength'].requiredLength} characters`;
  if (errors['maxlength'])
    return `${label} must be at most ${errors['maxlength'].requiredLength} characters`;
  if (errors['min']) return `${label} must be at least ${errors['min'].min}`;
  if (errors['max']) return `${label} must be at most ${errors['max'].max}`;
  return `${label} is not valid`;
}
