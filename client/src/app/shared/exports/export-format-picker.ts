import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatRadioModule } from '@angular/material/radio';
import { ExportFormat } from '../../api/models';

/** The file formats an export can be written in, each as its user knows it. */
@Component({
  selector: 'app-export-format-picker',
  imports: [FormsModule, MatRadioModule],
  template: `
    <mat-radio-group [(ngModel)]="format" aria-label="File format" class="formats">
      @for (option of options(); track option.format) {
        <mat-radio-button [value]="option.format">{{ option.label }}</mat-radio-button>
      }
    </mat-radio-group>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExportFormatPicker {
  readonly format = model.required<ExportFormat>();
  readonly options = input.required<{ format: ExportFormat; label: string }[]>();
}
