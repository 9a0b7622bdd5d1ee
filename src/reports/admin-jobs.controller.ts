import { Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Role, Roles } from '../common/decorators/roles.decorator';
import { ErrorBodyDto } from '../common/errors/error-body.dto';
import { JobName } from '../queues/queue-names';
import { JobAcceptedDto } from './dto/reports.dto';
import { ReportQueue } from './report-queue.service';

/** R-JOB-6: admins run the scheduled reports at once; the worker does the work. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.Admin)
@ApiServiceUnavailableResponse({ type: ErrorBodyDto, description: 'SERVICE_UNAVAILABLE: the queue (Redis) is not reachable' })
@Controller('admin/jobs')
export class AdminJobsController {
  constructor(private readonly queue: ReportQueue) {}

  @Post('daily-reminders')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: JobAcceptedDto, description: "Today's reminders (R-JOB-2); a driver already reminded today is not mailed again" })
  async runDailyReminders(): Promise<JobAcceptedDto> {
    return { jobId: await this.queue.runNow(JobName.DailyReminders) };
  }

  @Post('daily-report')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: JobAcceptedDto, description: "Yesterday's admin report (R-JOB-3), mailed to every active admin" })
  async runDailyReport(): Promise<JobAcceptedDto> {
    return { jobId: await this.queue.runNow(JobName.DailyReport) };
  }

  @Post('monthly-report')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({
    type: JobAcceptedDto,
    description: "Last month's admin report and the drivers' reports (R-JOB-4); a driver who already has last month's report is not mailed again",
  })
  async runMonthlyReport(): Promise<JobAcceptedDto> {
    return { jobId: await this.queue.runNow(JobName.MonthlyReport) };
  }
}
