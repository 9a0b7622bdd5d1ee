import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { SpotDto, SpotStatus } from '../../../api/models';
import { SPOT_STATUS } from '../../../api/models/spot-status-array';
import { LotsApi } from '../../../api/services';
import { MoneyPipe } from '../../../shared/money.pipe';
import { ListPaginator } from '../../../shared/list-paginator';
import { NotFoundPage } from '../../../shared/not-found-page';
import { createPaging } from '../../../shared/paging';
import { injectQuery } from '../../../shared/query';
import { repeatWhileVisible } from '../../../shared/timers';
import { AdminActions } from '../admin-actions';
import { SpotDetail } from '../components/spot-detail';
import { SPOT_LEGEND, SPOT_STATUS_LOOK, spotLook } from '../spot-status';
import { isUuid } from '../../../shared/uuid';

/** Vehicles arrive and leave while the admin watches: the grid is re-read this often. */
const LIVE_REFRESH_MS = 10_000;
/** The API's largest page: a lot of up to 100 spots fits on one. */
const SPOTS_PER_PAGE = 100;

/**
 * A lot's spots as a live grid of tiles (R-SPOT-1); a selected spot shows its details and actions. An
 * unknown or malformed lot id shows the not-found page.
 */
@Component({
  selector: 'app-lot-spots-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    MoneyPipe,
    SpotDetail,
    ListPaginator,
    NotFoundPage,
  ],
  templateUrl: './lot-spots-page.html',
  styleUrl: './lot-spots-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LotSpotsPage {
  /** Route parameter. */
  readonly lotId = input.required<string>();

  private readonly api = inject(LotsApi);
  protected readonly actions = inject(AdminActions);
  protected readonly statuses = SPOT_STATUS;
  protected readonly looks = SPOT_STATUS_LOOK;
  protected readonly legend = SPOT_LEGEND;
  protected readonly lookOf = spotLook;

  protected readonly status = signal<SpotStatus | ''>('');
  protected readonly paging = createPaging(SPOTS_PER_PAGE);
  private readonly selectedId = signal<string | null>(null);
  /** The last lot id the API did not know (404). */
  private readonly unknownLotId = signal<string | null>(null);
  protected readonly notFound = computed(
    () => !isUuid(this.lotId()) || this.unknownLotId() === this.lotId(),
  );

  protected readonly lot = injectQuery(
    () => (this.notFound() ? null : { id: this.lotId(), version: this.actions.version() }),
    ({ id }) => this.api.getLot({ id }).catch((error: unknown) => this.unlessUnknown(id, error)),
  );
  protected readonly spots = injectQuery(
    () =>
      this.notFound()
        ? null
        : {
            id: this.lotId(),
            status: this.status() || undefined,
            page: this.paging.page(),
            pageSize: this.paging.pageSize(),
            version: this.actions.version(),
          },
    ({ version: _version, ...params }) =>
      this.api.listSpots(params).catch((error: unknown) => this.unlessUnknown(params.id, error)),
  );
  /** The selected spot as last read: its details follow each refresh. */
  protected readonly selected = computed(() =>
    this.spots.value()?.items.find((spot) => spot.id === this.selectedId()),
  );

  constructor() {
    repeatWhileVisible(() => this.refresh(), LIVE_REFRESH_MS);
  }

  protected refresh(): void {
    void this.lot.refresh();
    void this.spots.refresh();
  }

  protected select(spot: SpotDto): void {
    this.selectedId.set(this.selectedId() === spot.id ? null : spot.id);
  }

  protected closeDetails(): void {
    this.selectedId.set(null);
  }

  protected filter(status: SpotStatus | ''): void {
    this.status.set(status);
    this.paging.restart();
  }

  protected tileLabel(spot: SpotDto): string {
    const holder = spot.current ? `, ${spot.current.vehicleNumber}` : '';
    return `Spot ${spot.number}, ${spotLook(spot).label.toLowerCase()}${holder}`;
  }

  protected forceRelease(spot: SpotDto): void {
    const current = spot.current;
    if (!current) return;
    void this.actions.forceRelease({
      bookingId: current.bookingId,
      spotNumber: spot.number,
      vehicleNumber: current.vehicleNumber,
      username: current.username,
    });
  }

  protected setOutOfService(spot: SpotDto, outOfService: boolean): void {
    void this.actions.setOutOfService(this.lotId(), spot, outOfService);
  }

  /** A lot the API does not know is a page that is not there, not an error to toast; others fail as usual. */
  private unlessUnknown(lotId: string, error: unknown): undefined {
    if (!(error instanceof HttpErrorResponse) || error.status !== 404) throw error;
    this.unknownLotId.set(lotId);
    return undefined;
  }
}
