import { inject } from '@angular/core';
import { ActivatedRoute, Params, Router } from '@angular/router';
import { pathOf } from '../core/layout/url-path';

/** Query parameters to set; `null`, `undefined` or `''` removes one. */
export type QueryUpdate = Record<string, string | number | null | undefined>;

/**
 * Writes a page's state (a search, a filter, a choice) into its URL's query, so Back and reload find it
 * again; the page reads it back through its inputs (`withComponentInputBinding`). By default the entry
 * is replaced: typing must not leave one history entry per pause. `{ push: true }` adds one, for a
 * step worth going back to (another page of results). The page does not scroll: it is the same page.
 *
 * Nothing is written once the user is on the way to another page (a lot clicked just after typing):
 * a navigation started now would cancel that one.
 */
export function injectQueryWriter() {
  const router = inject(Router);
  const route = inject(ActivatedRoute);
  return async (update: QueryUpdate, { push = false } = {}): Promise<boolean> => {
    const pending = router.currentNavigation();
    const target = pending && router.serializeUrl(pending.finalUrl ?? pending.extractedUrl);
    if (target && pathOf(target) !== pathOf(router.url)) return false;
    const queryParams: Params = {};
    for (const [key, value] of Object.entries(update))
      queryParams[key] = value === '' || value === undefined ? null : value;
    return router.navigate([], {
      relativeTo: route,
      queryParams,
      queryParamsHandling: 'merge',
      replaceUrl: !push,
      scroll: 'manual',
    });
  };
}
