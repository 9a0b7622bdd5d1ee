import { toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl } from '@angular/forms';
import { map } from 'rxjs';

/** A form's whole value (disabled controls included) as a signal, for queries that follow filters. */
export function formValueSignal<T>(form: AbstractControl<unknown, T>) {
  return toSignal(form.valueChanges.pipe(map(() => form.getRawValue())), {
    initialValue: form.getRawValue(),
  });
}
