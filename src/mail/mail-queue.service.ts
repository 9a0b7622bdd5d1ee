import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { JobOptions, Queue } from 'bull';
import { perTurnBatch } from '../common/per-turn-batch';
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

  /**
   * `jobId` makes the enqueue idempotent: one mail per id, however often it is asked for. Resolves to
   * whether the mail is in the queue. The mails handed over in one turn of the event loop go to Redis in
   * one transaction (Bull's addBulk): a burst of bookings, or the reminders of a run, costs one round trip.
   */
  enqueue(mail: OutgoingMail, options: Pick<JobOptions, 'jobId'> = {}): Promise<boolean> {
    return this.enqueueInBatch({ mail, options });
  }

  private readonly enqueueInBatch = perTurnBatch<{ mail: OutgoingMail; options: Pick<JobOptions, 'jobId'> }, boolean>(async (requests) => {
    const jobs = requests.map(({ mail, options }) => ({
      name: JobName.SendMail,
      data: toQueuedMail(mail),
      opts: options,
    }));
    try {
      const added = await withinQueueTimeout(this.queue.addBulk(jobs));
      // A job whose command failed inside the transaction comes back without an id.
      return added.map((job, i) => job.id !== undefined || this.lost(requests[i].mail, 'Redis refused the job'));
    } catch (error) {
      return requests.map(({ mail }) => this.lost(mail, (error as Error).message));
    }
  });

  private lost(mail: OutgoingMail, reason: string): false {
    this.logger.error(`Mail "${mail.subject}" was not queued: ${reason}`);
    return false;
  }
}

/** A mail as JSON can carry it: into Redis, or into the outbox table. */
export function toQueuedMail(mail: OutgoingMail): QueuedMail {
  return { ...mail, attachments: mail.attachments?.map(toQueued) };
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
