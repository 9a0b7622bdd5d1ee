import { ALL_WEEKDAYS, oneBandTariff, Tariff } from '../pricing/tariff';
import { localWeekMinute, rateInForce } from './rate-in-force';

/** Weekdays 08:00–18:00 at 3.00, weekday nights at 1.00, weekends at 0.50, in Berlin. */
const berlin: Tariff = {
  ...oneBandTariff(100, 'Europe/Berlin'),
  bands: [
    { days: [1, 2, 3, 4, 5], from: '00:00', to: '08:00', ratePerHourCents: 100 },
    { days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00', ratePerHourCents: 300 },
    { days: [1, 2, 3, 4, 5], from: '18:00', to: '24:00', ratePerHourCents: 100 },
    { days: [6, 7], from: '00:00', to: '24:00', ratePerHourCents: 50 },
  ],
};

describe('localWeekMinute', () => {
  it('reads the weekday and wall-clock minute in the zone, across the date line and DST', () => {
    // Monday 2030-01-14 23:30 UTC is Tuesday 00:30 in Berlin (+01:00) and Monday 18:30 in New York.
    expect(localWeekMinute(new Date('2030-01-14T23:30:00Z'), 'Europe/Berlin')).toEqual({ day: 2, minute: 30 });
    expect(localWeekMinute(new Date('2030-01-14T23:30:00Z'), 'America/New_York')).toEqual({ day: 1, minute: 18 * 60 + 30 });
    // Kolkata is +05:30.
    expect(localWeekMinute(new Date('2030-01-14T23:30:00Z'), 'Asia/Kolkata')).toEqual({ day: 2, minute: 5 * 60 });
    // Sunday 2030-03-31 01:00 UTC: Berlin has just sprung to summer time, 03:00 local.
    expect(localWeekMinute(new Date('2030-03-31T01:00:00Z'), 'Europe/Berlin')).toEqual({ day: 7, minute: 180 });
  });
});

describe('rateInForce', () => {
  it('is the one rate of a one-band tariff at any instant', () => {
    for (const at of ['2030-01-14T00:00:00Z', '2030-06-15T12:34:00Z', '2030-12-31T23:59:59Z']) {
      expect(rateInForce(oneBandTariff(250, 'Pacific/Chatham'), new Date(at))).toBe(250);
    }
  });

  it('switches at a band edge in the lot’s zone: from is inclusive, to exclusive', () => {
    // Tuesday 2030-01-15, Berlin is UTC+01:00: the day band starts at 07:00 UTC and ends at 17:00 UTC.
    expect(rateInForce(berlin, new Date('2030-01-15T06:59:59Z'))).toBe(100);
    expect(rateInForce(berlin, new Date('2030-01-15T07:00:00Z'))).toBe(300);
    expect(rateInForce(berlin, new Date('2030-01-15T16:59:59Z'))).toBe(300);
    expect(rateInForce(berlin, new Date('2030-01-15T17:00:00Z'))).toBe(100);
    // In summer (+02:00) the same local edge is an hour earlier in UTC.
    expect(rateInForce(berlin, new Date('2030-07-16T06:00:00Z'))).toBe(300);
  });

  it('takes the weekday from the local date, not the UTC one', () => {
    // Friday 2030-01-18 23:30 UTC is already Saturday in Berlin.
    expect(rateInForce(berlin, new Date('2030-01-18T23:30:00Z'))).toBe(50);
    expect(rateInForce({ ...berlin, timeZone: 'UTC' }, new Date('2030-01-18T23:30:00Z'))).toBe(100);
  });

  it('refuses a tariff that leaves the instant uncovered (stored tariffs never do)', () => {
    const weekdaysOnly: Tariff = { ...berlin, bands: [{ days: [1, 2, 3, 4, 5], from: '00:00', to: '24:00', ratePerHourCents: 1 }] };
    expect(() => rateInForce(weekdaysOnly, new Date('2030-01-19T12:00:00Z'))).toThrow(/ISO weekday 6/);
    expect(rateInForce({ ...weekdaysOnly, bands: [{ ...weekdaysOnly.bands[0], days: ALL_WEEKDAYS }] }, new Date('2030-01-19T12:00:00Z'))).toBe(1);
  });
});
