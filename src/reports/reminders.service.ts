import { Injectable } from '@nestjs/common';
import { MailQueue } from '../mail/mail-queue.service';
import { mailJobIds } from './report-jobs';
import { ReportsRepository } from './reports.repository';

/** R-JOB-2 counts back this far from the run. */
export const REMINDER_QUIET_DAYS = 7;
const PAGE = 500;

/**
 * R-JOB-2: one reminder to every verified, active driver without a booking started in the last 7 days
 * (or ever) and none to come. The mail's id is per driver and date, so a second run of the day sends none.
 */
@Injectable()
export class RemindersService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly mail: MailQueue,
  ) {}

  async sendReminders(date: string, at: Date, onProgress?: (mailed: number) => Promise<void>): Promise<{ mailed: number }> {
    const since = new Date(at.getTime() - REMINDER_QUIET_DAYS * 24 * 3_600_000);
    let mailed = 0;
    for (let afterId: string | null = null; ; ) {
      const drivers = await this.reports.reminderRecipients(since, afterId, PAGE);
      const queued = await Promise.all(
        drivers.map((driver) =>
          this.mail.enqueue(
            {
              to: driver.email,
              subject: 'Need a parking spot? Book it in seconds',
              template: 'reminder',
              context: { name: driver.name, lastBookingAt: driver.lastBookingAt, quietDays: REMINDER_QUIET_DAYS },
            },
            { jobId: mailJobIds.reminder(date, driver.id) },
          ),
        ),
      );
      // Fail the job when Redis refused a mail: the retry re-sends only what is missing (the ids dedupe).
      if (queued.includes(false)) throw new Error(`${queued.filter((ok) => !ok).length} reminders could not be queued`);
      mailed += drivers.length;
      await onProgress?.(mailed);
      if (drivers.length < PAGE) return { mailed };
      afterId = drivers[drivers.length - 1].id;
    }
  }
}
