import { dayPeriod, monthPeriod } from './report-periods';

const hours = (period: { start: Date; end: Date }) => (period.end.getTime() - period.start.getTime()) / 3_600_000;

describe('report periods (R-STAT-1b)', () => {
  it('spans a local day of 23, 24 or 25 hours', () => {
    const spring = dayPeriod('2025-03-30', 'Europe/Berlin');
    expect(spring).toEqual({
      start: new Date('2025-03-29T23:00:00Z'),
      end: new Date('2025-03-30T22:00:00Z'),
      timeZone: 'Europe/Berlin',
      firstDate: '2025-03-30',
      endDate: '2025-03-31',
    });
    expect(hours(spring)).toBe(23);
    expect(hours(dayPeriod('2025-10-26', 'Europe/Berlin'))).toBe(25);
    expect(hours(dayPeriod('2025-06-01', 'Europe/Berlin'))).toBe(24);
  });

  it('spans a local month, December into January', () => {
    expect(monthPeriod('2025-12', 'America/New_York')).toEqual({
      start: new Date('2025-12-01T05:00:00Z'),
      end: new Date('2026-01-01T05:00:00Z'),
      timeZone: 'America/New_York',
      firstDate: '2025-12-01',
      endDate: '2026-01-01',
    });
    expect(hours(monthPeriod('2025-03', 'Europe/Berlin'))).toBe(31 * 24 - 1);
  });

  it.each(['2025-02-30', '2025-13-01', '2025-1-01', 'yesterday', ''])('refuses %p as a day', (date) => {
    expect(() => dayPeriod(date, 'UTC')).toThrow(`"${date}" is not a calendar date (YYYY-MM-DD)`);
  });

  it.each(['2025-13', '2025-00', '2025-1', '2025-03-01'])('refuses %p as a month', (month) => {
    expect(() => monthPeriod(month, 'UTC')).toThrow(`"${month}" is not a month (YYYY-MM)`);
  });
});
