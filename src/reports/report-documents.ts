import { DriverTotals, ReportFormat } from './report-format';
import type { PdfReport } from './report-pdf';
import type { BusiestHour, DayFigures, DriverMonth, DriverSpend, LotFigures, PeriodTotals } from './reports.repository';

/** The figures of a monthly admin report (R-JOB-4). */
export interface AdminMonth {
  label: string;
  timeZone: string;
  totals: PeriodTotals;
  busiestHour: BusiestHour | null;
  lots: LotFigures[];
  days: DayFigures[];
  topDrivers: DriverSpend[];
  definitions: string[];
}

/** One bar per local day; the 1st and every 5th day are labelled, like ticks on an axis. */
function dayBars<T extends { date: string }>(days: T[], value: (day: T) => number) {
  return days.map((day) => {
    const dayOfMonth = Number(day.date.slice(8));
    return { label: dayOfMonth === 1 || dayOfMonth % 5 === 0 ? String(dayOfMonth) : '', value: value(day) };
  });
}

/** The admin's PDF: summary, daily revenue chart, top lots, top drivers and the day-by-day figures. */
export function adminMonthPdf(month: AdminMonth, format: ReportFormat): PdfReport {
  const { money } = format;
  return {
    title: `Monthly report: ${month.label}`,
    subtitle: `Vehicle Parking · days local to ${month.timeZone}`,
    summary: [
      { label: 'Bookings', value: String(month.totals.bookings) },
      { label: 'Revenue', value: money(month.totals.revenueCents) },
      { label: 'New drivers', value: String(month.totals.newUsers) },
      { label: 'Busiest hour', value: format.busiestHour(month.busiestHour) },
    ],
    chart: { title: 'Revenue per day', bars: dayBars(month.days, (day) => day.revenueCents), formatValue: money },
    tables: [
      {
        title: 'Top lots',
        columns: [
          { header: 'Lot', width: 0.46 },
          { header: 'Bookings', width: 0.16, align: 'right' },
          { header: 'Revenue', width: 0.2, align: 'right' },
          { header: 'Occupancy', width: 0.18, align: 'right' },
        ],
        rows: month.lots.map((lot) => [lot.name, String(lot.bookings), money(lot.revenueCents), format.percent(lot.occupancyPercent)]),
      },
      {
        title: 'Top drivers',
        columns: [
          { header: 'Driver', width: 0.3 },
          { header: 'E-mail', width: 0.36 },
          { header: 'Charged', width: 0.14, align: 'right' },
          { header: 'Spend', width: 0.2, align: 'right' },
        ],
        rows: month.topDrivers.map((driver) => [driver.name, driver.email, String(driver.chargedBookings), money(driver.spendCents)]),
      },
      {
        title: 'Day by day',
        columns: [
          { header: 'Day', width: 0.5 },
          { header: 'Bookings', width: 0.25, align: 'right' },
          { header: 'Revenue', width: 0.25, align: 'right' },
        ],
        rows: month.days.map((day) => [day.date, String(day.bookings), money(day.revenueCents)]),
      },
    ],
    notes: month.definitions,
  };
}

/** A driver's PDF: summary, daily spend chart and the month by lot. */
export function driverMonthPdf(label: string, month: DriverMonth, totals: DriverTotals, definitions: string[], format: ReportFormat): PdfReport {
  const { money } = format;
  return {
    title: `Your parking in ${label}`,
    subtitle: `${month.driver.name} <${month.driver.email}>`,
    summary: [
      { label: 'Bookings', value: String(totals.bookings) },
      { label: 'Hours parked', value: format.hours(totals.hoursParked) },
      { label: 'Spend', value: money(totals.spendCents) },
      { label: 'Favourite lot', value: totals.favouriteLot ?? '—' },
    ],
    chart: { title: 'Spend per day', bars: dayBars(month.days, (day) => day.spendCents), formatValue: money },
    tables: [
      {
        title: 'By lot',
        columns: [
          { header: 'Lot', width: 0.46 },
          { header: 'Bookings', width: 0.16, align: 'right' },
          { header: 'Hours parked', width: 0.18, align: 'right' },
          { header: 'Spend', width: 0.2, align: 'right' },
        ],
        rows: month.lots.map((lot) => [lot.name, String(lot.bookings), format.hours(lot.hoursParked), money(lot.spendCents)]),
      },
    ],
    notes: definitions,
  };
}
