import { MailerModule, MailerOptions } from '@nestjs-modules/mailer';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppConfig } from '../config/app-config';
import { MailQueue } from './mail-queue.service';
import { MailProcessor } from './mail.processor';
import { MailService } from './mail.service';
import { OutboxTransport } from './outbox.transport';

/** Sends through SMTP when configured, otherwise into the outbox folder as `.eml` files. */
function mailerOptions(config: ConfigService<AppConfig, true>): MailerOptions {
  const { from, outboxDir, smtp } = config.get('mail', { infer: true });
  const transport = smtp
    ? {
        host: smtp.host,
        port: smtp.port,
        secure: smtp.secure,
        auth: smtp.user ? { user: smtp.user, pass: smtp.password } : undefined,
      }
    : new OutboxTransport(outboxDir);
  return { transport, defaults: { from } };
}

@Global()
@Module({})
export class MailModule {
  /** Every process can queue mail; only the worker sends it. */
  static forRoot({ worker }: { worker: boolean }): DynamicModule {
    return {
      module: MailModule,
      imports: [MailerModule.forRootAsync({ inject: [ConfigService], useFactory: mailerOptions })],
      providers: [MailService, MailQueue, ...(worker ? [MailProcessor] : [])],
      exports: [MailService, MailQueue],
    };
  }
}
