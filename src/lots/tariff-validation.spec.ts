import { ALL_WEEKDAYS, oneBandTariff, TariffBand } from '../pricing/tariff';
import { clockMinutes, coverageProblems, tariffProblems } from './tariff-validation';

const WEEKDAYS: TariffBand['days'] = [1, 2, 3, 4, 5];
const WEEKEND: TariffBand['days'] = [6, 7];
const band = (days: TariffBand['days'], from: string, to: string, ratePerHourCents = 100): TariffBand => ({ days, from, to, ratePerHourCents });

/** Day 08:00–18:00 at 3.00, night at 1.00, every day: two night bands, as a span across midnight must be. */
const dayAndNight = [band(ALL_WEEKDAYS, '00:00', '08:00'), band(ALL_WEEKDAYS, '08:00', '18:00', 300), band(ALL_WEEKDAYS, '18:00', '24:00')];

describe('clockMinutes', () => {
  it.each([
    ['00:00', 0],
    ['08:30', 510],
    ['23:59', 1439],
    ['24:00', 1440],
  ])('%s is minute %d of the day', (time, minutes) => {
    expect(clockMinutes(time)).toBe(minutes);
  });
});

describe('coverageProblems (R-TARIFF-1: every minute of the week exactly once)', () => {
  it('accepts one band for the whole week, and day and night bands', () => {
    expect(coverageProblems(oneBandTariff(250, 'UTC').bands)).toEqual([]);
    expect(coverageProblems(dayAndNight)).toEqual([]);
    expect(coverageProblems([band(WEEKDAYS, '00:00', '24:00', 300), band(WEEKEND, '00:00', '24:00', 0)])).toEqual([]);
  });

  it('names a gap by weekday and local times', () => {
    const mondayWithoutAnHour = [band([1], '00:00', '18:00'), band([2, 3, 4, 5, 6, 7], '00:00', '19:00'), band(ALL_WEEKDAYS, '19:00', '24:00')];
    expect(coverageProblems(mondayWithoutAnHour)).toEqual(['Gap: Monday 18:00–19:00']);
  });

  it('names an overlap, and only the minutes that overlap', () => {
    const doubled = [...dayAndNight, band([2], '07:30', '09:15', 500)];
    expect(coverageProblems(doubled)).toEqual(['Overlap: Tuesday 07:30–09:15']);
  });

  it('names a day without any band, and a single uncovered minute', () => {
    expect(coverageProblems([band([1, 2, 3, 4, 5, 6], '00:00', '24:00')])).toEqual(['Gap: Sunday 00:00–24:00']);
    expect(coverageProblems([band(ALL_WEEKDAYS, '00:00', '12:00'), band(ALL_WEEKDAYS, '12:01', '24:00')])).toEqual(
      ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'].map((day) => `Gap: ${day} 12:00–12:01`),
    );
  });

  it('names a span across midnight once per day, as bands are written', () => {
    // Nothing from Friday 22:00 to Saturday 06:00.
    const bands = [band([1, 2, 3, 4, 7], '00:00', '24:00'), band([5], '00:00', '22:00'), band([6], '06:00', '24:00')];
    expect(coverageProblems(bands)).toEqual([
      'Gap: Friday 22:00–24:00',
      'Gap: Saturday 00:00–06:00',
    ]);
  });

  it('names every gap and overlap in week order, a gap next to an overlap as two', () => {
    const bands = [
      band([1], '00:00', '10:00'),
      band([1], '09:00', '12:00'),
      // Monday 12:00–13:00 missing.
      band([1], '13:00', '24:00'),
      band([2, 3, 4, 5, 6, 7], '00:00', '24:00'),
      band([3], '23:00', '24:00'),
    ];
    expect(coverageProblems(bands)).toEqual(['Overlap: Monday 09:00–10:00', 'Gap: Monday 12:00–13:00', 'Overlap: Wednesday 23:00–24:00']);
  });

  it('counts a weekday named twice in one band once; a band whose from is not before its to covers nothing', () => {
    expect(coverageProblems([band([1, 1, 2, 3, 4, 5, 6, 7], '00:00', '24:00')])).toEqual([]);
    expect(coverageProblems([...dayAndNight.slice(0, 2), band(ALL_WEEKDAYS, '24:00', '18:00')])).toEqual(
      ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'].map((day) => `Gap: ${day} 18:00–24:00`),
    );
  });

  it('names the whole week when there are no bands', () => {
    expect(coverageProblems([])).toHaveLength(7);
  });

  it('is what tariffProblems answers for a tariff', () => {
    expect(tariffProblems({ ...oneBandTariff(100, 'UTC'), bands: [band(WEEKDAYS, '00:00', '24:00')] })).toEqual([
      'Gap: Saturday 00:00–24:00',
      'Gap: Sunday 00:00–24:00',
    ]);
  });
});
