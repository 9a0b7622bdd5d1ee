import { MailerService } from '@nestjs-modules/mailer';
import { ConfigService } from '@nestjs/config';
import Handlebars from 'handlebars';
import { AppConfig } from '../config/app-config';
import { registerMailHelpers } from './mail-helpers';
import { MailService } from './mail.service';

type SentMail = Parameters<MailerService['sendMail']>[0];

const codePageUrl = 'https://parking.example.com/verify-email?email=ada%2Btest%40example.com';
const context = { name: 'Ada', code: '123456', minutes: 10, codePageUrl };

function setup() {
  const sent: SentMail[] = [];
  const mailer = { sendMail: async (mail: SentMail) => void sent.push(mail) } as unknown as MailerService;
  const app = { publicUrl: 'https://parking.example.com', currency: 'EUR', timeZone: 'Europe/Paris' };
  const config = { get: () => app } as unknown as ConfigService<AppConfig, true>;
  return { service: new MailService(mailer, config), sent };
}

describe('MailService', () => {
  it.each(['account-code', 'password-reset'] as const)('renders %s into an HTML and a text part', async (template) => {
    const { service, sent } = setup();

    await service.send({
      to: 'ada@example.com',
      subject: 'Your code',
      template,
      context: { name: 'Ada & Co', code: '042917', minutes: 10, codePageUrl },
    });

    const [mail] = sent;
    expect(mail).toMatchObject({ to: 'ada@example.com', subject: 'Your code' });
    // API tests find the code with this pattern, so no other 6-digit number (say, a colour) may match.
    expect(String(mail.text).match(/\b\d{6}\b/g)).toEqual(['042917']);
    expect(String(mail.html).match(/\b\d{6}\b/g)).toEqual(['042917']);
    expect(mail.text).toContain('10 minutes');
    expect(mail.text).toContain('Hello Ada & Co,');
    expect(mail.html).toContain('Hello Ada &amp; Co,');
    // The page to enter the code on, as text and as a link (HTML-escaped, as every value is).
    expect(mail.text).toContain(`on this page:\n${codePageUrl}\n`);
    const escapedUrl = codePageUrl.replace('=', '&#x3D;');
    expect(mail.html).toContain(`<a href="${escapedUrl}" style="color:#1e3a8a;">${escapedUrl}</a>`);
  });

  it('wraps the HTML body in the layout', async () => {
    const { service, sent } = setup();

    await service.send({
      to: ['ada@example.com', 'bob@example.com'],
      subject: 'Verify <your> email',
      template: 'account-code',
      context,
    });

    const html = String(sent[0].html);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<title>Verify &lt;your&gt; email</title>');
    expect(html).toContain('href="https://parking.example.com"');
    expect(html.indexOf('Vehicle Parking')).toBeLessThan(html.indexOf('123456'));
    expect(html.trimEnd()).toMatch(/<\/html>$/);
    expect(sent[0].to).toEqual(['ada@example.com', 'bob@example.com']);
  });

  it('passes attachments through', async () => {
    const { service, sent } = setup();
    const attachments = [{ filename: 'receipt.csv', content: 'a,b\n1,2', contentType: 'text/csv' }];

    await service.send({ to: 'ada@example.com', subject: 'Receipt', template: 'account-code', context, attachments });

    expect(sent[0].attachments).toEqual(attachments);
  });

  it.each(['account-code', 'password-reset'] as const)(
    'still renders a %s mail queued before code mails carried the page link',
    async (template) => {
      const { service, sent } = setup();

      await service.send({ to: 'ada@example.com', subject: 'Your code', template, context: { name: 'Ada', code: '042917', minutes: 10 } });

      const [mail] = sent;
      expect(String(mail.text).match(/\b\d{6}\b/g)).toEqual(['042917']);
      expect(mail.text).toContain('10 minutes');
      expect(mail.text).not.toContain('on this page');
      expect(mail.html).toContain('It is valid for 10 minutes.');
      expect(mail.html).not.toContain('on this page');
    },
  );

  it('refuses a context missing a field the template uses', async () => {
    const { service, sent } = setup();

    const sending = service.send({
      to: 'ada@example.com',
      subject: 'Your code',
      template: 'account-code',
      context: { name: 'Ada', minutes: 10, codePageUrl },
    });

    await expect(sending).rejects.toThrow(/"code" not defined/);
    expect(sent).toEqual([]);
  });
});

describe('registerMailHelpers', () => {
  const paris = { currency: 'EUR', timeZone: 'Europe/Paris' };

  function render(source: string, data: object, format = paris): string {
    const handlebars = Handlebars.create();
    registerMailHelpers(handlebars, format);
    return handlebars.compile(source)(data);
  }

  it('formats integer minor units with the configured currency', () => {
    expect(render('{{money amount}}', { amount: 123456 })).toBe('€1,234.56');
    expect(render('{{money amount}}', { amount: 1500 }, { currency: 'JPY', timeZone: 'UTC' })).toBe('¥1,500');
  });

  it('formats dates in the configured time zone', () => {
    const at = '2025-01-15T23:30:00Z';
    expect(render('{{dateTime at}}', { at: new Date(at) })).toBe('Jan 16, 2025, 12:30 AM');
    expect(render('{{dateTime at}}', { at }, { currency: 'USD', timeZone: 'UTC' })).toBe('Jan 15, 2025, 11:30 PM');
  });

  it('is not registered on the global Handlebars instance', () => {
    render('{{money 1}}', {});
    expect(Handlebars.helpers.money).toBeUndefined();
  });
});
