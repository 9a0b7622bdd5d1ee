import { ALL_WEEKDAYS, Tariff } from '../../src/pricing/tariff';

/**
 * The day/night tariff the tariff and quote API tests store and price. Berlin: nights 1.00 an hour,
 * weekdays 07:00–19:00 3.00, weekend days 2.00; 10 minutes free, 15-minute steps, the first hour 2.50
 * flat, at most 24.00 a day.
 */
export const DAY_AND_NIGHT: Tariff = {
  timeZone: 'Europe/Berlin',
  bands: [
    { days: ALL_WEEKDAYS, from: '00:00', to: '07:00', ratePerHourCents: 100 },
    { days: [1, 2, 3, 4, 5], from: '07:00', to: '19:00', ratePerHourCents: 300 },
    { days: [6, 7], from: '07:00', to: '19:00', ratePerHourCents: 200 },
    { days: ALL_WEEKDAYS, from: '19:00', to: '24:00', ratePerHourCents: 100 },
  ],
  graceMinutes: 10,
  incrementMinutes: 15,
  firstPeriod: { minutes: 60, cents: 250 },
  dailyMaxCents: 2400,
};
