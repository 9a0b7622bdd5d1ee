import Handlebars from 'handlebars';
import { MailFormat, registerMailHelpers } from '../mail/mail-helpers';
import { isCalendarDate, isMonth } from './report-periods';
import type { BusiestHour, DriverLotFigures } from './reports.repository';

const LOCALE = 'en-US';
const pad = (n: number) => String(n).padStart(2, '0');
/** A local date or month as a UTC instant, only to name it: the date itself is already local. */
const asUtc = (date: string) => new Date(`${date}T00:00:00Z`);
const monthName = new Intl.DateTimeFormat(LOCALE, { month: 'long', year: 'numeric', timeZone: 'UTC' });
const longDate = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'long', timeZone: 'UTC' });

/** `2025-03` → "March 2025". */
export const monthLabel = (month: string) => monthName.format(asUtc(`${month}-01`));

/**
 * A report's period as people name it: `2025-03` → "March 2025", `2025-03-30` → "March 30, 2025". Anything
 * else (a job's data comes from Redis) is shown as it is rather than as an invalid date.
 */
export function periodLabel(period: string): string {
  if (isMonth(period)) return monthLabel(period);
  return isCalendarDate(period) ? longDate.format(asUtc(period)) : period;
}

/** How reports write figures: the money of the mail templates, local dates, one-decimal shares. */
export class ReportFormat {
  readonly money: (cents: number) => string;
  private readonly fullDate = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'full', timeZone: 'UTC' });

  constructor(format: MailFormat) {
    // The very helper the templates use, so a PDF and its mail never disagree on an amount.
    const handlebars = Handlebars.create();
    registerMailHelpers(handlebars, format);
    this.money = handlebars.helpers.money as (cents: number) => string;
  }

  /** `2025-03-30` → "Sunday, March 30, 2025". */
  day(date: string): string {
    return this.fullDate.format(asUtc(date));
  }

  /** `2025-03` → "March 2025". */
  month(month: string): string {
    return monthLabel(month);
  }

  /** 10 → "10:00–11:00" (local wall-clock hour). */
  hourRange(hour: number): string {
    return `${pad(hour)}:00–${pad((hour + 1) % 24)}:00`;
  }

  /** "10:00–11:00 (2 bookings)", or a dash for a period without bookings. */
  busiestHour(busiest: BusiestHour | null): string {
    return busiest ? `${this.hourRange(busiest.hour)} (${busiest.bookings} ${busiest.bookings === 1 ? 'booking' : 'bookings'})` : '—';
  }

  percent(value: number): string {
    return `${value.toFixed(1)}%`;
  }

  hours(value: number): string {
    return value.toFixed(1);
  }
}

/** What the figures of the admin reports mean; printed under them in the mail and in the PDF. */
export function adminReportDefinitions(unit: 'day' | 'month', timeZone: string): string[] {
  return [
    `Bookings: bookings that started in the ${unit}, cancelled ones aside.`,
    `Revenue: the cost of the bookings that ended in the ${unit}, released or expired (a reservation not checked in is charged its window when it ends).`,
    `New drivers: driver accounts created in the ${unit}.`,
    `Busiest hour: the local hour of the day in which most bookings started.`,
    `Occupancy: spot-hours held by bookings over the lot's capacity times the hours of the ${unit} (a day has 23 to 25 hours across a clock change).`,
    `Days and hours are local to ${timeZone}.`,
  ];
}

export function driverReportDefinitions(timeZone: string): string[] {
  return [
    'Bookings: your bookings that started in the month, cancelled ones aside.',
    'Hours parked: from check-in (or the start, for park-now) to release, the part inside the month.',
    'Spend: what your bookings that ended in the month cost.',
    'Favourite lot: where you booked most often.',
    `Days are local to ${timeZone}.`,
  ];
}

export interface DriverTotals {
  bookings: number;
  hoursParked: number;
  spendCents: number;
  /** The lot with most bookings; then most hours parked; then by name. Null without a booking. */
  favouriteLot: string | null;
}

export function driverTotals(lots: DriverLotFigures[]): DriverTotals {
  const favourite = lots
    .filter((lot) => lot.bookings > 0)
    .sort((a, b) => b.bookings - a.bookings || b.hoursParked - a.hoursParked || a.name.localeCompare(b.name))[0];
  return {
    bookings: lots.reduce((sum, lot) => sum + lot.bookings, 0),
    hoursParked: lots.reduce((sum, lot) => sum + lot.hoursParked, 0),
    spendCents: lots.reduce((sum, lot) => sum + lot.spendCents, 0),
    favouriteLot: favourite?.name ?? null,
  };
}
