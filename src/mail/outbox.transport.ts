import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Transport } from 'nodemailer';
import type MailMessage from 'nodemailer/lib/mailer/mail-message';
import type MimeNode from 'nodemailer/lib/mime-node';

export interface OutboxInfo {
  envelope: MimeNode.Envelope;
  messageId: string;
}

/**
 * A nodemailer transport that delivers into a folder: one `.eml` file per message, named so that
 * files sort by sending time. Stands in for SMTP in development and tests.
 */
export class OutboxTransport implements Transport<OutboxInfo> {
  readonly name = 'OutboxTransport';
  readonly version = '1.0.0';

  constructor(private readonly dir: string) {}

  send(mail: MailMessage<OutboxInfo>, callback: (err: Error | null, info: OutboxInfo) => void): void {
    // The outbox stands in for every recipient's inbox, so Bcc recipients must stay findable.
    mail.message.keepBcc = true;
    const envelope = mail.message.getEnvelope();
    const messageId = mail.message.messageId();
    this.write(mail.message, envelope.to[0]).then(
      () => callback(null, { envelope, messageId }),
      (err: Error) => callback(err, { envelope, messageId }),
    );
  }

  private async write(message: MimeNode, firstRecipient: string | undefined): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const file = join(this.dir, fileName(firstRecipient));
    // Written under another name and renamed, so a reader polling the folder never sees half a message.
    const partial = `${file}.partial`;
    try {
      await pipeline(message.createReadStream(), createWriteStream(partial, { flags: 'wx' }));
      await rename(partial, file);
    } catch (err) {
      await rm(partial, { force: true });
      throw err;
    }
  }
}

function fileName(recipient: string | undefined): string {
  const time = new Date().toISOString().replace(/:/g, '-');
  const to = (recipient ?? 'nobody').toLowerCase().replace(/[^a-z0-9@._-]/g, '_').slice(0, 64);
  return `${time}-${to}-${randomBytes(3).toString('hex')}.eml`;
}
