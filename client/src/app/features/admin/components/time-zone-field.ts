import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import {
  AbstractControl,
  FormControl,
  ReactiveFormsModule,
  ValidationErrors,
} from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { fieldError } from '../../../shared/forms/field-error';

/**
 * The IANA zones this browser knows, UTC included (Chromium leaves it out of its list). The API knows
 * the same database, so a name picked here is one it takes.
 */
export const TIME_ZONES: readonly string[] = (() => {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
})();

/** The browser's own zone: the default for a new lot. */
export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Whether `value` names a zone as the API takes it: any name the tz database knows, aliases the list
 * leaves out included ("Asia/Kolkata" where the list says "Asia/Calcutta"), spelt in its letter case;
 * no UTC offsets ("+05:30").
 */
export function isTimeZoneName(value: string): boolean {
  if (TIME_ZONES.includes(value)) return true;
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(value)) return false;
  try {
    const spelt = new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
    return spelt === value || spelt.toLowerCase() !== value.toLowerCase();
  } catch {
    return false;
  }
}

/** A zone the API takes; `extra` names one more to accept (the lot's own, whatever this browser knows). */
export const timeZoneRule =
  (extra?: string) =>
  (control: AbstractControl): ValidationErrors | null => {
    const value = String(control.value ?? '');
    if (value === '' || value === extra || isTimeZoneName(value)) return null;
    return { timeZone: 'Pick a time zone from the list, e.g. Europe/Berlin' };
  };

/** How many matches the list shows at once: the whole database is ~400 names. */
const SHOWN = 50;

/** A time zone picked by typing part of its name ("berl", "new_y") and choosing from the matches. */
@Component({
  selector: 'app-time-zone-field',
  imports: [ReactiveFormsModule, MatAutocompleteModule, MatFormFieldModule, MatInputModule],
  template: `
    <mat-form-field class="full-width">
      <mat-label>Time zone</mat-label>
      <input
        matInput
        [formControl]="control()"
        [matAutocomplete]="zones"
        autocomplete="off"
        (input)="typed.set($any($event.target).value)"
        spellcheck="false"
        required
      />
      <mat-autocomplete #zones="matAutocomplete">
        @for (zone of matches(); track zone) {
          <mat-option [value]="zone">{{ zone }}</mat-option>
        }
      </mat-autocomplete>
      <mat-hint>{{ hint() }}</mat-hint>
      <mat-error>{{ fieldError(control(), 'Time zone') }}</mat-error>
    </mat-form-field>
  `,
  styles: `
    :host {
      display: block;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TimeZoneField {
  readonly control = input.required<FormControl<string>>();
  readonly hint = input('The tariff’s hours are read in this zone');
  protected readonly fieldError = fieldError;

  /** What the admin typed; until then the list starts from the top. */
  protected readonly typed = signal('');
  protected readonly matches = computed(() => {
    const text = this.typed().trim().toLowerCase().replace(/\s+/g, '_');
    const found = text
      ? TIME_ZONES.filter((zone) => zone.toLowerCase().includes(text))
      : TIME_ZONES;
    return found.slice(0, SHOWN);
  });
}
