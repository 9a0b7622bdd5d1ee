import type { Job } from 'bull';
import { reportJobStatus } from './report-job-status';

function job(fields: Partial<Job>, progress: unknown = 0): Job {
  return { id: 'daily-reminders:2026-11-21', name: 'daily-reminders', timestamp: Date.UTC(2026, 10, 21, 17), attemptsMade: 0, progress: () => progress, ...fields } as unknown as Job;
}

describe('reportJobStatus', () => {
  it('shows the counts a running job reported, and no share yet', () => {
    expect(reportJobStatus(job({}, { mailed: 500, note: 'text is not a count' }), 'active')).toEqual({
      jobId: 'daily-reminders:2026-11-21',
      name: 'daily-reminders',
      state: 'active',
      progress: 0,
      counts: { mailed: 500 },
      attemptsMade: 0,
      createdAt: '2026-11-21T17:00:00.000Z',
    });
  });

  it('shows the result of a completed job as its counts, at 100', () => {
    const done = job({ returnvalue: { admins: 2, drivers: 1200 }, finishedOn: Date.UTC(2026, 10, 21, 17, 1) }, { driverReportsQueued: 1000 });
    expect(reportJobStatus(done, 'completed')).toMatchObject({ state: 'completed', progress: 100, counts: { admins: 2, drivers: 1200 }, finishedAt: '2026-11-21T17:01:00.000Z' });
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
