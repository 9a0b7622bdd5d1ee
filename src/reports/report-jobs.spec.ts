import { JobName } from '../queues/queue-names';
import {
  dailyRemindersJob,
  dailyReportJob,
  driverMonthlyReportJob,
  KEEP_COMPLETED_SECONDS,
  mailJobIds,
  manualRun,
  monthlyReportJob,
  nearestMinute,
  REPORT_JOB_OPTIONS,
  SCHEDULES,
} from './report-jobs';

const BERLIN = 'Europe/Berlin';

describe('report jobs: periods and deterministic ids (R-JOB-7)', () => {
  it('names the previous local day at the 08:00 tick, also on the day after a DST change', () => {
    expect(dailyReportJob(new Date('2026-03-30T06:00:00Z'), BERLIN)).toEqual({ name: JobName.DailyReport, data: { date: '2026-03-29' }, jobId: 'daily-report:2026-03-29' });
    expect(dailyReportJob(new Date('2026-10-26T07:00:00Z'), BERLIN).jobId).toBe('daily-report:2026-10-25');
    // 08:00 in Auckland is still the previous UTC day.
    expect(dailyReportJob(new Date('2026-11-21T19:00:00Z'), 'Pacific/Auckland').jobId).toBe('daily-report:2026-11-21');
  });

  it('names the previous local month at 00:00 on the 1st, across the year', () => {
    expect(monthlyReportJob(new Date('2026-10-31T23:00:00Z'), BERLIN)).toEqual({ name: JobName.MonthlyReport, data: { month: '2026-10' }, jobId: 'monthly-report:2026-10' });
    expect(monthlyReportJob(new Date('2025-12-31T23:00:00Z'), BERLIN).jobId).toBe('monthly-report:2025-12');
    expect(monthlyReportJob(new Date('2026-01-01T05:00:00Z'), 'America/New_York').jobId).toBe('monthly-report:2025-12');
  });

  it('names reminders by the local date of the 18:00 tick and keeps the instant the 7 days count back from', () => {
    const at = new Date('2026-11-22T17:00:00Z');
    expect(dailyRemindersJob(at, BERLIN)).toEqual({ name: JobName.DailyReminders, data: { date: '2026-11-22', at: at.toISOString() }, jobId: 'daily-reminders:2026-11-22' });
    expect(dailyRemindersJob(new Date('2026-11-22T23:30:00Z'), 'Asia/Kolkata').jobId).toBe('daily-reminders:2026-11-23');
  });

  it('snaps a timer that fires just before midnight of the 1st to the minute it was set for', () => {
    const early = new Date('2026-10-31T22:59:59.995Z'); // 23:59:59.995 in Berlin on October 31st
    expect(monthlyReportJob(early, BERLIN).jobId).toBe('monthly-report:2026-09');
    expect(monthlyReportJob(nearestMinute(early), BERLIN).jobId).toBe('monthly-report:2026-10');
    expect(nearestMinute(new Date('2026-11-01T00:00:29.999Z')).toISOString()).toBe('2026-11-01T00:00:00.000Z');
  });

  it('gives one id per driver and month to the driver report and its mail', () => {
    expect(driverMonthlyReportJob('2026-10', 'u1')).toEqual({ name: JobName.DriverMonthlyReport, data: { month: '2026-10', userId: 'u1' }, jobId: 'driver-monthly-report:2026-10:u1' });
    expect(mailJobIds.driverMonthlyReport('2026-10', 'u1')).toBe('monthly-driver-mail:2026-10:u1');
    expect(mailJobIds.reminder('2026-11-22', 'u1')).toBe('reminder:2026-11-22:u1');
    expect(mailJobIds.adminReport('daily-report:2026-11-21', 'a1')).toBe('daily-report:2026-11-21:mail:a1');
  });

  it('gives a manual run the period of the tick under an id of its own', () => {
    const planned = dailyReportJob(new Date('2026-11-22T08:00:00Z'), 'UTC');
    const [first, second] = [manualRun(planned), manualRun(planned)];
    expect(first).toMatchObject({ name: JobName.DailyReport, data: { date: '2026-11-21' } });
    expect(first.jobId).toMatch(/^daily-report:2026-11-21:manual-[0-9a-f-]{36}$/);
    expect(second.jobId).not.toBe(first.jobId);
  });

  it('keeps completed jobs longer than a month, so a re-run during the next month still finds them', () => {
    expect(KEEP_COMPLETED_SECONDS).toBeGreaterThan(31 * 24 * 3600);
    expect(REPORT_JOB_OPTIONS).toEqual({ removeOnComplete: { age: KEEP_COMPLETED_SECONDS } });
  });

  it('schedules reminders at 18:00, the daily report at 08:00, and the monthly one on the 1st', () => {
    expect(SCHEDULES.map(({ name, cron }) => [name, cron])).toEqual([
      [JobName.DailyReminders, '0 18 * * *'],
      [JobName.DailyReport, '0 8 * * *'],
      [JobName.MonthlyReport, '0 0 1 * *'],
    ]);
  });
});
