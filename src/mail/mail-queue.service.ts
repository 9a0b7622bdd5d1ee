import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { JobOptions, Queue } from 'bull';
import { withinQueueTimeout } from '../queues/queue-call';
import { JobName, QueueName } from '../queues/queue-names';
import type { MailAttachment, OutgoingMail } from './mail.service';

/** An attachment as it travels through Redis: JSON has no Buffer, so binary content goes as base64. */
export interface QueuedAttachment {
  filename: string;
  contentBase64: string;
  contentType?: string;
}

export type QueuedMail = Omit<OutgoingMail, 'attachments'> & { attachments?: QueuedAttachment[] };

/**
 * The producer side of the mail queue: requests and jobs hand mail over and return; the worker sends it
 * with retries (R-JOB-1, R-MAIL-1). With Redis down the mail is lost and logged, the request still succeeds.
 */
@Injectable()
export class MailQueue {
  private readonly logger = new Logger(MailQueue.name);

  constructor(@InjectQueue(QueueName.Mail) private readonly queue: Queue<QueuedMail>) {}

  /** `jobId` makes the enqueue idempotent: one mail per id, however often it is asked for. */
  async enqueue(mail: OutgoingMail, options: Pick<JobOptions, 'jobId'> = {}): Promise<boolean> {
    const data: QueuedMail = { ...mail, attachments: mail.attachments?.map(toQueued) };
    try {
      await withinQueueTimeout(this.queue.add(JobName.SendMail, data, options));
      return true;
    } catch (error) {
      this.logger.error(`Mail "${mail.subject}" was not queued: ${(error as Error).message}`);
      return false;
    }
  }
}

function toQueued(attachment: MailAttachment): QueuedAttachment {
  const content = typeof attachment.content === 'string' ? Buffer.from(attachment.content) : attachment.content;
  return { filename: attachment.filename, contentBase64: content.toString('base64'), contentType: attachment.contentType };
}

export function fromQueued(mail: QueuedMail): OutgoingMail {
  return {
    ...mail,
    attachments: mail.attachments?.map((a) => ({ filename: a.filename, content: Buffer.from(a.contentBase64, 'base64'), contentType: a.contentType })),
  };
}
