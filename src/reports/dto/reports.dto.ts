import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REPORT_JOB_STATES, ReportJobState } from '../report-job-status';

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
    description: 'The figures the job reported so far, e.g. {"mailed": 120} or {"driverReportsQueued": 2000}; once completed, its result',
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
