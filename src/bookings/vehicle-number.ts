/** Letters and digits only, 4–12 of them, after normalisation (R-BOOK-7). */
export const VEHICLE_NUMBER_PATTERN = /^[A-Z0-9]{4,12}$/;

/** "ab-12 cd" → "AB12CD": upper case without spaces or hyphens, so one plate has one spelling. */
export function normaliseVehicleNumber(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]+/g, '');
}
