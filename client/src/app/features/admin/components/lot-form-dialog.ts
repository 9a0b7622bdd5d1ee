import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { CreateLotDto, LotDto, UpdateLotDto } from '../../../api/models';
import { LotsApi } from '../../../api/services';
import { fieldError } from '../../../shared/forms/field-error';
import { injectFormSubmit } from '../../../shared/forms/form-submit';
import { amountRule, notBlankRule, wholeNumberRule } from '../../../shared/forms/validators';
import { browserTimeZone, TimeZoneField, timeZoneRule } from './time-zone-field';

/**
 * Creates a lot, or edits the one it is given (R-LOT-1..3), with the API's limits checked next to each
 * field. It saves itself, so a refusal (a taken name, CAPACITY_IN_USE) leaves the form open to fix.
 */
@Component({
  selector: 'app-lot-form-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    TimeZoneField,
  ],
  templateUrl: './lot-form-dialog.html',
  styles: `
    .pair {
      display: flex;
      flex-wrap: wrap;
      gap: 0 12px;
      > mat-form-field {
        flex: 1 1 160px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LotFormDialog {
  /** The lot to edit; null for a new one. */
  protected readonly lot = inject<LotDto | null>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<LotFormDialog, LotDto>>(MatDialogRef);
  private readonly api = inject(LotsApi);
  protected readonly fieldError = fieldError;
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: [this.lot?.name ?? '', [Validators.required, Validators.maxLength(100), notBlankRule]],
    address: [
      this.lot?.address ?? '',
      [Validators.required, Validators.maxLength(200), notBlankRule],
    ],
    postalCode: [this.lot?.postalCode ?? '', Validators.maxLength(12)],
    pricePerHour: [
      this.lot ? this.lot.pricePerHourCents / 100 : (null as number | null),
      [Validators.required, Validators.min(0.01), Validators.max(10_000), amountRule],
    ],
    capacity: [
      this.lot?.capacity ?? (null as number | null),
      [Validators.required, Validators.min(1), Validators.max(5000), wholeNumberRule],
    ],
    // A new lot is most likely where its admin is; the lot's own zone is kept even if this browser lacks it.
    timeZone: [
      this.lot?.timeZone ?? browserTimeZone(),
      [Validators.required, timeZoneRule(this.lot?.timeZone)],
    ],
  });
  protected readonly submit = injectFormSubmit(this.form);

  protected save(): void {
    void this.submit.run(async () => {
      const lot = this.lot;
      if (!lot) return this.ref.close(await this.api.createLot({ body: this.fields() }));
      const changes = changedFields(lot, this.fields());
      // The API refuses an empty change; nothing changed is nothing to save.
      this.ref.close(
        Object.keys(changes).length ? await this.api.updateLot({ id: lot.id, body: changes }) : lot,
      );
    });
  }

  /** The form as the API's fields: money in minor units, an empty postal code as none. */
  private fields(): CreateLotDto {
    const { name, address, postalCode, pricePerHour, capacity, timeZone } = this.form.getRawValue();
    return {
      name: name.trim(),
      address: address.trim(),
      postalCode: postalCode.trim() || null,
      // Required and checked by the validators by now.
      pricePerHourCents: Math.round(Number(pricePerHour) * 100),
      capacity: Number(capacity),
      timeZone,
    };
  }
}

/** Only what the admin changed: an untouched capacity must not be checked against bookings again. */
function changedFields(lot: LotDto, fields: CreateLotDto): UpdateLotDto {
  const changes: UpdateLotDto = {};
  if (fields.name !== lot.name) changes.name = fields.name;
  if (fields.address !== lot.address) changes.address = fields.address;
  if (fields.postalCode !== lot.postalCode) changes.postalCode = fields.postalCode;
  if (fields.pricePerHourCents !== lot.pricePerHourCents)
    changes.pricePerHourCents = fields.pricePerHourCents;
  if (fields.capacity !== lot.capacity) changes.capacity = fields.capacity;
  if (fields.timeZone !== lot.timeZone) changes.timeZone = fields.timeZone;
  return changes;
}
