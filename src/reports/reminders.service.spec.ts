import { MailQueue } from '../mail/mail-queue.service';
import { RemindersService } from './reminders.service';
import { ReminderRecipient, ReportsRepository } from './reports.repository';

const driver = (i: number): ReminderRecipient => ({ id: `u${String(i).padStart(4, '0')}`, email: `d${i}@example.com`, name: `Driver ${i}`, lastBookingAt: null });

function setup(count: number) {
  const drivers = Array.from({ length: count }, (_, i) => driver(i));
  const repository = {
    reminderRecipients: jest.fn(async (_since: Date, afterId: string | null, limit: number) => {
      const from = afterId === null ? 0 : drivers.findIndex((d) => d.id === afterId) + 1;
      return drivers.slice(from, from + limit);
    }),
  };
  const mail = { enqueue: jest.fn().mockResolvedValue(true) };
  return { service: new RemindersService(repository as unknown as ReportsRepository, mail as unknown as MailQueue), repository, mail };
}

describe('RemindersService', () => {
  it('counts the 7 days back from the run and mails each driver once under a per-date id', async () => {
    const { service, repository, mail } = setup(1200);
    const at = new Date('2026-11-22T17:00:00Z');

    expect(await service.sendReminders('2026-11-22', at)).toEqual({ mailed: 1200 });

    expect(repository.reminderRecipients).toHaveBeenCalledTimes(3);
    expect(repository.reminderRecipients.mock.calls[0][0]).toEqual(new Date('2026-11-15T17:00:00Z'));
    expect(mail.enqueue).toHaveBeenCalledTimes(1200);
    expect(mail.enqueue).toHaveBeenLastCalledWith(
      expect.objectContaining({ to: 'd1199@example.com', template: 'reminder', context: { name: 'Driver 1199', lastBookingAt: null, quietDays: 7 } }),
      { jobId: 'reminder:2026-11-22:u1199' },
    );
  });

  it('fails the run when Redis refuses a mail, so that the retry sends what is missing', async () => {
    const { service, mail } = setup(3);
    mail.enqueue.mockResolvedValueOnce(false);

    await expect(service.sendReminders('2026-11-22', new Date())).rejects.toThrow('1 reminders could not be queued');
  });
});
