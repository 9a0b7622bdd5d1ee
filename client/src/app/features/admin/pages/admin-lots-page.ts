import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { LotsApi } from '../../../api/services';
import { debouncedSignal } from '../../../shared/debounced';
import { MoneyPipe } from '../../../shared/money.pipe';
import { PagedTable } from '../../../shared/paged-table';
import { createPaging } from '../../../shared/paging';
import { injectQuery } from '../../../shared/query';
import { SearchField } from '../../../shared/search-field';
import { repeatWhileVisible } from '../../../shared/timers';
import { AdminActions } from '../admin-actions';

/** The spot counts change as drivers come and go. */
const LIVE_REFRESH_MS = 15_000;

/** R-LOT-1..5 for admins: every lot with its live counts; create, edit, archive (and restore), and its spots. */
@Component({
  selector: 'app-admin-lots-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatSlideToggleModule,
    MatTableModule,
    MatTooltipModule,
    MoneyPipe,
    PagedTable,
    SearchField,
  ],
  templateUrl: './admin-lots-page.html',
  styleUrl: './admin-lots-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminLotsPage {
  private readonly api = inject(LotsApi);
  protected readonly actions = inject(AdminActions);
  protected readonly columns = ['name', 'address', 'price', 'spots', 'actions'];

  protected readonly search = signal('');
  private readonly query = debouncedSignal(this.search);
  protected readonly includeArchived = signal(false);
  protected readonly paging = createPaging(25);

  protected readonly lots = injectQuery(
    () => ({
      search: this.query().trim() || undefined,
      includeArchived: this.includeArchived() || undefined,
      page: this.paging.page(),
      pageSize: this.paging.pageSize(),
      version: this.actions.version(),
    }),
    ({ version: _version, ...params }) => this.api.listLots(params),
  );

  constructor() {
    repeatWhileVisible(() => void this.lots.refresh(), LIVE_REFRESH_MS);
  }

  protected showArchived(show: boolean): void {
    this.includeArchived.set(show);
    this.paging.restart();
  }
}
