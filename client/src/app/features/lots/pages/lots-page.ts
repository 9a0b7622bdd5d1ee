import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { debounceTime, map, Subject } from 'rxjs';
import { LotsApi } from '../../../api/services';
import { AuthStore } from '../../../core/auth/auth-store';
import { ListPaginator } from '../../../shared/list-paginator';
import { createPaging } from '../../../shared/paging';
import { injectQuery } from '../../../shared/query';
import { SearchField } from '../../../shared/search-field';
import { repeatWhileVisible } from '../../../shared/timers';
import { injectQueryWriter } from '../../../shared/url-query';
import { LotCard } from '../components/lot-card';

/** How often the free-spot counts are re-read: a lot fills up while the driver looks at it. */
const LIVE_REFRESH_MS = 15_000;
/** A search is sent (and put in the URL) once the driver pauses typing. */
const TYPING_PAUSE_MS = 300;

/** A page number from the URL: a whole number from 1, else the first page. */
const pageNumber = (value: string | undefined) => {
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 ? page : 1;
};

/**
 * The lots with their live free-spot counts, searchable. The search and the page live in the URL
 * (`/lots?search=garage&page=2`): Back from a lot and a reload find the same list.
 */
@Component({
  selector: 'app-lots-page',
  imports: [MatButtonModule, MatProgressBarModule, LotCard, ListPaginator, SearchField],
  templateUrl: './lots-page.html',
  styleUrl: './lots-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LotsPage {
  /** Query parameters `search` and `page`. */
  readonly searchParam = input<string>(undefined, { alias: 'search' });
  readonly pageParam = input<string>(undefined, { alias: 'page' });

  private readonly lotsApi = inject(LotsApi);
  private readonly auth = inject(AuthStore);
  private readonly writeQuery = injectQueryWriter();
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  /** Admins browse lots too, but only drivers book (POST /bookings is for role user). */
  protected readonly canBook = computed(() => !this.auth.isAdmin());

  /** What the search box shows: the URL's search, then each key typed. */
  protected readonly search = signal('');
  private readonly typed = new Subject<string>();
  /** The search this page last put in the URL: its return through the input is no news. */
  private searchInUrl: string | undefined;

  private readonly pageSize = signal(12);
  protected readonly paging: ReturnType<typeof createPaging> = {
    page: computed(() => pageNumber(this.pageParam())),
    pageSize: this.pageSize.asReadonly(),
    change: (event: PageEvent) => {
      this.pageSize.set(event.pageSize);
      // Another page of lots is a step worth going Back to.
      void this.writeQuery(
        { page: event.pageIndex > 0 ? event.pageIndex + 1 : null },
        { push: true },
      );
    },
    restart: () => void this.writeQuery({ page: null }),
  };

  protected readonly lots = injectQuery(
    () => ({
      search: this.searchParam()?.trim() || undefined,
      page: this.paging.page(),
      pageSize: this.paging.pageSize(),
    }),
    // The answer keeps the search it answers, so the empty state speaks of the right one.
    async (params) => ({ ...(await this.lotsApi.listLots(params)), search: params.search }),
  );

  constructor() {
    repeatWhileVisible(() => void this.lots.refresh(), LIVE_REFRESH_MS);

    // The URL's search into the box: on arrival (a reload, Back) and when a link leads to plain /lots.
    // Not when it is the search typed here coming back: keys typed since would be lost.
    effect(() => {
      const fromUrl = this.searchParam() ?? '';
      untracked(() => {
        if (fromUrl === this.searchInUrl) return;
        this.searchInUrl = fromUrl;
        this.search.set(fromUrl);
      });
    });

    // What is typed, once the typing pauses, into the URL (replacing the entry), from the first page.
    this.typed
      .pipe(
        debounceTime(TYPING_PAUSE_MS),
        map((typed) => typed.trim()),
        takeUntilDestroyed(),
      )
      .subscribe((search) => {
        if (search === (untracked(this.searchParam)?.trim() ?? '')) return;
        this.searchInUrl = search;
        void this.writeQuery({ search, page: null });
      });
  }

  protected searchTyped(value: string): void {
    this.typed.next(value);
  }

  /** From an empty result back to every lot; the focus goes to the search box, as the button goes. */
  protected showAllLots(): void {
    this.search.set('');
    this.searchInUrl = '';
    void this.writeQuery({ search: null, page: null });
    this.focusSearch();
  }

  protected firstPage(): void {
    this.paging.restart();
    this.focusSearch();
  }

  private focusSearch(): void {
    afterNextRender(
      () => this.host.nativeElement.querySelector<HTMLElement>('input[type=search]')?.focus(),
      { injector: this.injector },
    );
  }
}
