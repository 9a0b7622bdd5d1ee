import { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

// Each validator's error value is its message (see fieldError). The rules mirror the API's (SPEC.md)
// so a driver learns about a mistake before sending; the API still decides.

const rule =
  (name: string, test: (value: string) => boolean, message: string): ValidatorFn =>
  (control: AbstractControl): ValidationErrors | null => {
    const value = String(control.value ?? '');
    return value === '' || test(value) ? null : { [name]: message };
  };

/** R-AUTH-1: 8–128 characters (length checked by min/maxLength) with a letter and a digit. */
export const passwordRule = rule(
  'password',
  (v) => /[A-Za-z]/.test(v) && /\d/.test(v),
  'Use at least one letter and one digit',
);

/** R-AUTH-1: 3–32 of letters, digits, "_", "." and "-". */
export const usernameRule = rule(
  'username',
  (v) => /^[A-Za-z0-9_.-]{3,32}$/.test(v),
  'Use 3–32 letters, digits, "_", "." or "-"',
);

export const codeRule = rule('code', (v) => /^\d{6}$/.test(v.trim()), 'The code has 6 digits');

/** The API's normalisation (R-BOOK-7): upper case, spaces and hyphens removed. */
export const normaliseVehicleNumber = (value: string) => value.toUpperCase().replace(/[\s-]/g, '');

/** R-BOOK-7: 4–12 letters and digits once normalised. */
export const isVehicleNumber = (value: string) =>
  /^[A-Z0-9]{4,12}$/.test(normaliseVehicleNumber(value));

export const vehicleNumberRule = rule(
  'vehicleNumber',
  isVehicleNumber,
  'Use 4–12 letters and digits (spaces and hyphens are ignored)',
);

/** Spaces alone are no answer: the API trims them away and then finds nothing. */
export const notBlankRule = rule('blank', (v) => v.trim() !== '', 'Write more than spaces');

export const wholeNumberRule = rule('wholeNumber', (v) => /^\d+$/.test(v), 'Use a whole number');

/** An amount in major units (the API counts minor units, R-PRICE-1): at most two decimals. */
export const amountRule = rule(
  'amount',
  (v) => /^\d+(\.\d{1,2})?$/.test(v),
  'Use a number with at most two decimals, e.g. 2.50',
);
