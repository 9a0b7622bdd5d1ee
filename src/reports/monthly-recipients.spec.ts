import { ConfigService } from '@nestjs/config';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { MonthlyRecipients } from './monthly-recipients';
import { ReportQueue } from './report-queue.service';
import { ReportsRepository } from './reports.repository';

function setup(now: string, drivers: string[], held: string[]) {
  const repository = {
    driversWithBookings: jest.fn(async () => drivers),
    activeAdmins: jest.fn(async () => [{ id: 'a1', email: 'ada@example.com', name: 'Ada' }]),
  };
  const queue = { held: jest.fn(async (ids: string[]) => new Set(ids.filter((id) => held.includes(id)))) };
  const clock = { now: () => new Date(now) } as Clock;
  const config = { get: () => ({ timeZone: 'Europe/Berlin' }) } as unknown as ConfigService<AppConfig, true>;
  const recipients = new MonthlyRecipients(repository as unknown as ReportsRepository, queue as unknown as ReportQueue, clock, config);
  return { recipients, repository, queue };
}

describe('MonthlyRecipients', () => {
  it("previews the month a run now covers (the local month before), counting the drivers who have its report by their jobs' ids", async () => {
    // 00:30 on December 1st in Berlin: the month before is November.
    const { recipients, repository, queue } = setup('2026-11-30T23:30:00Z', ['u1', 'u2', 'u3'], ['driver-monthly-report:2026-11:u2']);

    expect(await recipients.preview()).toEqual({ period: '2026-11', periodLabel: 'November 2026', drivers: 2, alreadySent: 1, admins: 1 });

    expect(repository.driversWithBookings).toHaveBeenCalledWith(
      expect.objectContaining({ start: new Date('2026-10-31T23:00:00Z'), end: new Date('2026-11-30T23:00:00Z') }),
      null,
      1000,
    );
    expect(queue.held).toHaveBeenCalledWith(['driver-monthly-report:2026-11:u1', 'driver-monthly-report:2026-11:u2', 'driver-monthly-report:2026-11:u3']);
  });

  it('answers SERVICE_UNAVAILABLE when Redis does not answer a preview in time', async () => {
    jest.useFakeTimers();
    try {
      const { recipients, queue } = setup('2026-12-07T10:00:00Z', ['u1'], []);
      queue.held.mockReturnValue(new Promise(() => undefined));
      const refused = expect(recipients.preview()).rejects.toEqual(new DomainError('SERVICE_UNAVAILABLE', 'The job queue is not reachable; try again later'));
      await jest.advanceTimersByTimeAsync(2000);
      await refused;
    } finally {
      jest.useRealTimers();
    }
  });
});
