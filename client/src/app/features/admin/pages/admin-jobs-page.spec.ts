import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { of } from 'rxjs';
import { MonthlyReportPreviewDto, ReportJobStatusDto } from '../../../api/models';
import { ConfirmDialog } from '../../../shared/confirm-dialog';
import { AdminApi } from '../../../api/services';
import { httpError, settle } from '../../../../testing/api-fixtures';
import { AdminJobsPage } from './admin-jobs-page';

const jobId = 'daily-report:2026-11-21:manual-1';
const status = (
  state: ReportJobStatusDto['state'],
  more: Partial<ReportJobStatusDto> = {},
): ReportJobStatusDto => ({
  jobId,
  name: 'daily-report',
  label: 'Daily report · November 21, 2026 · manual',
  period: '2026-11-21',
  periodLabel: 'November 21, 2026',
  trigger: 'manual',
  state,
  progress: state === 'completed' ? 100 : 0,
  counts: {},
  attemptsMade: 0,
  createdAt: '2026-11-22T08:00:00Z',
  ...more,
});

const monthlyJobId = 'monthly-report:2026-11:manual-2';
const monthly = (counts: Record<string, number>): ReportJobStatusDto =>
  status('completed', {
    jobId: monthlyJobId,
    name: 'monthly-report',
    label: 'Monthly report · November 2026 · manual',
    period: '2026-11',
    periodLabel: 'November 2026',
    counts,
    finishedAt: '2026-12-07T10:00:05Z',
  });
const preview = (more: Partial<MonthlyReportPreviewDto> = {}): MonthlyReportPreviewDto => ({
  period: '2026-11',
  periodLabel: 'November 2026',
  drivers: 40,
  alreadySent: 2,
  admins: 2,
  ...more,
});

/** The page re-reads unfinished jobs every second. */
const nextPoll = () => new Promise((resolve) => setTimeout(resolve, 1100));

describe('AdminJobsPage', () => {
  let fixture: ComponentFixture<AdminJobsPage>;
  let page: HTMLElement;
  const api = {
    runDailyReminders: vi.fn(),
    runDailyReport: vi.fn(),
    runMonthlyReport: vi.fn(),
    previewMonthlyReport: vi.fn(),
    getAdminJob: vi.fn(),
    createAdminExport: vi.fn(),
    openQueueDashboard: vi.fn(),
  };
  const toast = vi.fn();
  const dialogOpen = vi.fn();
  /** The admin's answer to the next confirmation. */
  const answer = (confirmed: boolean) =>
    dialogOpen.mockReturnValue({ afterClosed: () => of(confirmed || undefined) });
  const confirmation = () => dialogOpen.mock.lastCall![1].data;

  const text = () => page.textContent!.replace(/\s+/g, ' ');
  const job = () => page.querySelector<HTMLElement>('[data-testid=report-job]')!;
  const button = (label: string) =>
    [...page.querySelectorAll('button')].find((b) => b.textContent!.trim().endsWith(label))!;
  const render = async () => {
    await settle();
    await fixture.whenStable();
  };

  beforeEach(async () => {
    Object.values(api).forEach((mock) => mock.mockReset());
    toast.mockReset();
    dialogOpen.mockReset();
    TestBed.configureTestingModule({
      imports: [AdminJobsPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: AdminApi, useValue: api },
        { provide: MatSnackBar, useValue: { open: toast } },
        { provide: MatDialog, useValue: { open: dialogOpen } },
      ],
    });
    fixture = TestBed.createComponent(AdminJobsPage);
    page = fixture.nativeElement;
    await fixture.whenStable();
  });

  afterEach(() => fixture.destroy());

  it('follows a started report until it completes, then stops asking', async () => {
    api.runDailyReport.mockResolvedValue({ jobId });
    api.getAdminJob
      .mockResolvedValueOnce(status('waiting'))
      .mockResolvedValueOnce(status('active'))
      .mockResolvedValue(
        status('completed', { counts: { admins: 2 }, finishedAt: '2026-11-22T08:00:05Z' }),
      );

    button('Send the daily report').click();
    await render();
    expect(api.runDailyReport).toHaveBeenCalledTimes(1);
    expect(api.getAdminJob).toHaveBeenCalledWith({ jobId });
    expect(job().textContent).toContain('Waiting to start…');
    // Named by what it does, its period and who started it; the raw id is not shown.
    expect(job().querySelector('h3')!.textContent!.trim()).toBe(
      'Daily report · November 21, 2026 · manual',
    );
    expect(job().textContent).not.toContain(jobId);
    expect(dialogOpen).not.toHaveBeenCalled();
    expect(job().querySelector('mat-progress-bar')!.getAttribute('mode')).toBe('indeterminate');

    await nextPoll();
    await render();
    expect(job().textContent).toContain('Running…');

    await nextPoll();
    await render();
    expect(job().textContent!.replace(/\s+/g, ' ')).toMatch(/Completed at .*\. Sent to 2 admins\./);
    const bar = job().querySelector('mat-progress-bar')!;
    expect(bar.getAttribute('aria-valuenow')).toBe('100');
    expect(bar.getAttribute('aria-label')).toBe(
      'Daily report · November 21, 2026 · manual progress',
    );

    const calls = api.getAdminJob.mock.calls.length;
    await nextPoll();
    expect(api.getAdminJob).toHaveBeenCalledTimes(calls);
  });

  it('says how many drivers the monthly reports go to, and for which month, before sending them', async () => {
    api.previewMonthlyReport.mockResolvedValue(preview());
    answer(false);
    button('Send the monthly reports').click();
    await render();
    expect(dialogOpen).toHaveBeenCalledWith(ConfirmDialog, expect.anything());
    expect(confirmation()).toEqual({
      title: 'Send the November 2026 reports?',
      message:
        '40 drivers will get their November 2026 report by e-mail. ' +
        '2 drivers already had it and will not get it again. 2 admins will get the admin report.',
      confirm: 'Send to 40 drivers',
    });
    // Kept: nothing is sent, nothing listed.
    expect(api.runMonthlyReport).not.toHaveBeenCalled();
    expect(job()).toBeNull();

    api.runMonthlyReport.mockResolvedValue({ jobId: monthlyJobId });
    api.getAdminJob.mockResolvedValue(monthly({ admins: 2, drivers: 40, alreadySent: 2 }));
    answer(true);
    button('Send the monthly reports').click();
    await render();
    expect(api.previewMonthlyReport).toHaveBeenCalledTimes(2);
    expect(api.runMonthlyReport).toHaveBeenCalledTimes(1);
    expect(job().querySelector('h3')!.textContent!.trim()).toBe(
      'Monthly report · November 2026 · manual',
    );
  });

  it('says when every driver has the month already: only the admins get a report', async () => {
    api.previewMonthlyReport.mockResolvedValue(preview({ drivers: 0, alreadySent: 42, admins: 1 }));
    answer(false);
    button('Send the monthly reports').click();
    await render();
    expect(confirmation()).toMatchObject({
      message:
        'Every driver with bookings in November 2026 already has their report, so no driver gets one. ' +
        '1 admin will get the admin report.',
      confirm: 'Send the admin report',
    });
  });

  it('tells what a repeated monthly run actually sent: nothing to the drivers who had the report', async () => {
    api.previewMonthlyReport.mockResolvedValue(preview({ drivers: 0, alreadySent: 42 }));
    api.runMonthlyReport.mockResolvedValue({ jobId: monthlyJobId });
    api.getAdminJob.mockResolvedValue(monthly({ admins: 2, drivers: 0, alreadySent: 42 }));
    answer(true);
    button('Send the monthly reports').click();
    await render();
    expect(page.querySelector('[data-testid=job-result]')!.textContent!.trim()).toBe(
      'Sent to 2 admins and 0 drivers; 42 drivers already had the November 2026 report.',
    );
  });

  it('does not run the monthly reports when their preview fails, and says why', async () => {
    api.previewMonthlyReport.mockRejectedValue(
      httpError(503, 'SERVICE_UNAVAILABLE', 'The job queue is not reachable; try again later'),
    );
    button('Send the monthly reports').click();
    await render();
    expect(toast).toHaveBeenCalledWith(
      'The job queue is not reachable; try again later',
      'Dismiss',
      expect.anything(),
    );
    expect(dialogOpen).not.toHaveBeenCalled();
    expect(api.runMonthlyReport).not.toHaveBeenCalled();
  });

  it("shows a failed job's reason and attempts", async () => {
    api.runDailyReport.mockResolvedValue({ jobId });
    api.getAdminJob.mockResolvedValue(
      status('failed', { attemptsMade: 3, failedReason: 'SMTP refused the connection' }),
    );
    button('Send the daily report').click();
    await render();
    expect(job().textContent!.replace(/\s+/g, ' ')).toContain(
      'Failed after 3 attempts: SMTP refused the connection',
    );
  });

  it('stops following a job the API does not know, and says why', async () => {
    api.runDailyReminders.mockResolvedValue({ jobId });
    api.getAdminJob.mockRejectedValue(httpError(404, 'NOT_FOUND', 'Job not found'));
    button('Send the reminders').click();
    await render();
    expect(job().textContent).toContain('Cannot follow this job: Job not found');
    expect(toast).toHaveBeenCalledWith('Job not found', 'Dismiss', expect.anything());
    await nextPoll();
    expect(api.getAdminJob).toHaveBeenCalledTimes(1);
  });

  it("shows the API's refusal to start a job, and lists nothing", async () => {
    api.runDailyReport.mockRejectedValue(
      httpError(503, 'SERVICE_UNAVAILABLE', 'The queue is not reachable'),
    );
    button('Send the daily report').click();
    await render();
    expect(toast).toHaveBeenCalledWith('The queue is not reachable', 'Dismiss', expect.anything());
    expect(job()).toBeNull();
    expect(text()).not.toContain('Waiting to start');
  });

  it('opens the queue dashboard in a new tab once its cookie is set', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    api.openQueueDashboard.mockResolvedValue(undefined);
    button('Open the queue dashboard').click();
    await render();
    expect(api.openQueueDashboard).toHaveBeenCalled();
    expect(open).toHaveBeenCalledWith('/api/admin/queues', '_blank', 'noopener');
    open.mockRestore();
  });
});
