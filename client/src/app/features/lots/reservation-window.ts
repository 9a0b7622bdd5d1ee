import { AbstractControl, FormControl, ValidationErrors } from '@angular/forms';
import { toLocalInputValue } from '../../shared/time/local-time';

// R-BOOK-2: start not in the past (1 minute of skew) and at most 90 days ahead; 15 minutes to 7 days.
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const SKEW = MINUTE;
const MAX_AHEAD = 90 * DAY;
const MIN_LENGTH = 15 * MINUTE;
const MAX_LENGTH = 7 * DAY;

const timeOf = (value: unknown) =>
  typeof value === 'string' && value ? new Date(value).getTime() : NaN;

export function reservationStartRule(control: AbstractControl): ValidationErrors | null {
  const start = timeOf(control.value);
  if (Number.isNaN(start)) return control.value ? { startAt: 'Enter a date and time' } : null;
  if (start < Date.now() - SKEW) return { startAt: 'The start cannot be in the past' };
  if (start > Date.now() + MAX_AHEAD) return { startAt: 'Reservations open at most 90 days ahead' };
  return null;
}

/** Reads the start from its sibling `startAt`; the page revalidates the end when the start changes. */
export function reservationEndRule(control: AbstractControl): ValidationErrors | null {
  const end = timeOf(control.value);
  const start = timeOf(control.parent?.get('startAt')?.value);
  if (Number.isNaN(end)) return control.value ? { endAt: 'Enter a date and time' } : null;
  if (Number.isNaN(start)) return null;
  if (end <= start) return { endAt: 'The end must be after the start' };
  if (end - start < MIN_LENGTH) return { endAt: 'The window must last at least 15 minutes' };
  if (end - start > MAX_LENGTH) return { endAt: 'The window can last at most 7 days' };
  return null;
}

/**
 * The end rule reads its sibling, so it must run again once the group exists (a control validates
 * before it has a parent) and whenever the start changes.
 */
export function linkWindow(startAt: FormControl<string>, endAt: FormControl<string>): void {
  endAt.updateValueAndValidity();
  // Both controls live exactly as long as their form: the subscription needs no teardown.
  startAt.valueChanges.subscribe(() => endAt.updateValueAndValidity());
}

/** How long a window the form suggests. */
const SUGGESTED_LENGTH = 2 * 60 * MINUTE;

/** A datetime-local value as the URL carries it (`2026-11-23T09:15`): a real moment, or not one. */
export function isLocalDateTime(value: string | undefined): value is string {
  return !!value && /^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(value) && !Number.isNaN(timeOf(value));
}

/** A sensible first window: starting at the next quarter hour, two hours long, in local time. */
export function defaultWindow(now = new Date()): { startAt: string; endAt: string } {
  const start = new Date(now);
  start.setSeconds(0, 0);
  start.setMinutes(Math.ceil((start.getMinutes() + 1) / 15) * 15);
  return windowFrom(start);
}

/**
 * The suggested window starting at `start` (e.g. when a full lot's next spot frees), rounded up to the
 * whole minute the inputs show: rounding down would overlap the booking that ends at `start`.
 */
export function windowFrom(start: Date): { startAt: string; endAt: string } {
  const from = new Date(Math.ceil(start.getTime() / MINUTE) * MINUTE);
  const end = new Date(from.getTime() + SUGGESTED_LENGTH);
  return { startAt: toLocalInputValue(from), endAt: toLocalInputValue(end) };
}
