/**
 * A lot's tariff (R-TARIFF-1): what a minute of parking costs at each local time of the week, in the lot's
 * time zone, with the rules that shape a bill (grace, billing step, a flat first period, a daily cap).
 * Plain data: stored as one immutable version per change (R-TARIFF-2), priced by `priceStay`.
 */

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const INCREMENT_MINUTES = [1, 5, 10, 15, 30, 60] as const;
export type IncrementMinutes = (typeof INCREMENT_MINUTES)[number];

/** A rate for a span of local wall-clock time on some weekdays: `from` < `to`, "HH:MM", `to` may be "24:00". */
export interface TariffBand {
  days: IsoWeekday[];
  from: string;
  to: string;
  ratePerHourCents: number;
}

/** The first `minutes` of a stay cost `cents` flat, however short the stay (R-TARIFF-3 step 3). */
export interface FirstPeriod {
  minutes: number;
  cents: number;
}

export interface Tariff {
  /** IANA time zone the bands' wall-clock times are read in. */
  timeZone: string;
  /** Together they cover every minute of the week exactly once. */
  bands: TariffBand[];
  graceMinutes: number;
  incrementMinutes: IncrementMinutes;
  firstPeriod: FirstPeriod | null;
  /** At most this much per 24-hour window counted from the stay's start; null: no cap. */
  dailyMaxCents: number | null;
}

export const ALL_WEEKDAYS: IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];

/** The tariff a single hourly rate means (`pricePerHourCents`): R-PRICE-2 exactly. */
export function oneBandTariff(ratePerHourCents: number, timeZone: string): Tariff {
  return {
    timeZone,
    bands: [{ days: [...ALL_WEEKDAYS], from: '00:00', to: '24:00', ratePerHourCents }],
    graceMinutes: 0,
    incrementMinutes: 1,
    firstPeriod: null,
    dailyMaxCents: null,
  };
}
