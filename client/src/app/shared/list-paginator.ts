import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatPaginatorModule } from '@angular/material/paginator';
import { createPaging } from './paging';

/** What every paginated answer of the API says about itself. */
export interface PageInfo {
  total: number;
  page: number;
  pageSize: number;
}

/** The paginator under a list: shows the API's page and moves `paging` when the user turns it. */
@Component({
  selector: 'app-list-paginator',
  imports: [MatPaginatorModule],
  template: `
    <mat-paginator
      [length]="page().total"
      [pageIndex]="page().page - 1"
      [pageSize]="page().pageSize"
      [pageSizeOptions]="sizes()"
      [hidePageSize]="!sizes().length"
      (page)="paging().change($event)"
      [attr.aria-label]="label()"
    />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ListPaginator {
  readonly page = input.required<PageInfo>();
  readonly paging = input.required<ReturnType<typeof createPaging>>();
  /** Page sizes to choose from; none hides the choice. */
  readonly sizes = input<number[]>([25, 50, 100]);
  /** What is paged, e.g. "Pages of lots". */
  readonly label = input.required<string>();
}
