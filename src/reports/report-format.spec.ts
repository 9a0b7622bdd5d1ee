import { adminReportDefinitions, driverTotals, ReportFormat } from './report-format';

const lot = (name: string, bookings: number, hoursParked: number, spendCents: number) => ({ lotId: name, name, bookings, hoursParked, spendCents });

describe('ReportFormat', () => {
  const format = new ReportFormat({ currency: 'EUR', timeZone: 'Europe/Berlin' });

  it('writes money as the mail templates do', () => {
    expect(format.money(123456)).toBe('€1,234.56');
    expect(new ReportFormat({ currency: 'JPY', timeZone: 'UTC' }).money(1500)).toBe('¥1,500');
  });

  it('names local days and months without shifting them by the zone', () => {
    expect(format.day('2025-03-30')).toBe('Sunday, March 30, 2025');
    expect(format.month('2025-12')).toBe('December 2025');
  });

  it('writes the busiest hour as a wall-clock range, wrapping at midnight', () => {
    expect(format.busiestHour({ hour: 10, bookings: 2 })).toBe('10:00–11:00 (2 bookings)');
    expect(format.busiestHour({ hour: 23, bookings: 1 })).toBe('23:00–00:00 (1 booking)');
    expect(format.busiestHour(null)).toBe('—');
  });

  it('rounds shares and hours to one decimal', () => {
    expect(format.percent(9.7826)).toBe('9.8%');
    expect(format.hours(5.5)).toBe('5.5');
    expect(format.hours(3)).toBe('3.0');
  });

  it('defines the admin figures for the period it reports', () => {
    expect(adminReportDefinitions('day', 'Europe/Berlin')).toContain('Days and hours are local to Europe/Berlin.');
    expect(adminReportDefinitions('month', 'UTC')[1]).toMatch(/^Revenue: the cost of the bookings that ended in the month, released or expired/);
  });
});

describe('driverTotals', () => {
  it('sums the lots and picks the lot with most bookings as the favourite', () => {
    expect(driverTotals([lot('Bravo', 1, 1, 300), lot('Alpha', 3, 4.5, 3300)])).toEqual({ bookings: 4, hoursParked: 5.5, spendCents: 3600, favouriteLot: 'Alpha' });
  });

  it('breaks a tie on bookings by hours parked, then by name', () => {
    expect(driverTotals([lot('Alpha', 2, 1, 0), lot('Bravo', 2, 3, 0)]).favouriteLot).toBe('Bravo');
    expect(driverTotals([lot('Bravo', 2, 3, 0), lot('Alpha', 2, 3, 0)]).favouriteLot).toBe('Alpha');
  });

  it('has no favourite when the month only charged bookings started before it', () => {
    expect(driverTotals([lot('Alpha', 0, 0.5, 900)])).toEqual({ bookings: 0, hoursParked: 0.5, spendCents: 900, favouriteLot: null });
  });
});
