import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config';
import { JobName } from '../queues/queue-names';
import { ReportQueue } from './report-queue.service';
import { ReportsSchedule } from './reports.schedule';

function setup() {
  const registry = new SchedulerRegistry();
  const queue = { tick: jest.fn().mockResolvedValue('daily-report:2026-11-21') };
  const config = { get: () => ({ timeZone: 'Europe/Berlin' }) } as unknown as ConfigService<AppConfig, true>;
  return { schedule: new ReportsSchedule(queue as unknown as ReportQueue, registry, config), registry, queue };
}

describe('ReportsSchedule', () => {
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  it('registers and starts every schedule in the configured time zone', () => {
    const { schedule, registry } = setup();

    schedule.onApplicationBootstrap();

    const jobs = registry.getCronJobs();
    try {
      expect([...jobs.keys()]).toEqual([JobName.DailyReminders, JobName.DailyReport, JobName.MonthlyReport]);
      for (const job of jobs.values()) expect(job.isActive).toBe(true);
      // The next 08:00 in Berlin is 07:00 or 06:00 UTC, whatever the host's zone.
      const next = registry.getCronJob(JobName.DailyReport).nextDate();
      expect(next.setZone('Europe/Berlin').toFormat('HH:mm')).toBe('08:00');
      expect(registry.getCronJob(JobName.MonthlyReport).nextDate().setZone('Europe/Berlin').toFormat('dd HH:mm')).toBe('01 00:00');
    } finally {
      for (const name of jobs.keys()) registry.deleteCronJob(name);
    }
  });

  it('enqueues on a tick and survives a queue that is down', async () => {
    const { schedule, queue } = setup();

    expect(await schedule.tick(JobName.DailyReport)).toBe('daily-report:2026-11-21');
    queue.tick.mockRejectedValueOnce(new Error('Connection is closed.'));
    expect(await schedule.tick(JobName.DailyReport)).toBeUndefined();
    expect(Logger.prototype.error).toHaveBeenCalledWith('The daily-report tick could not enqueue: Connection is closed.');
  });
});
