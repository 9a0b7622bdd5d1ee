import { inject, signal } from '@angular/core';
import { AbstractControl } from '@angular/forms';
import { ApiProblem, toApiProblem } from '../../core/errors/api-problem';
import { Notifier } from '../../core/errors/notifier';

/**
 * A form's submit: shows the validation messages when the form is invalid, flags `busy` while the call
 * runs, and reports a failure through the Notifier (toast, and field errors next to their fields).
 * `onError` sees the failure first; it returns `true` when the page explains it itself, so no toast
 * repeats it.
 */
export function injectFormSubmit(form: AbstractControl) {
  const notifier = inject(Notifier);
  const busy = signal(false);
  return {
    busy: busy.asReadonly(),
    async run(
      action: () => Promise<unknown>,
      onError?: (problem: ApiProblem) => boolean | void,
    ): Promise<void> {
      if (form.invalid) {
        form.markAllAsTouched();
        return;
      }
      busy.set(true);
      try {
        await action();
      } catch (error) {
        if (onError?.(toApiProblem(error)) !== true) notifier.error(error, form);
      } finally {
        busy.set(false);
      }
    },
  };
}
