import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { debounceTime, distinctUntilChanged } from 'rxjs';
import { LotsApi } from '../../../api/services';
import { AuthStore } from '../../../core/auth/auth-store';
import { injectQuery } from '../../../shared/query';
import { repeatWhileVisible } from '../../../shared/timers';
import { LotCard } from '../components/lot-card';

/** How often the free-spot counts are re-read: a lot fills up while the driver looks at it. */
const LIVE_REFRESH_MS = 15_000;

@Component({
  selector: 'app-lots-page',
  imports: [
    MatFormFieldModule,
    MatInputModule,
    MatIconModule,
    MatPaginatorModule,
    MatProgressBarModule,
    LotCard,
  ],
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
  private readonly query = toSignal(
    toObservable(this.search).pipe(debounceTime(300), distinctUntilChanged()),
    {
      initialValue: '',
    },
  );
  protected readonly page = signal(1);
  protected readonly pageSize = signal(12);

  protected readonly lots = injectQuery(
    () => ({
      search: this.query().trim() || undefined,
      page: this.page(),
      pageSize: this.pageSize(),
    }),
    (params) => this.lotsApi.listLots(params),
  );

  constructor() {
    repeatWhileVisible(() => void this.lots.refresh(), LIVE_REFRESH_MS);
  }

  protected searchFor(text: string): void {
    this.search.set(text);
    this.page.set(1);
  }

  protected changePage(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    this.page.set(event.pageIndex + 1);
  }
}
