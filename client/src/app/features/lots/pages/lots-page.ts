import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { LotsApi } from '../../../api/services';
import { AuthStore } from '../../../core/auth/auth-store';
import { debouncedSignal } from '../../../shared/debounced';
import { ListPaginator } from '../../../shared/list-paginator';
import { createPaging } from '../../../shared/paging';
import { injectQuery } from '../../../shared/query';
import { SearchField } from '../../../shared/search-field';
import { repeatWhileVisible } from '../../../shared/timers';
import { LotCard } from '../components/lot-card';

/** How often the free-spot counts are re-read: a lot fills up while the driver looks at it. */
const LIVE_REFRESH_MS = 15_000;

@Component({
  selector: 'app-lots-page',
  imports: [MatProgressBarModule, LotCard, ListPaginator, SearchField],
  templateUrl: './lots-page.html',
  styleUrl: './lots-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LotsPage {
  private readonly lotsApi = inject(LotsApi);
  private readonly auth = inject(AuthStore);
  /** Admins browse lots too, but only drivers book (POST /bookings is for role user). */
  protected readonly canBook = computed(() => !this.auth.isAdmin());

  protected readonly search = signal('');
  private readonly query = debouncedSignal(this.search);
  protected readonly paging = createPaging(12);

  protected readonly lots = injectQuery(
    () => ({
      search: this.query().trim() || undefined,
      page: this.paging.page(),
      pageSize: this.paging.pageSize(),
    }),
    (params) => this.lotsApi.listLots(params),
  );

  constructor() {
    repeatWhileVisible(() => void this.lots.refresh(), LIVE_REFRESH_MS);
  }
}
