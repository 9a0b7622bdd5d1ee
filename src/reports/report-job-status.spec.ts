import type { Job } from 'bull';
import { reportJobStatus } from './report-job-status';

function job(fields: Partial<Job>, progress: unknown = 0): Job {
  return {
    id: 'daily-reminders:2026-11-21',
    name: 'daily-reminders',
    data: { date: '2026-11-21', at: '2026-11-21T17:00:00.000Z' },
    timestamp: Date.UTC(2026, 10, 21, 17),
    attemptsMade: 0,
    progress: () => progress,
    ...fields,
  } as unknown as Job;
}

describe('reportJobStatus', () => {
  it('shows the counts a running job reported, and no share yet', () => {
    expect(reportJobStatus(job({}, { mailed: 500, note: 'text is not a count' }), 'active')).toEqual({
      jobId: 'daily-reminders:2026-11-21',
      name: 'daily-reminders',
      label: 'Reminders · November 21, 2026 · scheduled',
      period: '2026-11-21',
      periodLabel: 'November 21, 2026',
      trigger: 'scheduled',
      state: 'active',
      progress: 0,
      counts: { mailed: 500 },
      attemptsMade: 0,
      createdAt: '2026-11-21T17:00:00.000Z',
    });
  });

  it('shows the result of a completed job as its counts, at 100', () => {
    const done = job({ returnvalue: { admins: 2, drivers: 1200 }, finishedOn: Date.UTC(2026, 10, 21, 17, 1) }, { admins: 2, drivers: 1000, alreadySent: 0 });
    expect(reportJobStatus(done, 'completed')).toMatchObject({ state: 'completed', progress: 100, counts: { admins: 2, drivers: 1200 }, finishedAt: '2026-11-21T17:01:00.000Z' });
  });

  it('names each job by what it does, its period and who started it, not by its id', () => {
    const monthly = job({ id: 'monthly-report:2026-11:manual-6f1c2a7e-1c39-4f57-9a57-3f1f0b1f9e2d', name: 'monthly-report', data: { month: '2026-11' } });
    expect(reportJobStatus(monthly, 'waiting')).toMatchObject({
      label: 'Monthly report · November 2026 · manual',
      period: '2026-11',
      periodLabel: 'November 2026',
      trigger: 'manual',
    });
    const daily = job({ id: 'daily-report:2026-12-07', name: 'daily-report', data: { date: '2026-12-07' } });
    expect(reportJobStatus(daily, 'completed').label).toBe('Daily report · December 7, 2026 · scheduled');
    const driver = job({ id: 'driver-monthly-report:2026-11:u1', name: 'driver-monthly-report', data: { month: '2026-11', userId: 'u1' } });
    expect(reportJobStatus(driver, 'completed').label).toBe("A driver's monthly report · November 2026 · scheduled");
  });

  it('shows a period that is not a real date as it is, and a job without one by its name', () => {
    const poison = job({ id: 'daily-report:poison-1', name: 'daily-report', data: { date: '2025-02-30' } });
    expect(reportJobStatus(poison, 'failed')).toMatchObject({ label: 'Daily report · 2025-02-30 · scheduled', period: '2025-02-30', periodLabel: '2025-02-30' });
    const odd = job({ id: 'cleanup:1', name: 'cleanup', data: null });
    expect(reportJobStatus(odd, 'waiting')).toMatchObject({ label: 'cleanup · scheduled', period: null, periodLabel: null });
  });

  it('gives the reason of a failed job', () => {
    expect(reportJobStatus(job({ failedReason: 'boom', attemptsMade: 3 }), 'failed')).toMatchObject({ state: 'failed', failedReason: 'boom', attemptsMade: 3, counts: {} });
  });

  it.each(['waiting', 'delayed', 'paused', 'stuck'] as const)('shows a %s job as waiting, without a stale reason', (state) => {
    const status = reportJobStatus(job({ failedReason: 'first attempt failed', attemptsMade: 1 }), state);
    expect(status.state).toBe('waiting');
    expect(status).not.toHaveProperty('failedReason');
  });
});
