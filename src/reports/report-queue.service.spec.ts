import { ConfigService } from '@nestjs/config';
import type { Queue } from 'bull';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { JobName } from '../queues/queue-names';
import { REPORT_JOB_OPTIONS } from './report-jobs';
import { ReportQueue } from './report-queue.service';

function setup(now: string) {
  const pipeline = { exec: jest.fn() };
  const queue = {
    add: jest.fn().mockResolvedValue({}),
    addBulk: jest.fn().mockResolvedValue([]),
    toKey: (id: string) => `parking:bull:reports:${id}`,
    client: { pipeline: jest.fn(() => pipeline) },
    pipeline,
  };
  const clock = { now: () => new Date(now) } as Clock;
  const config = { get: () => ({ timeZone: 'Europe/Berlin' }) } as unknown as ConfigService<AppConfig, true>;
  return { reportQueue: new ReportQueue(queue as unknown as Queue, clock, config), queue };
}

describe('ReportQueue', () => {
  it("adds a tick's job under its period's id, with the queue's keep policy", async () => {
    const { reportQueue, queue } = setup('2026-10-31T22:59:59.990Z'); // a timer firing just before 00:00 on November 1st

    expect(await reportQueue.tick(JobName.MonthlyReport)).toBe('monthly-report:2026-10');
    expect(queue.add).toHaveBeenCalledWith(JobName.MonthlyReport, { month: '2026-10' }, { ...REPORT_JOB_OPTIONS, jobId: 'monthly-report:2026-10' });
  });

  it('runs a period now under a fresh id', async () => {
    const { reportQueue, queue } = setup('2026-11-22T09:30:00Z');

    const jobId = await reportQueue.runNow(JobName.DailyReport);

    expect(jobId).toMatch(/^daily-report:2026-11-21:manual-/);
    expect(queue.add).toHaveBeenCalledWith(JobName.DailyReport, { date: '2026-11-21' }, { ...REPORT_JOB_OPTIONS, jobId });
  });

  it('answers SERVICE_UNAVAILABLE when Redis does not take the job in time', async () => {
    jest.useFakeTimers();
    try {
      const { reportQueue, queue } = setup('2026-11-22T09:30:00Z');
      queue.add.mockReturnValue(new Promise(() => undefined));

      const running = reportQueue.runNow(JobName.DailyReminders);
      jest.advanceTimersByTime(2000);

      await expect(running).rejects.toEqual(new DomainError('SERVICE_UNAVAILABLE', 'The job queue is not reachable; try again later'));
    } finally {
      jest.useRealTimers();
    }
  });

  it('adds many jobs in one call', async () => {
    const { reportQueue, queue } = setup('2026-11-22T09:30:00Z');

    await reportQueue.addBulk([{ name: JobName.DriverMonthlyReport, data: { month: '2026-10', userId: 'u1' }, jobId: 'driver-monthly-report:2026-10:u1' }]);

    expect(queue.addBulk).toHaveBeenCalledWith([
      { name: JobName.DriverMonthlyReport, data: { month: '2026-10', userId: 'u1' }, opts: { ...REPORT_JOB_OPTIONS, jobId: 'driver-monthly-report:2026-10:u1' } },
    ]);
  });

  it('tells which job ids the queue holds, in one pipeline of EXISTS', async () => {
    const { reportQueue, queue } = setup('2026-12-07T09:30:00Z');
    queue.pipeline.exec.mockResolvedValue([
      [null, 1],
      [null, 0],
    ]);

    expect(await reportQueue.held(['driver-monthly-report:2026-11:u1', 'driver-monthly-report:2026-11:u2'])).toEqual(new Set(['driver-monthly-report:2026-11:u1']));
    expect(queue.client.pipeline).toHaveBeenCalledWith([
      ['exists', 'parking:bull:reports:driver-monthly-report:2026-11:u1'],
      ['exists', 'parking:bull:reports:driver-monthly-report:2026-11:u2'],
    ]);
    expect(await reportQueue.held([])).toEqual(new Set());
    expect(queue.client.pipeline).toHaveBeenCalledTimes(1);
  });

  it('fails rather than count a driver as sent when Redis did not answer for them', async () => {
    const { reportQueue, queue } = setup('2026-12-07T09:30:00Z');
    queue.pipeline.exec.mockResolvedValue([
      [null, 1],
      [new Error('LOADING Redis is loading the dataset in memory'), null],
    ]);
    await expect(reportQueue.held(['a:1', 'a:2'])).rejects.toThrow('LOADING');
  });
});
