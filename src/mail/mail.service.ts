import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MailerService } from '@nestjs-modules/mailer';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Handlebars from 'handlebars';
import { AppConfig } from '../config/app-config';
import { registerMailHelpers } from './mail-helpers';

/** A mail the app can send: `templates/<name>.html.hbs` and `templates/<name>.text.hbs` both exist. */
export type MailTemplate =
  | 'account-code'
  | 'password-reset'
  | 'booking-confirmation'
  | 'booking-notice'
  | 'reminder'
  | 'daily-report'
  | 'monthly-admin-report'
  | 'monthly-driver-report'
  | 'export-ready';

export interface MailAttachment {
  filename: string;
  content: Buffer | string;
  contentType?: string;
}

export interface OutgoingMail {
  to: string | string[];
  subject: string;
  template: MailTemplate;
  context: Record<string, unknown>;
  attachments?: MailAttachment[];
}

const APP_NAME = 'Vehicle Parking';
// Next to this file in both the sources and dist/ (nest-cli.json copies the templates as assets).
const TEMPLATES_DIR = join(__dirname, 'templates');

/** Renders a template into an HTML and a plain-text part and sends them as one mail. */
@Injectable()
export class MailService {
  private readonly handlebars = Handlebars.create();
  private readonly compiled = new Map<string, Promise<Handlebars.TemplateDelegate>>();
  private readonly publicUrl: string;

  constructor(
    private readonly mailer: MailerService,
    config: ConfigService<AppConfig, true>,
  ) {
    const app = config.get('app', { infer: true });
    this.publicUrl = app.publicUrl;
    registerMailHelpers(this.handlebars, app);
  }

  async send(message: OutgoingMail): Promise<void> {
    const data = { ...message.context, subject: message.subject, appName: APP_NAME, publicUrl: this.publicUrl };
    const [layout, body, text] = await Promise.all([
      this.template('layout.html.hbs'),
      this.template(`${message.template}.html.hbs`),
      this.template(`${message.template}.text.hbs`),
    ]);
    await this.mailer.sendMail({
      to: message.to,
      subject: message.subject,
      html: layout({ ...data, body: body(data) }),
      text: text(data),
      attachments: message.attachments,
    });
  }

  /** Compiles a template on first use. Strict, so a context missing a field fails instead of mailing a blank. */
  private template(file: string): Promise<Handlebars.TemplateDelegate> {
    let template = this.compiled.get(file);
    if (!template) {
      const noEscape = file.endsWith('.text.hbs');
      template = readFile(join(TEMPLATES_DIR, file), 'utf8').then((source) =>
        this.handlebars.compile(source, { strict: true, noEscape }),
      );
      this.compiled.set(file, template);
    }
    return template;
  }
}
