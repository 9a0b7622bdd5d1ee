import { MailerService } from '@nestjs-modules/mailer';
import { ConfigService } from '@nestjs/config';
import { AppConfig } from '../config/app-config';
import { MailService } from '../mail/mail.service';
import { ATTACHMENT_LIMIT_BYTES, ExportFormat, exportFileType, ExportKind } from './export-formats';
import { attachesFile, exportReadyMail, FinishedExport, formatSize } from './export-mail';

type SentMail = Parameters<MailerService['sendMail']>[0];

const owner = { email: 'ada@example.com', username: 'ada', full_name: 'Ada & Co' };
const done: FinishedExport = {
  kind: ExportKind.Bookings,
  type: exportFileType(ExportFormat.Csv, ExportKind.Bookings),
  rowCount: 1234,
  sizeBytes: 52_000,
  expiresAt: new Date('2026-11-29T10:00:00Z'),
  downloadUrl: 'https://parking.example.com/api/exports/42/download',
  downloadName: 'parking-bookings-2026-11-22.csv',
};

/** Renders through the real templates (strict: a missing field fails) into a captured mail. */
async function render(mail: ReturnType<typeof exportReadyMail>): Promise<SentMail> {
  const sent: SentMail[] = [];
  const mailer = { sendMail: async (message: SentMail) => void sent.push(message) } as unknown as MailerService;
  const app = { publicUrl: 'https://parking.example.com', currency: 'USD', timeZone: 'UTC' };
  await new MailService(mailer, { get: () => app } as unknown as ConfigService<AppConfig, true>).send(mail);
  return sent[0];
}

describe('attachesFile', () => {
  it('attaches up to 10 MB inclusive, links above', () => {
    expect(attachesFile(0)).toBe(true);
    expect(attachesFile(ATTACHMENT_LIMIT_BYTES)).toBe(true);
    expect(attachesFile(ATTACHMENT_LIMIT_BYTES + 1)).toBe(false);
  });
});

describe('formatSize', () => {
  it.each([
    [512, '512 B'],
    [52_000, '50.8 KB'],
    [15 * 1024 * 1024, '15.0 MB'],
  ])('%i bytes → %s', (bytes, text) => expect(formatSize(bytes)).toBe(text));
});

describe('exportReadyMail', () => {
  it('attaches the file under its download name and says so', async () => {
    const content = Buffer.from('id\r\n');
    const mail = exportReadyMail(owner, done, content);
    expect(mail).toMatchObject({ to: 'ada@example.com', subject: 'Your bookings export is ready', template: 'export-ready' });
    expect(mail.attachments).toEqual([{ filename: 'parking-bookings-2026-11-22.csv', content, contentType: 'text/csv; charset=utf-8' }]);
    const sent = await render(mail);
    expect(sent.text).toContain('Hello Ada & Co,');
    expect(sent.text).toContain('The file is attached to this message.');
    expect(sent.text).toMatch(/Rows: +1234/);
    expect(sent.text).toMatch(/Available until: Nov 29, 2026, 10:00 AM/);
    expect(sent.text).toContain(done.downloadUrl);
    expect(sent.html).toContain(`href="${done.downloadUrl}"`);
  });

  it('links to a file too large to attach, and names the admin export for what it is', async () => {
    const mail = exportReadyMail(owner, { ...done, kind: ExportKind.All, type: exportFileType(ExportFormat.Xlsx, ExportKind.All), sizeBytes: 40 * 1024 * 1024 });
    expect(mail.subject).toBe('Your data export is ready');
    expect(mail.attachments).toBeUndefined();
    const sent = await render(mail);
    expect(sent.text).not.toContain('attached to this message');
    expect(sent.text).toContain('The file is too large to attach.');
    expect(sent.text).toContain('Excel workbook (xlsx)');
    expect(sent.text).toContain('40.0 MB');
    expect(sent.text).toContain(done.downloadUrl);
  });
});
