import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatSlideToggleChange, MatSlideToggleModule } from '@angular/material/slide-toggle';
import { SpotDto } from '../../../api/models';
import { MoneyPipe } from '../../../shared/money.pipe';
import { formatDuration, startedMinutes } from '../../../shared/time/duration';
import { injectNow } from '../../../shared/timers';
import { outOfServiceBlock, spotLook } from '../spot-status';

/**
 * One spot as the admin sees it (R-SPOT-1): who holds it, which vehicle, since when, by when it must
 * leave, how long it overstays (R-OCC-2) and the cost so far; a parked vehicle can be force-released,
 * and a spot taken out of or back into service — the switch disabled, with the reason, while a booking
 * keeps the spot in use (R-SPOT-2).
 */
@Component({
  selector: 'app-spot-detail',
  imports: [
    DatePipe,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatSlideToggleModule,
    MoneyPipe,
  ],
  template: `
    <mat-card appearance="outlined" data-testid="spot-detail">
      <mat-card-header>
        <mat-card-title>
          <h2 class="card-title" id="spot-detail-title">Spot {{ spot().number }}</h2>
        </mat-card-title>
        <mat-card-subtitle>
          <mat-icon aria-hidden="true" class="status-icon">{{ look().icon }}</mat-icon>
          {{ look().label }}
        </mat-card-subtitle>
        <button
          mat-icon-button
          class="close"
          (click)="closed.emit()"
          aria-label="Close spot details"
        >
          <mat-icon>close</mat-icon>
        </button>
      </mat-card-header>
      <mat-card-content>
        @if (spot().current; as current) {
          <dl class="facts">
            <dt>Driver</dt>
            <dd>{{ current.username }}</dd>
            <dt>Vehicle</dt>
            <dd data-testid="spot-vehicle">{{ current.vehicleNumber }}</dd>
            <dt>{{ current.type === 'reserved' ? 'Reservation' : 'Parked' }} since</dt>
            <dd>{{ current.since | date: 'short' }} · {{ elapsed() }}</dd>
            @if (current.endAt) {
              <dt>Until</dt>
              <dd>{{ current.endAt | date: 'short' }}</dd>
            }
            @if (current.mustLeaveBy) {
              <dt>Must leave by</dt>
              <dd data-testid="spot-must-leave-by">
                {{ current.mustLeaveBy | date: 'short' }}
                <span class="muted">· a reservation starts then</span>
              </dd>
            }
            @if (current.overstay) {
              <dt>Overstay</dt>
              <dd data-testid="spot-overstay">
                <strong>{{ overstay() }}</strong> past the planned end
              </dd>
            }
            <dt>Cost so far</dt>
            <dd data-testid="spot-cost">{{ current.costCents | money: currency() }}</dd>
          </dl>
        } @else {
          <p class="muted">No booking holds this spot now.</p>
        }
        <!-- Disabled yet focusable, so a keyboard or screen-reader user reaches it and hears why. -->
        <mat-slide-toggle
          [checked]="spot().outOfService"
          [disabled]="serviceBlock() !== null"
          disabledInteractive
          [aria-describedby]="serviceBlock() ? 'spot-service-block' : ''"
          (change)="toggle($event)"
          >Out of service</mat-slide-toggle
        >
        @if (serviceBlock(); as reason) {
          <p class="service-block">
            <mat-icon aria-hidden="true">info</mat-icon>
            <span id="spot-service-block" data-testid="spot-service-block">{{ reason }}</span>
          </p>
        }
      </mat-card-content>
      @if (spot().status === 'occupied' && spot().current) {
        <mat-card-actions align="end">
          <button mat-flat-button (click)="forceRelease.emit()">Force release</button>
        </mat-card-actions>
      }
    </mat-card>
  `,
  styles: `
    mat-card-header {
      position: relative;
      padding-right: 48px;
    }
    .close {
      position: absolute;
      top: 4px;
      right: 4px;
    }
    .status-icon {
      font-size: 18px;
      width: 18px;
      height: 18px;
      vertical-align: text-bottom;
    }
    .facts {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 6px 16px;
      margin: 8px 0 16px;
    }
    dt {
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
    }
    .service-block {
      display: flex;
      gap: 6px;
      align-items: flex-start;
      margin: 8px 0 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);

      mat-icon {
        flex: none;
        font-size: 18px;
        width: 18px;
        height: 18px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SpotDetail {
  readonly spot = input.required<SpotDto>();
  /** The lot's currency: the spot's cost comes without one. */
  readonly currency = input.required<string>();
  readonly forceRelease = output();
  readonly outOfServiceChange = output<boolean>();
  readonly closed = output();

  private readonly now = injectNow(30_000);
  protected readonly look = computed(() => spotLook(this.spot()));
  /** Why the switch is disabled, or null. */
  protected readonly serviceBlock = computed(() =>
    outOfServiceBlock(this.spot(), new Date(this.now())),
  );
  protected readonly overstay = computed(() =>
    formatDuration(this.spot().current?.overstayMinutes ?? 0),
  );
  protected readonly elapsed = computed(() => {
    const since = this.spot().current?.since;
    return since ? formatDuration(startedMinutes(since, this.now())) : '';
  });

  protected toggle(event: MatSlideToggleChange): void {
    // The toggle shows the spot as the API has it: it moves when the reloaded spot says so, and
    // stays put when the API refuses (SPOT_IN_USE).
    event.source.checked = this.spot().outOfService;
    this.outOfServiceChange.emit(event.checked);
  }
}
