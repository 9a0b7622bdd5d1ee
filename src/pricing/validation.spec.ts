import { ALL_WEEKDAYS, IsoWeekday, oneBandTariff, Tariff, TariffBand } from './tariff';
import { isIanaTimeZone, tariffProblems } from './validation';

const band = (days: IsoWeekday[], from: string, to: string, ratePerHourCents = 100): TariffBand => ({ days, from, to, ratePerHourCents });
const dayAndNight = (): Tariff => ({
  timeZone: 'Europe/Berlin',
  bands: [band(ALL_WEEKDAYS, '00:00', '08:00', 100), band(ALL_WEEKDAYS, '08:00', '20:00', 300), band(ALL_WEEKDAYS, '20:00', '24:00', 100)],
  graceMinutes: 10,
  incrementMinutes: 15,
  firstPeriod: { minutes: 60, cents: 250 },
  dailyMaxCents: 2000,
});
/** A valid tariff with some fields replaced (as a client might send them: any JSON). */
const withFields = (fields: Record<string, unknown>) => ({ ...dayAndNight(), ...fields }) as Tariff;
const withBand = (index: number, fields: Record<string, unknown>) => {
  const tariff = dayAndNight();
  tariff.bands[index] = { ...tariff.bands[index], ...fields } as TariffBand;
  return tariff;
};

describe('tariffProblems', () => {
  it('finds nothing wrong with a valid tariff, a one-band tariff or free bands', () => {
    expect(tariffProblems(dayAndNight())).toEqual([]);
    expect(tariffProblems(oneBandTariff(1_000_000, 'UTC'))).toEqual([]);
    expect(tariffProblems(withFields({ timeZone: 'US/Eastern', firstPeriod: null, dailyMaxCents: null, graceMinutes: 0 }))).toEqual([]);
    expect(tariffProblems(withBand(0, { ratePerHourCents: 0 }))).toEqual([]);
    expect(tariffProblems(withFields({ graceMinutes: 120, firstPeriod: { minutes: 1440, cents: 0 }, dailyMaxCents: 0 }))).toEqual([]);
  });

  describe('time zone', () => {
    it.each(['Mars/Olympus', '+05:30', 'GMT+5', '', 42])('refuses %p', (timeZone) => {
      expect(tariffProblems(withFields({ timeZone }))).toEqual([`Time zone ${JSON.stringify(timeZone)} is not a known time zone: use an IANA time zone name such as "Europe/Berlin"`]);
    });

    it('asks for the letter case of the tz database', () => {
      expect(tariffProblems(withFields({ timeZone: 'europe/berlin' }))).toEqual(['Time zone "europe/berlin" is spelt "Europe/Berlin"']);
    });
  });

  it.each([
    [{ graceMinutes: 121 }, 'Grace period must be a whole number of minutes from 0 to 120 (got 121)'],
    [{ graceMinutes: -1 }, 'Grace period must be a whole number of minutes from 0 to 120 (got -1)'],
    [{ graceMinutes: 2.5 }, 'Grace period must be a whole number of minutes from 0 to 120 (got 2.5)'],
    [{ incrementMinutes: 7 }, 'Billing step must be 1, 5, 10, 15, 30 or 60 minutes (got 7)'],
    [{ incrementMinutes: '15' }, 'Billing step must be 1, 5, 10, 15, 30 or 60 minutes (got "15")'],
    [{ firstPeriod: { minutes: 0, cents: 100 } }, 'First period must last a whole number of minutes from 1 to 1,440 (got 0)'],
    [{ firstPeriod: { minutes: 1441, cents: 100 } }, 'First period must last a whole number of minutes from 1 to 1,440 (got 1441)'],
    [{ firstPeriod: { minutes: 60, cents: -1 } }, 'First period price must be a whole number of cents from 0 to 100,000,000 (got -1)'],
    [{ firstPeriod: 60 }, 'First period must be a number of minutes and a price, or none (got 60)'],
    [{ dailyMaxCents: 12.5 }, 'Daily maximum must be a whole number of cents from 0 to 100,000,000, or none (got 12.5)'],
    [{ dailyMaxCents: 100_000_001 }, 'Daily maximum must be a whole number of cents from 0 to 100,000,000, or none (got 100000001)'],
  ])('names a rule out of range: %p', (fields, problem) => {
    expect(tariffProblems(withFields(fields))).toEqual([problem]);
  });

  it.each([
    [{ from: '7:00' }, 'Band 2: the start must be a time "HH:MM" from 00:00 to 23:59 (got "7:00")'],
    [{ from: '24:00' }, 'Band 2: the start must be a time "HH:MM" from 00:00 to 23:59 (got "24:00")'],
    [{ to: '20:60' }, 'Band 2: the end must be a time "HH:MM" from 00:01 to 24:00 (got "20:60")'],
    [{ to: '00:00' }, 'Band 2: the end must be a time "HH:MM" from 00:01 to 24:00 (got "00:00")'],
    [{ ratePerHourCents: 1_000_001 }, 'Band 2: the rate must be a whole number of cents per hour from 0 to 1,000,000 (got 1000001)'],
    [{ ratePerHourCents: -5 }, 'Band 2: the rate must be a whole number of cents per hour from 0 to 1,000,000 (got -5)'],
    [{ ratePerHourCents: 2.5 }, 'Band 2: the rate must be a whole number of cents per hour from 0 to 1,000,000 (got 2.5)'],
  ])('names a malformed band: %p', (fields, problem) => {
    const problems = tariffProblems(withBand(1, fields));
    expect(problems[0]).toBe(problem);
  });

  it('names a band that ends before it starts, and the gaps that leaves', () => {
    const tariff = dayAndNight();
    tariff.bands = [band(ALL_WEEKDAYS, '08:00', '22:00'), band(ALL_WEEKDAYS, '22:00', '08:00')];
    const problems = tariffProblems(tariff);
    expect(problems[0]).toBe('Band 2: it starts at 22:00 but ends at 08:00; a band must end after it starts (a night rate is two bands, 22:00–24:00 and 00:00–08:00)');
    expect(problems.slice(1, 3)).toEqual(['Gap: Monday 00:00–08:00', 'Gap: Monday 22:00–24:00']);
    expect(problems).toHaveLength(1 + 14);
  });

  it('names wrong, missing and repeated days', () => {
    expect(tariffProblems(withBand(1, { days: [] }))).toEqual(['Band 2: choose at least one day', ...['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'].map((day) => `Gap: ${day} 08:00–20:00`)]);
    expect(tariffProblems(withBand(1, { days: [0, 1, 2, 3, 4, 5, 6, 7, 8] }))).toEqual(['Band 2: days are 1 (Monday) to 7 (Sunday) (got 0, 8)']);
    // A repeated day is named once, not as the band overlapping itself.
    expect(tariffProblems(withBand(1, { days: [1, 2, 2, 3, 4, 5, 6, 7, 2] }))).toEqual(['Band 2: Tuesday is listed more than once']);
  });

  it('needs bands', () => {
    expect(tariffProblems(withFields({ bands: [] }))).toEqual(['The tariff has no bands: add bands that cover every minute of the week']);
    expect(tariffProblems(withFields({ bands: undefined }))).toEqual(['The tariff has no bands: add bands that cover every minute of the week']);
  });

  describe('coverage of the week', () => {
    const weekdaysAndWeekend = (bands: TariffBand[]) => ({ ...dayAndNight(), bands });

    it('names each gap as one range per day', () => {
      const problems = tariffProblems(
        weekdaysAndWeekend([band([1, 2, 3, 4, 5], '00:00', '18:00'), band([1, 2, 3, 4, 5], '19:00', '24:00'), band([6], '00:00', '24:00'), band([7], '00:00', '23:00')]),
      );
      expect(problems).toEqual([
        'Gap: Monday 18:00–19:00',
        'Gap: Tuesday 18:00–19:00',
        'Gap: Wednesday 18:00–19:00',
        'Gap: Thursday 18:00–19:00',
        'Gap: Friday 18:00–19:00',
        'Gap: Sunday 23:00–24:00',
      ]);
    });

    it('names a whole missing day as one range, and a gap over midnight per day', () => {
      const problems = tariffProblems(weekdaysAndWeekend([band([1, 2, 3, 4, 5], '00:00', '24:00'), band([6], '01:00', '23:30')]));
      expect(problems).toEqual(['Gap: Saturday 00:00–01:00', 'Gap: Saturday 23:30–24:00', 'Gap: Sunday 00:00–24:00']);
    });

    it('names each overlap with the bands in it', () => {
      const problems = tariffProblems(
        weekdaysAndWeekend([
          band(ALL_WEEKDAYS, '00:00', '09:00'),
          band(ALL_WEEKDAYS, '09:00', '24:00'),
          band([2], '08:00', '10:00'),
          band([2], '08:30', '08:45'),
        ]),
      );
      expect(problems).toEqual([
        'Overlap: Tuesday 08:00–08:30 (bands 1 and 3)',
        'Overlap: Tuesday 08:30–08:45 (bands 1, 3 and 4)',
        'Overlap: Tuesday 08:45–09:00 (bands 1 and 3)',
        'Overlap: Tuesday 09:00–10:00 (bands 2 and 3)',
      ]);
    });

    it('names a band given twice as an overlap of the whole span', () => {
      const problems = tariffProblems(weekdaysAndWeekend([band(ALL_WEEKDAYS, '00:00', '24:00'), band([7], '00:00', '24:00', 50)]));
      expect(problems).toEqual(['Overlap: Sunday 00:00–24:00 (bands 1 and 2)']);
    });
  });
});

describe('isIanaTimeZone', () => {
  it.each(['Europe/Berlin', 'UTC', 'America/Argentina/Buenos_Aires', 'Etc/GMT+1', 'Asia/Calcutta'])('accepts %s', (zone) => {
    expect(isIanaTimeZone(zone)).toBe(true);
  });

  it.each(['Mars/Olympus', '+01:00', 'GMT+01:00 ', '', 'Europe/Berlin; DROP', 42, null, 'A'.repeat(65), 'europe/berlin'])('refuses %p', (zone) => {
    expect(isIanaTimeZone(zone)).toBe(false);
  });
});
