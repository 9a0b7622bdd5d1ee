import { inject, Injectable, signal } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { AdminUserDto, LotDto, SpotDto } from '../../api/models';
import { AdminApi, LotsApi } from '../../api/services';
import { Notifier } from '../../core/errors/notifier';
import { ConfirmDialogData, injectConfirm } from '../../shared/confirm-dialog';
import { MoneyPipe } from '../../shared/money.pipe';
import { ForceReleaseDialog, ForceReleaseTarget } from './components/force-release-dialog';
import { LotFormDialog } from './components/lot-form-dialog';

const money = new MoneyPipe();

/**
 * What an admin changes (lots, spots, bookings, users), shared by the admin pages: each asks first where
 * a change is hard to undo, reports the API's refusal (LOT_IN_USE, SPOT_IN_USE, …) through the Notifier,
 * and bumps `version`, which the pages' lists reload on.
 */
@Injectable()
export class AdminActions {
  private readonly adminApi = inject(AdminApi);
  private readonly lotsApi = inject(LotsApi);
  private readonly dialog = inject(MatDialog);
  private readonly confirm = injectConfirm();
  private readonly notifier = inject(Notifier);
  private readonly versionSignal = signal(0);

  readonly version = this.versionSignal.asReadonly();

  /** The lot form, empty for a new lot; the dialog saves (so field errors show in it). */
  async editLot(lot?: LotDto): Promise<void> {
    const saved = await firstValueFrom(
      this.dialog
        .open<LotFormDialog, LotDto | null, LotDto>(LotFormDialog, { data: lot ?? null })
        .afterClosed(),
    );
    if (!saved) return;
    this.notifier.success(
      lot ? `${saved.name} saved` : `${saved.name} created with ${saved.capacity} spots`,
    );
    this.bump();
  }

  archiveLot(lot: LotDto): Promise<void> {
    return this.askThenChange(
      {
        title: `Archive ${lot.name}?`,
        message:
          'Drivers will no longer see or book it; its history stays in reports and exports. ' +
          'A lot with a parked vehicle or an upcoming reservation cannot be archived.',
        confirm: 'Archive',
      },
      () => this.lotsApi.archiveLot({ id: lot.id }).then(() => true),
      `${lot.name} archived`,
    );
  }

  /** Brings an archived lot back: drivers see and book it again. Refused (LOT_NAME_TAKEN) while a live lot has its name. */
  restoreLot(lot: LotDto): Promise<void> {
    return this.askThenChange(
      {
        title: `Restore ${lot.name}?`,
        message:
          'Drivers will see and book it again, with its spots as they were (those out of service stay so). ' +
          'A lot that is not archived may not have the same name.',
        confirm: 'Restore',
      },
      () => this.lotsApi.restoreLot({ id: lot.id }),
      `${lot.name} restored`,
    );
  }

  /** Ends an active booking for its driver (R-BOOK-9); the reason is kept on the booking. */
  async forceRelease(target: ForceReleaseTarget): Promise<void> {
    const reason = await firstValueFrom(
      this.dialog
        .open<ForceReleaseDialog, ForceReleaseTarget, string>(ForceReleaseDialog, { data: target })
        .afterClosed(),
    );
    if (!reason) return;
    const released = await this.attempt(() =>
      this.adminApi.forceReleaseBooking({ id: target.bookingId, body: { reason } }),
    );
    if (released)
      this.notifier.success(
        `Spot ${released.spotNumber} released: ${money.transform(released.costCents, released.currency)}`,
      );
  }

  /** R-SPOT-2: refused with SPOT_IN_USE while the spot has an active or upcoming booking. */
  async setOutOfService(lotId: string, spot: SpotDto, outOfService: boolean): Promise<void> {
    const updated = await this.attempt(() =>
      this.lotsApi.updateSpot({ id: lotId, spotId: spot.id, body: { outOfService } }),
    );
    if (updated)
      this.notifier.success(
        `Spot ${updated.number} is ${updated.outOfService ? 'out of service' : 'back in service'}`,
      );
  }

  /** Deactivating stops the account signing in and booking (R-BOOK-10); reactivating lifts that. */
  setUserActive(user: AdminUserDto, isActive: boolean): Promise<void> {
    return this.askThenChange(
      isActive
        ? {
            title: `Reactivate ${user.username}?`,
            message: `${user.email} can sign in and book again.`,
            confirm: 'Reactivate',
          }
        : {
            title: `Deactivate ${user.username}?`,
            message: `${user.email} can no longer sign in or book. Their history stays.`,
            confirm: 'Deactivate',
          },
      () => this.adminApi.updateUser({ id: user.id, body: { isActive } }),
      `${user.username} ${isActive ? 'reactivated' : 'deactivated'}`,
    );
  }

  /** A change hard to undo: asked first; once made, `done` is said; a refusal is shown (attempt). */
  private async askThenChange<T>(
    question: ConfirmDialogData,
    change: () => Promise<T>,
    done: string,
  ): Promise<void> {
    if (!(await this.confirm(question))) return;
    if (await this.attempt(change)) this.notifier.success(done);
  }

  /** One API call; its failure is shown. Either way the pages reload: the refusal may mean they are stale. */
  private async attempt<T>(call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await this.notifier.attempt(call);
    } finally {
      this.bump();
    }
  }

  private bump(): void {
    this.versionSignal.update((n) => n + 1);
  }
}
