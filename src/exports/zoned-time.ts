import { PgUtcTimestamp } from './pg-timestamp';

const HOUR_MS = 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** `+01:00`, `-03:30`, `+00:00`: the offset of a local time from UTC, in whole minutes. */
function offsetText(offsetMinutes: number): string {
  const abs = Math.abs(offsetMinutes);
  return `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** How Intl names an offset with `timeZoneName: 'longOffset'`: `GMT` (zero), `GMT+01:00`, `GMT-03:30`. */
const GMT_OFFSET = /GMT(?:([+-])(\d{2}):(\d{2}))?/;

/**
 * Writes instants as a person reads them on their calendar: the wall-clock time in one zone with that
 * zone's offset at the instant, to the minute — `2026-12-08 14:05 +01:00`, `2026-07-01 09:30 +02:00`.
 *
 * An export writes a million of these: Intl is asked for the offset once per hour of the timeline (an
 * offset changes at most once within an hour, and on a whole hour or half hour in every zone in use), and
 * asked for the exact instant only in the hour a change falls in.
 */
export class ZonedTimeFormat {
  private readonly offsetName: Intl.DateTimeFormat;
  /** The offset (minutes) of every instant of a UTC hour, or null when it changes within that hour. */
  private readonly hourOffsets = new Map<number, number | null>();

  constructor(readonly timeZone: string) {
    this.offsetName = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  }

  /** A timestamp as PostgreSQL writes it in UTC (the export's rows), or null for none. */
  pg(value: PgUtcTimestamp | null): string | null {
    if (value === null) return null;
    const epochMs = Date.UTC(+value.slice(0, 4), +value.slice(5, 7) - 1, +value.slice(8, 10), +value.slice(11, 13), +value.slice(14, 16), +value.slice(17, 19));
    return this.format(epochMs);
  }

  format(epochMs: number): string {
    const offset = this.offsetAt(epochMs);
    const local = new Date(epochMs + offset * 60_000);
    const day = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
    return `${day} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())} ${offsetText(offset)}`;
  }

  /** Minutes the zone's clock is ahead of UTC at this instant. */
  offsetAt(epochMs: number): number {
    const hour = Math.floor(epochMs / HOUR_MS);
    let offset = this.hourOffsets.get(hour);
    if (offset === undefined) {
      const [first, last] = [this.exactOffset(hour * HOUR_MS), this.exactOffset((hour + 1) * HOUR_MS - 1)];
      offset = first === last ? first : null;
      this.hourOffsets.set(hour, offset);
    }
    return offset ?? this.exactOffset(epochMs);
  }

  private exactOffset(epochMs: number): number {
    const name = this.offsetName.formatToParts(epochMs).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
    const [, sign, hours, minutes] = GMT_OFFSET.exec(name) ?? [];
    if (!sign) return 0;
    return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
  }
}
