import { computed, effect, inject, signal, untracked } from '@angular/core';
import { Notifier } from '../core/errors/notifier';

/**
 * A read kept in step with its parameters: refetches whenever `params()` changes value (nothing is
 * fetched while it is `null`), keeps only the newest answer, and reports a failure through the Notifier.
 * `refresh()` refetches quietly (no spinner, no toast): for polling live figures.
 */
export function injectQuery<P, T>(params: () => P | null, fetch: (params: P) => Promise<T>) {
  const notifier = inject(Notifier);
  const value = signal<T | undefined>(undefined);
  const loading = signal(false);
  let latest = 0;

  async function load(p: P | null, quiet: boolean): Promise<void> {
    const ticket = ++latest;
    if (p === null) {
      value.set(undefined);
      loading.set(false);
      return;
    }
    if (!quiet) loading.set(true);
    try {
      const result = await fetch(p);
      if (ticket === latest) value.set(result);
    } catch (error) {
      if (ticket === latest && !quiet) notifier.error(error);
    } finally {
      if (ticket === latest) loading.set(false);
    }
  }

  // Compared by value: a form emitting the same window again must not fetch it again.
  const request = computed(params, { equal: (a, b) => JSON.stringify(a) === JSON.stringify(b) });
  effect(() => {
    const p = request();
    untracked(() => void load(p, false));
  });

  return {
    value: value.asReadonly(),
    loading: loading.asReadonly(),
    refresh: () => load(untracked(request), true),
  };
}
