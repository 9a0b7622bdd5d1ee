import { computed, effect, inject, signal, untracked } from '@angular/core';
import { ApiProblem, toApiProblem } from '../core/errors/api-problem';
import { Notifier } from '../core/errors/notifier';

export interface QueryOptions {
  /**
   * Sees a failure first; returns `true` when the page explains it itself (e.g. shows "not found" in
   * place of what was asked for), so no toast repeats it.
   */
  explain?: (problem: ApiProblem) => boolean;
}

/**
 * A read kept in step with its parameters: refetches whenever `params()` changes value (nothing is
 * fetched while it is `null`), keeps only the newest answer, and reports a failure through the Notifier.
 * `problem` is the newest read's failure, until a read succeeds or the parameters change.
 * `refresh()` refetches quietly (no spinner, no toast): for polling live figures.
 */
export function injectQuery<P, T>(
  params: () => P | null,
  fetch: (params: P) => Promise<T>,
  options: QueryOptions = {},
) {
  const notifier = inject(Notifier);
  const value = signal<T | undefined>(undefined);
  const problem = signal<ApiProblem | undefined>(undefined);
  const loading = signal(false);
  let latest = 0;

  async function load(p: P | null, quiet: boolean): Promise<void> {
    const ticket = ++latest;
    if (!quiet) problem.set(undefined);
    if (p === null) {
      value.set(undefined);
      loading.set(false);
      return;
    }
    if (!quiet) loading.set(true);
    try {
      const result = await fetch(p);
      if (ticket === latest) {
        value.set(result);
        problem.set(undefined);
      }
    } catch (error) {
      if (ticket === latest && !quiet) {
        const failure = toApiProblem(error);
        problem.set(failure);
        if (options.explain?.(failure) !== true) notifier.error(error);
      }
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
    problem: problem.asReadonly(),
    loading: loading.asReadonly(),
    refresh: () => load(untracked(request), true),
  };
}
