const QUARTER_MS = 15 * 60_000;

/** Local ISO weekday (1 = Monday … 7 = Sunday) and hour (0–23) of an instant. */
export interface LocalHour {
  isoWeekday: number;
  hour: number;
}

/**
 * The local weekday and hour of any instant of a span, looked up in a table built once per quarter hour
 * (every zone's offset and daylight-saving change is a whole number of quarters). Intl is far too slow
 * to ask for each of the millions of instants a year of demo bookings needs.
 */
export class LocalHours {
  private readonly isoWeekdays: Uint8Array;
  private readonly hours: Uint8Array;
  /** The first quarter of the table, on a UTC quarter hour: local quarters start on UTC ones. */
  private readonly from: number;

  constructor(from: Date, to: Date, timeZone: string) {
    this.from = Math.floor(from.getTime() / QUARTER_MS) * QUARTER_MS;
    const format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric' });
    const size = Math.ceil((to.getTime() - this.from) / QUARTER_MS) + 1;
    this.isoWeekdays = new Uint8Array(size);
    this.hours = new Uint8Array(size);
    for (let i = 0; i < size; i++) {
      const parts = format.formatToParts(new Date(this.from + i * QUARTER_MS));
      const get = (type: string) => Number(parts.find((part) => part.type === type)!.value);
      const weekday = new Date(Date.UTC(get('year'), get('month') - 1, get('day'))).getUTCDay();
      this.isoWeekdays[i] = weekday === 0 ? 7 : weekday;
      this.hours[i] = get('hour');
    }
  }

  at(instant: number): LocalHour {
    const i = Math.max(0, Math.min(this.hours.length - 1, Math.floor((instant - this.from) / QUARTER_MS)));
    return { isoWeekday: this.isoWeekdays[i], hour: this.hours[i] };
  }
}
