import { inject, Injectable } from '@angular/core';
import { AbstractControl } from '@angular/forms';
import { MatSnackBar, MatSnackBarRef } from '@angular/material/snack-bar';
import { NavigationStart, Router } from '@angular/router';
import { filter } from 'rxjs';
import { pathOf } from '../layout/url-path';
import { ApiProblem, toApiProblem } from './api-problem';

/**
 * The one place errors become toasts: the API's message in a snack bar and, when a form is given,
 * each field's errors on its control (shown by the field's <mat-error>).
 */
@Injectable({ providedIn: 'root' })
export class Notifier {
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  /** The error toast on screen, if any. */
  private errorToast?: MatSnackBarRef<unknown>;

  constructor() {
    // An error belongs to the page it happened on: leaving the page closes it. A success stays, as it
    // often reports what led to the new page ("Parked in spot 3"). Query changes (a search typed, a
    // filter set) stay on the page.
    this.router.events
      .pipe(filter((event) => event instanceof NavigationStart))
      .subscribe((event) => {
        if (pathOf(event.url) !== pathOf(this.router.url)) this.dismissError();
      });
  }

  success(message: string): void {
    this.snackBar.open(message, 'OK', { duration: 4000, politeness: 'polite' });
  }

  error(error: unknown, form?: AbstractControl): ApiProblem {
    const problem = toApiProblem(error);
    // The login page explains an expired session; a toast on top would only repeat it.
    if (problem.code === 'SESSION_EXPIRED') return problem;
    if (form) showFieldErrors(form, problem.fieldErrors);
    const toast = this.snackBar.open(problem.message, 'Dismiss', {
      duration: 8000,
      panelClass: 'error-snackbar',
      politeness: 'assertive',
    });
    // A stubbed snack bar (tests) returns nothing.
    this.errorToast = toast ?? undefined;
    toast?.afterDismissed().subscribe(() => {
      if (this.errorToast === toast) this.errorToast = undefined;
    });
    return problem;
  }

  private dismissError(): void {
    this.errorToast?.dismiss();
    this.errorToast = undefined;
  }

  /**
   * Runs one API call for a button: its result, or `undefined` once the failure is shown.
   * `onProblem` sees the failure too, e.g. to react to one error code.
   */
  async attempt<T>(
    call: () => Promise<T>,
    onProblem?: (problem: ApiProblem) => void,
  ): Promise<T | undefined> {
    try {
      return await call();
    } catch (error) {
      // Not inside `onProblem?.(…)`: an optional call skips evaluating its arguments.
      const problem = this.error(error);
      onProblem?.(problem);
      return undefined;
    }
  }
}

/** Puts the API's complaints on the matching controls; editing a field clears them (validators rerun). */
export function showFieldErrors(
  form: AbstractControl,
  fieldErrors: Record<string, string[]>,
): void {
  for (const [field, errors] of Object.entries(fieldErrors)) {
    const control = form.get(field);
    if (!control) continue;
    control.setErrors({ ...control.errors, server: errors.join('. ') });
    control.markAsTouched();
  }
}
