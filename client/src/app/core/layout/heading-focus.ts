import { DestroyRef, Directive, ElementRef, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router } from '@angular/router';
import { filter } from 'rxjs';
import { pathOf } from './url-path';

/**
 * How long a page may take to show its heading (a lot's page shows it once the lot has loaded) before
 * the focus stops waiting for it.
 */
export const HEADING_WAIT_MS = 10_000;

/**
 * On the element holding the routed pages (`<main>`): after each move to another page, the focus goes
 * to the new page's heading (its `h1`), so a screen reader reads where the user arrived and the next Tab
 * starts in the page, not back at the top. The heading alone speaks: nothing else announces the page.
 *
 * - Not on the first page of a visit: the focus is nowhere to move from, and the skip link stays first.
 * - Not when only the query changes (a search typed, a mode chosen): the user stays on the page.
 * - A lazily loaded page, or one that shows its heading once its data came, is waited for.
 * - If the user moves the focus before the heading shows, it stays where they put it.
 */
@Directive({ selector: '[appHeadingFocus]' })
export class HeadingFocus {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private stopWaiting = () => {};

  constructor() {
    let shownPath: string | undefined;
    inject(Router)
      .events.pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe((event) => {
        const path = pathOf(event.urlAfterRedirects);
        const previous = shownPath;
        shownPath = path;
        if (previous !== undefined && previous !== path) this.focusHeadingOnceShown();
      });
    inject(DestroyRef).onDestroy(() => this.stopWaiting());
  }

  private focusHeadingOnceShown(): void {
    this.stopWaiting();
    const focusedBefore = document.activeElement;
    const focusHeading = (): boolean => {
      const heading = this.host.querySelector('h1');
      if (!heading) return false;
      const focused = document.activeElement;
      const userMovedOn =
        focused !== focusedBefore && focused !== null && focused !== document.body;
      if (!userMovedOn) {
        // Focusable by script only: not a Tab stop, and no focus ring (styles.scss).
        if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
        heading.focus({ preventScroll: true });
      }
      return true;
    };
    if (focusHeading()) return;
    // The page renders after the navigation ends; a mutation observer sees its heading arrive.
    const observer = new MutationObserver(() => {
      if (focusHeading()) this.stopWaiting();
    });
    observer.observe(this.host, { childList: true, subtree: true });
    const timeout = setTimeout(() => this.stopWaiting(), HEADING_WAIT_MS);
    this.stopWaiting = () => {
      observer.disconnect();
      clearTimeout(timeout);
      this.stopWaiting = () => {};
    };
  }
}
