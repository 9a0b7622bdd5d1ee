import { inject, Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router } from '@angular/router';
import { filter, map } from 'rxjs';

/**
 * The path of a router URL, without its query and fragment: `/lots?search=x` and `/lots` are the same
 * page (a search typed, a filter set), `/lots/1/book` is another.
 */
export function pathOf(url: string): string {
  return url.split(/[?#]/, 1)[0];
}

/** The path of the page on screen, as a signal (updated once each navigation ends). */
export function injectCurrentPath(): Signal<string> {
  const router = inject(Router);
  return toSignal(
    router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map((event) => pathOf(event.urlAfterRedirects)),
    ),
    { initialValue: pathOf(router.url) },
  );
}
