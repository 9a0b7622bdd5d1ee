import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { latestCode, readMails } from '../../test/support/outbox';
import { OutboxTransport } from './outbox.transport';

const from = 'Vehicle Parking <no-reply@parking.local>';
const aMoment = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('OutboxTransport', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'outbox-'));
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes each message as an .eml file, creating the folder', async () => {
    const dir = join(root, 'mail');
    const transport = createTransport(new OutboxTransport(dir));

    const info = await transport.sendMail({
      from,
      to: 'Ada Lovelace <Ada+Test@example.com>',
      subject: 'Your verification code',
      text: 'Your verification code is 123456.',
      html: '<p>Your verification code is <b>123456</b>.</p>',
    });

    const files = await readdir(dir);
    const isoTime = /\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z/.source;
    expect(files).toEqual([expect.stringMatching(new RegExp(`^${isoTime}-ada_test@example\\.com-[0-9a-f]{6}\\.eml$`))]);
    const eml = await readFile(join(dir, files[0]), 'utf8');
    expect(eml).toMatch(/^Subject: Your verification code$/m);
    expect(eml).toMatch(/^To: Ada Lovelace <Ada\+Test@example\.com>$/m);
    expect(eml).toMatch(/^Content-Type: text\/plain/m);
    expect(eml).toMatch(/^Content-Type: text\/html/m);
    expect(eml).toContain('Your verification code is 123456.');
    expect(eml).toContain(`Message-ID: ${info.messageId}`);
    expect(info).toEqual({
      envelope: { from: 'no-reply@parking.local', to: ['Ada+Test@example.com'] },
      messageId: expect.any(String),
    });
  });

  it('names files so that they sort in sending order', async () => {
    const transport = createTransport(new OutboxTransport(root));
    for (const subject of ['first', 'second']) {
      await transport.sendMail({ from, to: 'b@example.com', subject, text: subject });
      await aMoment();
    }

    const files = (await readdir(root)).sort();
    const emls = await Promise.all(files.map((file) => readFile(join(root, file), 'utf8')));
    expect(emls.map((eml) => /^Subject: (.*)$/m.exec(eml)?.[1])).toEqual(['first', 'second']);
  });

  describe("read back by the API tests' helpers", () => {
    it('decodes the subject and the text part however nodemailer encoded them', async () => {
      const transport = createTransport(new OutboxTransport(root));
      const subject = 'Vérifiez votre adresse — un sujet assez long pour être plié sur plusieurs lignes';
      const text = `Bonjour Zoë,\nVotre code est 654321.\n${'x'.repeat(120)}\n`;

      await transport.sendMail({
        from,
        to: '"Zoë, Admin" <zoe@example.com>',
        subject,
        text,
        html: '<p>654321</p>',
        attachments: [{ filename: 'a.csv', content: 'a,b' }],
      });

      const [mail] = await readMails(root, 'ZOE@example.com');
      expect(mail).toMatchObject({ subject, text, html: '<p>654321</p>', recipients: ['zoe@example.com'] });
      expect(mail.file).toMatch(/\.eml$/);
    });

    it('finds the latest code sent to a recipient, in To, Cc or Bcc', async () => {
      const transport = createTransport(new OutboxTransport(root));
      const ada = 'ada@example.com';
      await transport.sendMail({ from, to: ada, subject: 'Verify your email', text: 'Code 111111' });
      await aMoment();
      await transport.sendMail({ from, to: ada, subject: 'Reset your password', text: 'Code 222222' });
      await transport.sendMail({
        from,
        to: 'bob@example.com',
        cc: 'carl@example.com',
        bcc: 'dan@example.com',
        subject: 'Verify your email',
        text: 'Code 333333',
      });

      expect(await latestCode(root, ada)).toBe('222222');
      expect(await latestCode(root, ada, 'Verify')).toBe('111111');
      expect(await latestCode(root, 'carl@example.com')).toBe('333333');
      expect(await latestCode(root, 'dan@example.com')).toBe('333333');
      await expect(latestCode(root, ada, 'Welcome', 100)).rejects.toThrow(
        `No 6-digit code mailed to ${ada} with a subject including "Welcome" in ${root}. ` +
          `Mails to ${ada}: "Verify your email", "Reset your password"`,
      );
    });

    it('reads no mail from an outbox that does not exist yet', async () => {
      const missing = join(root, 'missing');
      expect(await readMails(missing, 'ada@example.com')).toEqual([]);
      await expect(latestCode(missing, 'ada@example.com', undefined, 100)).rejects.toThrow(/No 6-digit code mailed to ada@example.com .*: none$/);
    });
  });
});
