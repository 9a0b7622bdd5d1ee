import { inject } from '@angular/core';
import { ActivatedRoute, Params, Router } from '@angular/router';

/** Query parameters to set; `null`, `undefined` or `''` removes one. */
export type QueryUpdate = Record<string, string | number | null | undefined>;

/**
 * Writes a page's state (a search, a filter, a choice) into its URL's query, so Back and reload find it
 * again; the page reads it back through its inputs (`withComponentInputBinding`). By default the entry
 * is replaced: typing must not leave one history entry per pause. `{ push: true }` adds one, for a
 * step worth going back to (another page of results). The page does not scroll: it is the same page.
 */
export function injectQueryWriter() {
  const router = inject(Router);
  const route = inject(ActivatedRoute);
  return (update: QueryUpdate, { push = false } = {}): Promise<boolean> => {
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
