import { HourOfWeekOccupancyDto } from '../../api/models';
import { formatSpots, heatMapRows } from './heat-map';

const entry = (
  isoWeekday: number,
  hour: number,
  averageOccupiedSpots: number | null,
): HourOfWeekOccupancyDto => ({ isoWeekday, hour, averageOccupiedSpots, hours: 4 });

/** A full week as the API sends it: 168 entries, every one at `value`. */
const week = (value: number | null) =>
  Array.from({ length: 7 * 24 }, (_, i) => entry(Math.floor(i / 24) + 1, i % 24, value));

describe('formatSpots', () => {
  it('never writes a figure above nothing as 0', () => {
    expect(formatSpots(0)).toBe('0');
    expect(formatSpots(0.004)).toBe('< 0.01');
    expect(formatSpots(0.04)).toBe('0.04');
    expect(formatSpots(0.5)).toBe('0.5');
    expect(formatSpots(2.345)).toBe('2.3');
    expect(formatSpots(1520.5)).toBe('1,520.5');
  });
});

describe('heatMapRows: occupancy by hour of week as a 7 × 24 grid', () => {
  it('puts Monday first and Sunday last, each with hours 0 to 23', () => {
    const rows = heatMapRows(week(0));
    expect(rows.map((row) => row.day)).toEqual([
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Saturday',
      'Sunday',
    ]);
    for (const row of rows)
      expect(row.cells.map((cell) => cell.hour)).toEqual([...Array(24).keys()]);
  });

  it('places each figure by its ISO weekday and hour, whatever order the API sends them in', () => {
    const entries = week(0).reverse();
    entries.find((e) => e.isoWeekday === 7 && e.hour === 23)!.averageOccupiedSpots = 3;
    entries.find((e) => e.isoWeekday === 2 && e.hour === 9)!.averageOccupiedSpots = 1.5;
    const rows = heatMapRows(entries);
    expect(rows[6].cells[23].value).toBe(3);
    expect(rows[1].cells[9].value).toBe(1.5);
    expect(rows[0].cells[0].value).toBe(0);
  });

  it('colours each cell by its share of the busiest hour', () => {
    const entries = week(0);
    entries[0].averageOccupiedSpots = 4; // Monday 0:00
    entries[25].averageOccupiedSpots = 1; // Tuesday 1:00
    const rows = heatMapRows(entries);
    expect(rows[0].cells[0].intensity).toBe(1);
    expect(rows[1].cells[1].intensity).toBe(0.25);
    expect(rows[3].cells[12].intensity).toBe(0);
  });

  it('leaves every cell uncoloured when nothing was parked (no division by zero)', () => {
    const cells = heatMapRows(week(0)).flatMap((row) => row.cells);
    expect(cells.every((cell) => cell.intensity === 0)).toBe(true);
  });

  it('says each cell in words: the day, the hour and the figure, or that there is none', () => {
    const entries = week(2.25);
    entries[24 * 4 + 17].averageOccupiedSpots = null; // Friday 17:00, an hour the range never had
    const rows = heatMapRows(entries.filter((e) => !(e.isoWeekday === 3 && e.hour === 23)));
    expect(rows[0].cells[8].label).toBe('Monday 08:00–09:00: 2.3 spots occupied on average');
    expect(rows[4].cells[17]).toMatchObject({
      value: null,
      intensity: 0,
      label: 'Friday 17:00–18:00: no data',
    });
    // An hour the API left out reads like one without data; the last hour of a day ends at 00:00.
    expect(rows[2].cells[23].label).toBe('Wednesday 23:00–00:00: no data');
  });
});
