import { HourOfWeekOccupancyDto } from '../../api/models';
import { formatFigure } from '../../shared/number-format';
import { WEEKDAY_NAMES } from './tariff-model';

export interface HeatMapCell {
  hour: number;
  /** Average occupied spots; null when the range had no such hour. */
  value: number | null;
  /** 0–1 of the busiest cell: how strongly the cell is coloured. */
  intensity: number;
  /** The cell in words, for screen readers and the tooltip. */
  label: string;
}

export interface HeatMapRow {
  day: string;
  cells: HeatMapCell[];
}

/** ISO weekdays 1–7, Monday first, as the API numbers them. */
export const HOURS_OF_DAY = Array.from({ length: 24 }, (_, hour) => hour);

export const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/**
 * An average number of spots as the map writes it, in the user's locale: one decimal at most, two below
 * one spot, so that a quiet lot's busiest hour (say 0.04) never reads as "0" beside a coloured cell.
 */
export function formatSpots(value: number): string {
  if (value > 0 && value < 0.01) return `< ${formatFigure(0.01, 2)}`;
  return formatFigure(value, value < 1 ? 2 : 1);
}

/** The colour scale's ends: nothing parked (the lightest colour) to the busiest hour (the darkest). */
export function heatMapScale(entries: HourOfWeekOccupancyDto[]): { low: number; high: number } {
  return { low: 0, high: Math.max(0, ...entries.map((e) => e.averageOccupiedSpots ?? 0)) };
}

/**
 * The API's occupancy by hour of week (168 entries in any order) as 7 rows of 24 cells, Monday 0:00
 * first; an entry the API left out reads as "no data", like an hour the range never had.
 */
export function heatMapRows(entries: HourOfWeekOccupancyDto[]): HeatMapRow[] {
  const byKey = new Map(entries.map((e) => [`${e.isoWeekday}-${e.hour}`, e.averageOccupiedSpots]));
  const busiest = heatMapScale(entries).high;
  return WEEKDAY_NAMES.map((day, index) => ({
    day,
    cells: HOURS_OF_DAY.map((hour) => {
      const value = byKey.get(`${index + 1}-${hour}`) ?? null;
      const when = `${day} ${hourLabel(hour)}–${hourLabel((hour + 1) % 24)}`;
      return {
        hour,
        value,
        intensity: value && busiest ? value / busiest : 0,
        label:
          value === null
            ? `${when}: no data`
            : `${when}: ${formatSpots(value)} ${value === 1 ? 'spot' : 'spots'} occupied on average`,
      };
    }),
  }));
}
