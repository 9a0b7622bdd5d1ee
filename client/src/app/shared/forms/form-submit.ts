import { inject, signal } from '@angular/core';
import { AbstractControl } from '@angular/forms';
import { ApiProblem } from '../../core/errors/api-problem';
import { Notifier } from '../../core/errors/notifier';

/**
 * A form's submit: shows the validation messages when the form is invalid, flags `busy` while the call
 * runs, and reports a failure through the Notifier (toast, and field errors next to their fields).
 */
export function injectFormSubmit(form: AbstractControl) {
  const notifier = inject(Notifier);
  const busy = signal(false);
  return {
    busy: busy.asReadonly(),
    async run(
      action: () => Promise<unknown>,
      onError?: (problem: ApiProblem) => void,
    ): Promise<void> {
      if (form.invalid) {
        form.markAllAsTouched();
        return;
      }
      busy.set(true);
      try {
        await action();
      } catch (error) {
        // Not inside `onError?.(…)`: an optional call skips evaluating its arguments.
        const problem = notifier.error(error, form);
        onError?.(problem);
      } finally {
        busy.set(false);
      }
    },
  };
}
