import type { IsoWeekday, Tariff } from '../pricing/tariff';
import { clockMinutes } from './tariff-validation';

/**
 * The hourly rate a tariff charges at an instant (R-TARIFF-1: a lot's `pricePerHourCents` is "the rate in
 * force now"): the band containing the instant's local weekday and wall-clock time in the tariff's zone.
 * The pricing module's `rateAt` will answer the same; this stands in for it until then.
 */

const ISO_WEEKDAYS: Record<string, IsoWeekday> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** Building a formatter costs far more than using one: one per zone, made on first use. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The local ISO weekday and minute of the day of an instant in a zone. */
export function localWeekMinute(at: Date, timeZone: string): { day: IsoWeekday; minute: number } {
  const parts = formatterFor(timeZone).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return { day: ISO_WEEKDAYS[part('weekday')], minute: Number(part('hour')) * 60 + Number(part('minute')) };
}

/** Throws when no band covers the instant: stored tariffs cover the whole week, so that is a bug, not input. */
export function rateInForce(tariff: Tariff, at: Date): number {
  const { day, minute } = localWeekMinute(at, tariff.timeZone);
  const band = tariff.bands.find((b) => b.days.includes(day) && clockMinutes(b.from) <= minute && minute < clockMinutes(b.to));
  if (!band) throw new Error(`The tariff has no band for ISO weekday ${day}, minute ${minute} in ${tariff.timeZone}`);
  return band.ratePerHourCents;
}
