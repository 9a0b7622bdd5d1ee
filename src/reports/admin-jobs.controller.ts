import { Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, Roles } from '../common/decorators/roles.decorator';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { JobName } from '../queues/queue-names';
import { jobIdParam } from '../queues/job-id.param';
import { JobAcceptedDto, MonthlyReportPreviewDto, ReportJobStatusDto } from './dto/reports.dto';
import { MonthlyRecipients } from './monthly-recipients';
import { REPORT_JOB_ID } from './report-jobs';
import { ReportQueue } from './report-queue.service';

const ReportJobIdParam = jobIdParam(REPORT_JOB_ID, 'must be a reports job id such as daily-report:2026-11-21');

/** R-JOB-6: admins run the scheduled reports at once; the worker does the work. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('admin/jobs')
export class AdminJobsController {
  constructor(
    private readonly queue: ReportQueue,
    private readonly recipients: MonthlyRecipients,
  ) {}

  @Post('daily-reminders')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Send the daily reminders now' })
  @ApiAcceptedResponse({ type: JobAcceptedDto, description: "Today's reminders (R-JOB-2); a driver already reminded today is not mailed again" })
  async runDailyReminders(): Promise<JobAcceptedDto> {
    return { jobId: await this.queue.runNow(JobName.DailyReminders) };
  }

  @Post('daily-report')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Send the daily admin report now' })
  @ApiAcceptedResponse({ type: JobAcceptedDto, description: "Yesterday's admin report (R-JOB-3), mailed to every active admin" })
  async runDailyReport(): Promise<JobAcceptedDto> {
    return { jobId: await this.queue.runNow(JobName.DailyReport) };
  }

  @Post('monthly-report')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Send the monthly reports now' })
  @ApiAcceptedResponse({
    type: JobAcceptedDto,
    description: "Last month's admin report and the drivers' reports (R-JOB-4); a driver who already has last month's report is not mailed again",
  })
  async runMonthlyReport(): Promise<JobAcceptedDto> {
    return { jobId: await this.queue.runNow(JobName.MonthlyReport) };
  }

  @Get('monthly-report/preview')
  @ApiOperation({ summary: 'Whom sending the monthly reports now would mail' })
  @ApiOkResponse({
    type: MonthlyReportPreviewDto,
    description: 'The month a run now covers, how many drivers it would send their report and how many already have it, by the rule the run follows',
  })
  previewMonthlyReport(): Promise<MonthlyReportPreviewDto> {
    return this.recipients.preview();
  }

  @Get(':jobId')
  @ApiOperation({ summary: 'Where a report job stands' })
  @ApiOkResponse({ type: ReportJobStatusDto, description: 'Where a job of the reports queue stands, e.g. one started above' })
  @ApiErrors('NOT_FOUND')
  getAdminJob(@Param('jobId', ReportJobIdParam) jobId: string): Promise<ReportJobStatusDto> {
    return this.queue.status(jobId);
  }
}
