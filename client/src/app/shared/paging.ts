import { signal } from '@angular/core';
import { PageEvent } from '@angular/material/paginator';

/** The page a paginated list shows (the API counts pages from 1, the paginator from 0). */
export function createPaging(pageSize: number) {
  const page = signal(1);
  const size = signal(pageSize);
  return {
    page: page.asReadonly(),
    pageSize: size.asReadonly(),
    change(event: PageEvent): void {
      size.set(event.pageSize);
      page.set(event.pageIndex + 1);
    },
    /** Back to the first page: the filters changed, so the old page number means nothing. */
    restart(): void {
      page.set(1);
    },
  };
}
