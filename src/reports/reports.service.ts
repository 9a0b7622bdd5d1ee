import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppConfig } from '../config/app-config';
import { MailQueue } from '../mail/mail-queue.service';
import { OutgoingMail } from '../mail/mail.service';
import { adminMonthPdf, driverMonthPdf } from './report-documents';
import { MonthlyRecipients, RecipientCounts } from './monthly-recipients';
import { adminReportDefinitions, driverReportDefinitions, driverTotals, ReportFormat } from './report-format';
import { mailJobIds } from './report-jobs';
import { dayPeriod, monthPeriod } from './report-periods';
import { renderReportPdf } from './report-pdf';
import { ReportQueue } from './report-queue.service';
import { BusiestHour, LotFigures, Period, PeriodTotals, ReportsRepository } from './reports.repository';

/** Lots and drivers named in the monthly admin report. */
const TOP = 10;

type AdminMail = Omit<OutgoingMail, 'to'>;

/**
 * R-JOB-3 and R-JOB-4: the figures come from ReportsRepository, the PDFs from report-documents; the mails
 * go to the mail queue. Admin reports go to every active admin, one mail each.
 */
@Injectable()
export class ReportsService {
  private readonly logger = new Logger(ReportsService.name);
  private readonly timeZone: string;
  private readonly format: ReportFormat;
  /** Months as periods: each driver job of a fan-out asks for the same one, 10,000 times. */
  private readonly months = new Map<string, Period>();

  constructor(
    private readonly reports: ReportsRepository,
    private readonly mail: MailQueue,
    private readonly queue: ReportQueue,
    private readonly recipients: MonthlyRecipients,
    config: ConfigService<AppConfig, true>,
  ) {
    const app = config.get('app', { infer: true });
    this.timeZone = app.timeZone;
    this.format = new ReportFormat(app);
  }

  /** The admin report of a local day. `runId` names the run: a retry of the run mails nobody twice. */
  async sendDailyReport(date: string, runId: string): Promise<{ admins: number }> {
    const period = dayPeriod(date, this.timeZone);
    const [totals, busiestHour, lots] = await Promise.all([
      this.reports.totals(period),
      this.reports.busiestHour(period),
      this.reports.lots(period, null),
    ]);
    const label = this.format.day(date);
    return this.mailAdmins(runId, {
      subject: `Daily report: ${label}`,
      template: 'daily-report',
      context: { ...this.summary(label, totals, busiestHour, lots), definitions: adminReportDefinitions('day', this.timeZone) },
    });
  }

  /** The admin report of a local month, with its PDF. */
  async sendMonthlyAdminReport(month: string, runId: string): Promise<{ admins: number }> {
    const period = this.monthPeriod(month);
    const [totals, busiestHour, lots, days, topDrivers] = await Promise.all([
      this.reports.totals(period),
      this.reports.busiestHour(period),
      this.reports.lots(period, TOP),
      this.reports.days(period),
      this.reports.topDrivers(period, TOP),
    ]);
    const label = this.format.month(month);
    const definitions = adminReportDefinitions('month', this.timeZone);
    const pdf = await renderReportPdf(adminMonthPdf({ label, timeZone: this.timeZone, totals, busiestHour, lots, days, topDrivers, definitions }, this.format));
    const filename = `report-${month}.pdf`;
    return this.mailAdmins(runId, {
      subject: `Monthly report: ${label}`,
      template: 'monthly-admin-report',
      context: { ...this.summary(label, totals, busiestHour, lots), topDrivers, attachmentName: filename, definitions },
      attachments: [{ filename, content: pdf, contentType: 'application/pdf' }],
    });
  }

  /**
   * One DriverMonthlyReport job per recipient of the month (MonthlyRecipients) who does not have theirs yet,
   * added a page at a time in bulk; the counts say how many were sent now and how many had it already.
   * The ids are deterministic too: a run racing this one adds none twice, so no driver gets it twice.
   */
  fanOutDriverReports(month: string, onProgress?: (soFar: RecipientCounts) => Promise<void>): Promise<RecipientCounts> {
    return this.recipients.each(month, {
      onPage: async (page, soFar) => {
        if (page.toSend.length) await this.queue.addBulk(page.toSend);
        await onProgress?.(soFar);
      },
    });
  }

  /** One driver's report of a month. A driver deactivated since the fan-out is skipped, not an error. */
  async sendDriverMonthlyReport(month: string, userId: string): Promise<{ sent: boolean }> {
    const figures = await this.reports.driverMonth(userId, this.monthPeriod(month));
    if (!figures) {
      this.logger.warn(`No report of ${month} for ${userId}: not an active driver`);
      return { sent: false };
    }
    const label = this.format.month(month);
    const totals = driverTotals(figures.lots);
    const definitions = driverReportDefinitions(this.timeZone);
    const pdf = await renderReportPdf(driverMonthPdf(label, figures, totals, definitions, this.format));
    const filename = `parking-${month}.pdf`;
    const mail: OutgoingMail = {
      to: figures.driver.email,
      subject: `Your parking in ${label}`,
      template: 'monthly-driver-report',
      context: {
        name: figures.driver.name,
        periodLabel: label,
        ...totals,
        hoursParked: this.format.hours(totals.hoursParked),
        lots: figures.lots.map((lot) => ({ ...lot, hoursParked: this.format.hours(lot.hoursParked) })),
        attachmentName: filename,
        definitions,
      },
      attachments: [{ filename, content: pdf, contentType: 'application/pdf' }],
    };
    await this.send(mail, mailJobIds.driverMonthlyReport(month, userId));
    return { sent: true };
  }

  private monthPeriod(month: string): Period {
    let period = this.months.get(month);
    if (!period) {
      period = monthPeriod(month, this.timeZone);
      this.months.set(month, period);
    }
    return period;
  }

  private async mailAdmins(runId: string, mail: AdminMail): Promise<{ admins: number }> {
    const admins = await this.reports.activeAdmins();
    if (!admins.length) this.logger.warn(`"${mail.subject}" has no recipient: there is no active admin`);
    await Promise.all(
      admins.map((admin) => this.send({ ...mail, to: admin.email, context: { ...mail.context, name: admin.name } }, mailJobIds.adminReport(runId, admin.id))),
    );
    return { admins: admins.length };
  }

  /** Fails the job when Redis did not take the mail, so that Bull tries again. */
  private async send(mail: OutgoingMail, jobId: string): Promise<void> {
    if (!(await this.mail.enqueue(mail, { jobId }))) throw new Error(`Mail ${jobId} could not be queued`);
  }

  private summary(periodLabel: string, totals: PeriodTotals, busiestHour: BusiestHour | null, lots: LotFigures[]) {
    return {
      periodLabel,
      timeZone: this.timeZone,
      ...totals,
      busiestHour: this.format.busiestHour(busiestHour),
      lots: lots.map((lot) => ({ name: lot.name, bookings: lot.bookings, revenueCents: lot.revenueCents, occupancy: this.format.percent(lot.occupancyPercent) })),
    };
  }
}
