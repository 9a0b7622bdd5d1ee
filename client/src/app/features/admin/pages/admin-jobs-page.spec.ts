import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ReportJobStatusDto } from '../../../api/models';
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
  state,
  progress: state === 'completed' ? 100 : 0,
  counts: {},
  attemptsMade: 0,
  createdAt: '2026-11-22T08:00:00Z',
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
    getAdminJob: vi.fn(),
    createAdminExport: vi.fn(),
    openQueueDashboard: vi.fn(),
  };
  const toast = vi.fn();

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
    TestBed.configureTestingModule({
      imports: [AdminJobsPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: AdminApi, useValue: api },
        { provide: MatSnackBar, useValue: { open: toast } },
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
    expect(job().textContent).toContain(`Job ${jobId}`);
    expect(job().querySelector('mat-progress-bar')!.getAttribute('mode')).toBe('indeterminate');

    await nextPoll();
    await render();
    expect(job().textContent).toContain('Running…');

    await nextPoll();
    await render();
    expect(job().textContent).toMatch(/Completed at .*\. admins: 2/);
    const bar = job().querySelector('mat-progress-bar')!;
    expect(bar.getAttribute('aria-valuenow')).toBe('100');
    expect(bar.getAttribute('aria-label')).toBe('Send the daily report progress');

    const calls = api.getAdminJob.mock.calls.length;
    await nextPoll();
    expect(api.getAdminJob).toHaveBeenCalledTimes(calls);
  });

  it("shows a failed job's reason and attempts", async () => {
    api.runMonthlyReport.mockResolvedValue({ jobId });
    api.getAdminJob.mockResolvedValue(
      status('failed', { attemptsMade: 3, failedReason: 'SMTP refused the connection' }),
    );
    button('Send the monthly reports').click();
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
