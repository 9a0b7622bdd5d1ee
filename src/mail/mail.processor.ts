import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { JobName, QueueName } from '../queues/queue-names';
import { fromQueued, QueuedMail } from './mail-queue.service';
import { MailService } from './mail.service';

/** Worker side of the mail queue: renders and hands the mail to the transport; Bull retries failures. */
@Processor(QueueName.Mail)
export class MailProcessor {
  constructor(private readonly mail: MailService) {}

  @Process({ name: JobName.SendMail, concurrency: 4 })
  async send(job: Job<QueuedMail>): Promise<void> {
    await this.mail.send(fromQueued(job.data));
  }
}
