import {
  AfterContentInit,
  ChangeDetectionStrategy,
  Component,
  computed,
  contentChildren,
  input,
  Signal,
  viewChild,
} from '@angular/core';
import { MatColumnDef, MatTable, MatTableModule } from '@angular/material/table';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ListPaginator, PageInfo } from './list-paginator';
import { createPaging } from './paging';
import { ScrollRegion } from './scroll-region';

/**
 * One page of a list the API paginates, as a Material table with its paginator: the page supplies the
 * columns (`matColumnDef` blocks as content), this the rows, the loading bar, the empty message and the
 * paging. Wide tables scroll sideways on a phone, in a region the keyboard reaches.
 */
@Component({
  selector: 'app-paged-table',
  imports: [MatTableModule, MatProgressBarModule, ListPaginator, ScrollRegion],
  template: `
    @if (query().loading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'Loading ' + noun()" />
    }
    <app-scroll-region [label]="label()">
      <table mat-table [dataSource]="query().value()?.items ?? []" [attr.aria-label]="label()">
        <ng-content />
        <tr mat-header-row *matHeaderRowDef="columns()"></tr>
        <tr mat-row *matRowDef="let row; columns: columns()" [attr.data-testid]="rowTestId()"></tr>
        <tr class="mat-row" *matNoDataRow>
          <td class="mat-cell table-empty" [attr.colspan]="columns().length">
            {{ query().value() ? emptyText() : '' }}
          </td>
        </tr>
      </table>
    </app-scroll-region>
    @if (query().value(); as page) {
      <app-list-paginator [page]="page" [paging]="paging()" [label]="'Pages of ' + noun()" />
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PagedTable<T> implements AfterContentInit {
  /** The list's read (see injectQuery): its page as last read, and whether it is loading. */
  readonly query = input.required<{
    value: Signal<(PageInfo & { items: T[] }) | undefined>;
    loading: Signal<boolean>;
  }>();
  readonly paging = input.required<ReturnType<typeof createPaging>>();
  /** Which of the columns given as content to show, in order. */
  readonly columns = input.required<string[]>();
  /** What the rows are, e.g. "Lots": names the table, its loading bar and its paginator. */
  readonly label = input.required<string>();
  readonly emptyText = input.required<string>();
  readonly rowTestId = input<string>();

  protected readonly noun = computed(() => this.label().toLowerCase());
  private readonly columnDefs = contentChildren(MatColumnDef);
  private readonly table = viewChild.required(MatTable);

  ngAfterContentInit(): void {
    // Column definitions written by the page are content here, where the table cannot see them.
    for (const column of this.columnDefs()) this.table().addColumnDef(column);
  }
}
