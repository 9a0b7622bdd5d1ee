import { Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { JobName } from '../queues/queue-names';
import { fromQueued, MailQueue, QueuedMail } from './mail-queue.service';
import type { OutgoingMail } from './mail.service';

type BulkJob = { name: string; data: QueuedMail; opts: { jobId?: string } };

function setup(addBulk: (jobs: BulkJob[]) => Promise<{ id?: string }[]>) {
  const queue = { addBulk: jest.fn(addBulk) };
  return { queue, mailQueue: new MailQueue(queue as unknown as Queue<QueuedMail>) };
}

const mail = (subject: string): OutgoingMail => ({ to: 'ada@example.com', subject, template: 'booking-confirmation', context: {} });

describe('MailQueue', () => {
  let errors: jest.SpyInstance;
  beforeEach(() => (errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined)));
  afterEach(() => jest.restoreAllMocks());

  it('hands the mails of one turn to Redis in one addBulk, each with its job id', async () => {
    const { queue, mailQueue } = setup(async (jobs) => jobs.map((job, i) => ({ id: job.opts.jobId ?? String(i) })));

    const queued = await Promise.all([mailQueue.enqueue(mail('one'), { jobId: 'booking-confirmation:1' }), mailQueue.enqueue(mail('two'))]);

    expect(queued).toEqual([true, true]);
    expect(queue.addBulk).toHaveBeenCalledTimes(1);
    expect(queue.addBulk.mock.calls[0][0]).toEqual([
      { name: JobName.SendMail, data: mail('one'), opts: { jobId: 'booking-confirmation:1' } },
      { name: JobName.SendMail, data: mail('two'), opts: {} },
    ]);
  });

  it('sends attachments as base64 that the worker turns back into bytes', async () => {
    const { queue, mailQueue } = setup(async (jobs) => jobs.map(() => ({ id: '1' })));
    const bytes = Buffer.from([0, 255, 37, 80]);

    await mailQueue.enqueue({ ...mail('report'), attachments: [{ filename: 'report.pdf', content: bytes, contentType: 'application/pdf' }] });

    const [{ data }] = queue.addBulk.mock.calls[0][0];
    expect(data.attachments).toEqual([{ filename: 'report.pdf', contentBase64: bytes.toString('base64'), contentType: 'application/pdf' }]);
    expect(fromQueued(data).attachments?.[0].content).toEqual(bytes);
  });

  it('answers false for every mail of a batch Redis did not take, and logs each', async () => {
    const { mailQueue } = setup(async () => {
      throw new Error('Connection is closed.');
    });

    expect(await Promise.all([mailQueue.enqueue(mail('one')), mailQueue.enqueue(mail('two'))])).toEqual([false, false]);
    expect(errors).toHaveBeenCalledTimes(2);
    expect(errors).toHaveBeenCalledWith('Mail "one" was not queued: Connection is closed.');
  });

  it('answers false only for a job that came back without an id', async () => {
    const { mailQueue } = setup(async () => [{ id: '7' }, {}]);

    expect(await Promise.all([mailQueue.enqueue(mail('one')), mailQueue.enqueue(mail('two'))])).toEqual([true, false]);
    expect(errors).toHaveBeenCalledWith('Mail "two" was not queued: Redis refused the job');
  });
});
