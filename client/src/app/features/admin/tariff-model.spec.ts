import { TariffBandDto } from '../../api/models';
import {
  bandsToGrid,
  emptyGrid,
  gridToBands,
  moneyText,
  parseMoney,
  ratesInGrid,
  slotRange,
  SLOTS_PER_DAY,
} from './tariff-model';

const ALL_WEEK: TariffBandDto['days'] = [1, 2, 3, 4, 5, 6, 7];

/** Day 3.00 from 06:00 to 22:00, night 1.00 (two bands, as R-TARIFF-1 wants a night rate). */
const dayNight: TariffBandDto[] = [
  { days: ALL_WEEK, from: '00:00', to: '06:00', ratePerHourCents: 100 },
  { days: ALL_WEEK, from: '06:00', to: '22:00', ratePerHourCents: 300 },
  { days: ALL_WEEK, from: '22:00', to: '24:00', ratePerHourCents: 100 },
];

/** The worked example of docs/PRICING.md: weekdays by the clock, one weekend rate. */
const weekdayWeekend: TariffBandDto[] = [
  { days: [1, 2, 3, 4, 5], from: '00:00', to: '08:00', ratePerHourCents: 100 },
  { days: [6, 7], from: '00:00', to: '24:00', ratePerHourCents: 155 },
  { days: [1, 2, 3, 4, 5], from: '08:00', to: '20:00', ratePerHourCents: 300 },
  { days: [1, 2, 3, 4, 5], from: '20:00', to: '24:00', ratePerHourCents: 100 },
];

describe('the tariff grid', () => {
  it('gives a day/night tariff back band for band', () => {
    const { grid, approximated } = bandsToGrid(dayNight);
    expect(approximated).toBe(false);
    expect(gridToBands(grid)).toEqual(dayNight);
  });

  it('gives a weekday/weekend tariff back band for band', () => {
    const { grid } = bandsToGrid(weekdayWeekend);
    expect(grid[0][15]).toBe(100); // Monday 07:30
    expect(grid[0][16]).toBe(300); // Monday 08:00
    expect(grid[5][16]).toBe(155); // Saturday 08:00
    expect(gridToBands(grid)).toEqual([
      weekdayWeekend[0],
      weekdayWeekend[1],
      weekdayWeekend[2],
      weekdayWeekend[3],
    ]);
  });

  it('merges the same span on several days into one band and keeps a different day apart', () => {
    const { grid } = bandsToGrid(dayNight);
    grid[6].fill(0); // a free Sunday
    expect(gridToBands(grid)).toEqual([
      { days: [1, 2, 3, 4, 5, 6], from: '00:00', to: '06:00', ratePerHourCents: 100 },
      { days: [7], from: '00:00', to: '24:00', ratePerHourCents: 0 },
      { days: [1, 2, 3, 4, 5, 6], from: '06:00', to: '22:00', ratePerHourCents: 300 },
      { days: [1, 2, 3, 4, 5, 6], from: '22:00', to: '24:00', ratePerHourCents: 100 },
    ]);
  });

  it('leaves unpainted half hours out, so the API names them as gaps', () => {
    const grid = emptyGrid();
    grid[0].fill(250, 0, 36); // Monday 00:00–18:00
    expect(gridToBands(grid)).toEqual([
      { days: [1], from: '00:00', to: '18:00', ratePerHourCents: 250 },
    ]);
  });

  it('lays a band edge off the half hour on the slot whose start it covers, and says so', () => {
    const { grid, approximated } = bandsToGrid([
      { days: ALL_WEEK, from: '00:00', to: '08:15', ratePerHourCents: 100 },
      { days: ALL_WEEK, from: '08:15', to: '24:00', ratePerHourCents: 300 },
    ]);
    expect(approximated).toBe(true);
    expect(grid[2][16]).toBe(100); // 08:00–08:30 starts in the first band
    expect(grid[2][17]).toBe(300);
  });

  it('lists the rates in the order the week meets them', () => {
    expect(ratesInGrid(bandsToGrid(weekdayWeekend).grid)).toEqual([100, 300, 155]);
  });

  it('names a half hour by its local times, up to 24:00', () => {
    expect(slotRange(16)).toBe('08:00–08:30');
    expect(slotRange(SLOTS_PER_DAY - 1)).toBe('23:30–24:00');
  });
});

describe('amounts typed in currency units', () => {
  it.each([
    ['3.05', 305],
    ['0.1', 10],
    ['.5', 50],
    ['3', 300],
    [' 12.30 ', 1230],
    ['0', 0],
    ['0.07', 7],
    ['1000.50', 100050],
    // Each of these is off by one cent when multiplied as a float (x * 100).
    ['1.15', 115],
    ['4.35', 435],
    ['0.29', 29],
  ])('reads %j as %i cents', (text, cents) => {
    expect(parseMoney(text)).toBe(cents);
  });

  it.each(['1,000.50', '3,05', '1.234', '-3', '+3', '3.', '', 'abc', '3 00', '1e3'])(
    'refuses %j rather than guess',
    (text) => {
      expect(parseMoney(text)).toBeNull();
    },
  );

  it('writes cents back as the text it reads', () => {
    for (const cents of [0, 7, 10, 305, 100050]) expect(parseMoney(moneyText(cents))).toBe(cents);
    expect(moneyText(305)).toBe('3.05');
  });
});
