import { DestroyRef, inject, Signal, signal } from '@angular/core';

/** Runs `task` every `periodMs` while the calling component lives, skipping hidden tabs. */
export function repeatWhileVisible(task: () => void, periodMs: number): void {
  const id = setInterval(() => {
    if (document.visibilityState !== 'hidden') task();
  }, periodMs);
  inject(DestroyRef).onDestroy(() => clearInterval(id));
}

/** The current time as a signal, ticking every `periodMs`: running durations re-render on their own. */
export function injectNow(periodMs = 1000): Signal<number> {
  const now = signal(Date.now());
  const id = setInterval(() => now.set(Date.now()), periodMs);
  inject(DestroyRef).onDestroy(() => clearInterval(id));
  return now.asReadonly();
}
