import { ApiProperty } from '@nestjs/swagger';

export class JobAcceptedDto {
  @ApiProperty({
    description: 'Id of the queued job in the reports queue (see the queue dashboard); the mails follow once the worker has run it',
    example: 'daily-report:2026-11-21:manual-6f1c2a7e-1c39-4f57-9a57-3f1f0b1f9e2d',
  })
  jobId: string;
}
