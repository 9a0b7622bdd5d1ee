import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REPORT_JOB_STATES, REPORT_JOB_TRIGGERS, ReportJobState, ReportJobTrigger } from '../report-job-status';

export class JobAcceptedDto {
  @ApiProperty({
    description: 'Id of the queued job in the reports queue (see the queue dashboard); the mails follow once the worker has run it',
    example: 'daily-report:2026-11-21:manual-6f1c2a7e-1c39-4f57-9a57-3f1f0b1f9e2d',
  })
  jobId: string;
}

export class ReportJobStatusDto {
  @ApiProperty({ example: 'daily-report:2026-11-21:manual-6f1c2a7e-1c39-4f57-9a57-3f1f0b1f9e2d' })
  jobId: string;

  @ApiProperty({ description: 'What the job does', example: 'daily-report' })
  name: string;

  @ApiProperty({
    description: 'The job as people name it: what it does, the period it covers, and who started it',
    example: 'Daily report · November 21, 2026 · manual',
  })
  label: string;

  @ApiProperty({ description: 'The local month (YYYY-MM) or day (YYYY-MM-DD) the job covers', nullable: true, type: String, example: '2026-11-21' })
  period: string | null;

  @ApiProperty({ description: 'The period in words', nullable: true, type: String, example: 'November 21, 2026' })
  periodLabel: string | null;

  @ApiProperty({
    description: "manual: an admin's run (R-JOB-6); scheduled: the schedule's run of the period, or a job it fanned out",
    enum: REPORT_JOB_TRIGGERS,
    enumName: 'ReportJobTrigger',
  })
  trigger: ReportJobTrigger;

  @ApiProperty({
    description: 'waiting (queued, or waiting for a retry), active, completed, failed (after its retries)',
    enum: REPORT_JOB_STATES,
    enumName: 'ReportJobState',
  })
  state: ReportJobState;

  @ApiProperty({
    description: '100 once completed, 0 before: these jobs count what they do (see counts) rather than a share, as the number of recipients is known only at the end',
    minimum: 0,
    maximum: 100,
  })
  progress: number;

  @ApiProperty({
    description:
      'The figures the job reported so far; once completed, its result. Reminders: {mailed}; daily report: {admins}; monthly reports: {admins, drivers (reports sent now), alreadySent (drivers who had the month\'s report already, or had it on its way, and were not sent it again)}',
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { mailed: 120 },
  })
  counts: Record<string, number>;

  @ApiProperty({ description: 'Attempts made so far (3 at most)' })
  attemptsMade: number;

  @ApiPropertyOptional({ description: 'Why the last attempt failed, when failed' })
  failedReason?: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the job completed or finally failed' })
  finishedAt?: string;
}

/** What sending the monthly reports now would do (R-JOB-4, R-JOB-6): counted by the rule the run itself follows. */
export class MonthlyReportPreviewDto {
  @ApiProperty({ description: 'The local month a run now reports on: the one before this', example: '2026-11' })
  period: string;

  @ApiProperty({ description: 'The month in words', example: 'November 2026' })
  periodLabel: string;

  @ApiProperty({ description: "Active drivers with bookings in the month who do not have its report yet: a run now sends each theirs", example: 40 })
  drivers: number;

  @ApiProperty({ description: 'Active drivers with bookings in the month who already have its report, or have it on its way: a run sends them none', example: 2 })
  alreadySent: number;

  @ApiProperty({ description: "Active admins: each gets the month's admin report, again on every run", example: 2 })
  admins: number;
}
