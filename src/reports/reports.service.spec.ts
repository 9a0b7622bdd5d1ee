import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { MailQueue } from '../mail/mail-queue.service';
import { OutgoingMail } from '../mail/mail.service';
import { JobName } from '../queues/queue-names';
import { MonthlyRecipients } from './monthly-recipients';
import { PlannedJob } from './report-jobs';
import { ReportQueue } from './report-queue.service';
import { DriverMonth, ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

const admins = [
  { id: 'a1', email: 'ada@example.com', name: 'Ada' },
  { id: 'a2', email: 'bob@example.com', name: 'Bob' },
];

const driverMonth: DriverMonth = {
  driver: { id: 'u1', email: 'dora@example.com', name: 'Dora' },
  lots: [
    { lotId: 'l2', name: 'Bravo', bookings: 1, hoursParked: 1, spendCents: 300 },
    { lotId: 'l1', name: 'Alpha', bookings: 3, hoursParked: 4.5, spendCents: 3300 },
  ],
  days: [
    { date: '2025-03-01', spendCents: 1500 },
    { date: '2025-03-02', spendCents: 0 },
  ],
};

function setup() {
  const sent: { mail: OutgoingMail; jobId?: string }[] = [];
  const added: PlannedJob[][] = [];
  const repository = {
    totals: jest.fn().mockResolvedValue({ bookings: 4, revenueCents: 3300, newUsers: 2 }),
    busiestHour: jest.fn().mockResolvedValue({ hour: 10, bookings: 2 }),
    lots: jest.fn().mockResolvedValue([{ lotId: 'l1', name: 'Alpha', bookings: 2, revenueCents: 3000, heldHours: 4.5, occupancyPercent: 9.78 }]),
    days: jest.fn().mockResolvedValue([{ date: '2025-03-01', bookings: 1, revenueCents: 1500 }]),
    topDrivers: jest.fn().mockResolvedValue([]),
    activeAdmins: jest.fn().mockResolvedValue(admins),
    driversWithBookings: jest.fn(),
    driverMonth: jest.fn().mockResolvedValue(driverMonth),
  };
  const mail = { enqueue: jest.fn(async (message: OutgoingMail, options?: { jobId?: string }) => (sent.push({ mail: message, jobId: options?.jobId }), true)) };
  // The queue holds the report jobs of the drivers in `held` (a run of the month before this one added them).
  const held = new Set<string>();
  const queue = {
    addBulk: jest.fn(async (jobs: PlannedJob[]) => void added.push(jobs)),
    held: jest.fn(async (ids: string[]) => new Set(ids.filter((id) => held.has(id)))),
  };
  const config = { get: () => ({ timeZone: 'Europe/Berlin', currency: 'EUR' }) } as unknown as ConfigService<AppConfig, true>;
  const clock = { now: () => new Date('2025-04-02T09:00:00Z') } as Clock;
  const reports = repository as unknown as ReportsRepository;
  const recipients = new MonthlyRecipients(reports, queue as unknown as ReportQueue, clock, config);
  const service = new ReportsService(reports, mail as unknown as MailQueue, queue as unknown as ReportQueue, recipients, config);
  return { service, repository, mail, sent, added, held, recipients };
}

describe('ReportsService', () => {
  it('mails the daily report of the local day to every active admin, one mail each, with ids of the run', async () => {
    const { service, repository, sent } = setup();

    expect(await service.sendDailyReport('2025-03-30', 'daily-report:2025-03-30')).toEqual({ admins: 2 });

    expect(repository.totals).toHaveBeenCalledWith(expect.objectContaining({ start: new Date('2025-03-29T23:00:00Z'), end: new Date('2025-03-30T22:00:00Z'), timeZone: 'Europe/Berlin' }));
    expect(sent.map(({ mail, jobId }) => [mail.to, mail.subject, jobId])).toEqual([
      ['ada@example.com', 'Daily report: Sunday, March 30, 2025', 'daily-report:2025-03-30:mail:a1'],
      ['bob@example.com', 'Daily report: Sunday, March 30, 2025', 'daily-report:2025-03-30:mail:a2'],
    ]);
    expect(sent[0].mail).toMatchObject({
      template: 'daily-report',
      context: { name: 'Ada', bookings: 4, revenueCents: 3300, newUsers: 2, busiestHour: '10:00–11:00 (2 bookings)', lots: [{ name: 'Alpha', bookings: 2, revenueCents: 3000, occupancy: '9.8%' }] },
    });
  });

  it('attaches the PDF to the monthly admin report', async () => {
    const { service, sent } = setup();

    await service.sendMonthlyAdminReport('2025-03', 'monthly-report:2025-03');

    const attachment = sent[0].mail.attachments![0];
    expect(sent[0].mail.subject).toBe('Monthly report: March 2025');
    expect(attachment).toMatchObject({ filename: 'report-2025-03.pdf', contentType: 'application/pdf' });
    expect((attachment.content as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect(sent[1].mail.attachments![0].content).toBe(attachment.content);
  });

  it('fails the job when the mail queue refuses a mail, so that Bull retries it', async () => {
    const { service, mail } = setup();
    mail.enqueue.mockResolvedValueOnce(false);

    await expect(service.sendDailyReport('2025-03-30', 'run')).rejects.toThrow('Mail run:mail:a1 could not be queued');
  });

  it('fans out one job per driver, a page of 1000 at a time, with deterministic ids, skipping drivers who have theirs', async () => {
    const { service, repository, added, held } = setup();
    const ids = Array.from({ length: 2500 }, (_, i) => `user-${String(i).padStart(4, '0')}`);
    repository.driversWithBookings.mockImplementation(async (_period, afterId: string | null, limit: number) => {
      const from = afterId === null ? 0 : ids.indexOf(afterId) + 1;
      return ids.slice(from, from + limit);
    });
    for (const userId of ['user-0000', 'user-1500', 'user-1501']) held.add(`driver-monthly-report:2025-03:${userId}`);
    const progress: unknown[] = [];

    expect(await service.fanOutDriverReports('2025-03', async (soFar) => void progress.push(soFar))).toEqual({ drivers: 2497, alreadySent: 3 });

    expect(added.map((page) => page.length)).toEqual([999, 998, 500]);
    expect(added.flat().map((job) => job.jobId)).not.toContain('driver-monthly-report:2025-03:user-1500');
    expect(added[2][499]).toEqual({ name: JobName.DriverMonthlyReport, data: { month: '2025-03', userId: 'user-2499' }, jobId: 'driver-monthly-report:2025-03:user-2499' });
    expect(progress).toEqual([
      { drivers: 999, alreadySent: 1 },
      { drivers: 1997, alreadySent: 3 },
      { drivers: 2497, alreadySent: 3 },
    ]);
  });

  it("adds nothing when every driver of the month has theirs, and says so", async () => {
    const { service, repository, added, held } = setup();
    repository.driversWithBookings.mockResolvedValue(['u1', 'u2']);
    ['u1', 'u2'].forEach((userId) => held.add(`driver-monthly-report:2025-03:${userId}`));

    expect(await service.fanOutDriverReports('2025-03')).toEqual({ drivers: 0, alreadySent: 2 });
    expect(added).toEqual([]);
  });

  it("mails a driver's month with totals, favourite lot and PDF under the driver's mail id", async () => {
    const { service, sent } = setup();

    expect(await service.sendDriverMonthlyReport('2025-03', 'u1')).toEqual({ sent: true });

    expect(sent).toHaveLength(1);
    expect(sent[0].jobId).toBe('monthly-driver-mail:2025-03:u1');
    expect(sent[0].mail).toMatchObject({
      to: 'dora@example.com',
      subject: 'Your parking in March 2025',
      template: 'monthly-driver-report',
      context: { name: 'Dora', bookings: 4, hoursParked: '5.5', spendCents: 3600, favouriteLot: 'Alpha', attachmentName: 'parking-2025-03.pdf' },
    });
    expect(sent[0].mail.attachments![0].filename).toBe('parking-2025-03.pdf');
  });

  it('skips a driver who is no longer active', async () => {
    const { service, repository, sent } = setup();
    repository.driverMonth.mockResolvedValueOnce(null);
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);

    expect(await service.sendDriverMonthlyReport('2025-03', 'gone')).toEqual({ sent: false });
    expect(sent).toEqual([]);
    expect(warn).toHaveBeenCalledWith('No report of 2025-03 for gone: not an active driver');
    warn.mockRestore();
  });
});
