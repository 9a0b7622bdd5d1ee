import { BookingStatus } from '../bookings/entities/booking.entity';
import { BookingsByStatusDto, HourOfWeekOccupancyDto } from './dto/stats.dto';

/** Rounds to two decimals: figures for charts, not for accounting. */
export const round2 = (value: number) => Math.round(value * 100) / 100;

/** One entry per key, in the keys' order, zero where the rows have none. */
export function zeroFilled<K extends string>(keys: readonly K[], rows: readonly { key: K; value: number }[]): Map<K, number> {
  const filled = new Map(keys.map((key) => [key, 0]));
  for (const row of rows) if (filled.has(row.key)) filled.set(row.key, filled.get(row.key)! + row.value);
  return filled;
}

/** Every status, zero where none; the rows may repeat a status (one per day). */
export function countByStatus(rows: readonly { status: BookingStatus; bookings: number }[]): BookingsByStatusDto {
  const counts = zeroFilled(Object.values(BookingStatus), rows.map((row) => ({ key: row.status, value: row.bookings })));
  return Object.fromEntries(counts) as Record<BookingStatus, number>;
}

/** Mean minutes over the rows of completed bookings (one per day), or null without any. */
export function averageStayMinutes(rows: readonly { status: BookingStatus; bookings: number; parked_seconds: number | null }[]): number | null {
  const completed = rows.filter((row) => row.status === BookingStatus.Completed);
  const bookings = completed.reduce((sum, row) => sum + row.bookings, 0);
  if (!bookings) return null;
  return round2(completed.reduce((sum, row) => sum + (row.parked_seconds ?? 0), 0) / bookings / 60);
}

/**
 * The 168 hours of the week, Monday 0:00 first: parked spot-seconds over the hours' length is the average
 * number of occupied spots; null for an hour of week the range has not had (yet).
 */
export function hourOfWeekGrid(rows: readonly { iso_weekday: number; hour: number; spot_seconds: number; seconds: number }[]): HourOfWeekOccupancyDto[] {
  const byHour = new Map(rows.map((row) => [`${row.iso_weekday}:${row.hour}`, row]));
  return Array.from({ length: 7 * 24 }, (_, i) => {
    const [isoWeekday, hour] = [Math.floor(i / 24) + 1, i % 24];
    const row = byHour.get(`${isoWeekday}:${hour}`);
    const seconds = row?.seconds ?? 0;
    return { isoWeekday, hour, averageOccupiedSpots: seconds > 0 ? round2(row!.spot_seconds / seconds) : null, hours: round2(seconds / 3600) };
  });
}
