import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createTransport } from 'nodemailer';

import { ticketMailFrom } from '../composing/mail-headers';
import { OutgoingMail } from './outgoing-mail.entity';

export const SMTP_OPTIONS = Symbol('SMTP_OPTIONS');
export interface SmtpOptions {
  url: string;
  poolSize: number;
  /** Connect, greeting and socket inactivity timeouts, each. */
  timeoutMs: number;
  from: string;
}

/** Sends recorded mails through a pool of SMTP connections (nodemailer). */
@Injectable()
export class SmtpMailer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SmtpMailer.name);
  private readonly transport;

  constructor(@Inject(SMTP_OPTIONS) private readonly options: SmtpOptions) {
    this.transport = createTransport({
      url: options.url,
      pool: true,
      maxConnections: options.poolSize,
      connectionTimeout: options.timeoutMs,
      greetingTimeout: options.timeoutMs,
      socketTimeout: options.timeoutMs,
    });
  }

  /** Resolves once the server accepted the mail; rejects with nodemailer's error otherwise. */
  async send(mail: OutgoingMail): Promise<string> {
    const info = await this.transport.sendMail({
      from: ticketMailFrom(this.options.from, mail.fromAddress),
      to: { name: mail.recipientName, address: mail.recipientEmail },
      replyTo: mail.replyTo,
      subject: mail.subject,
      text: mail.textBody,
      html: mail.htmlBody,
      messageId: mail.messageId,
      inReplyTo: mail.inReplyTo ?? undefined,
      references: mail.referenceIds.length > 0 ? mail.referenceIds : undefined,
      date: mail.createdAt,
      headers: mail.headers,
    });
    return info.response;
  }

  /** A one-off notice outside any ticket's thread (e.g. to the admins); rejects like `send`. */
  async sendNotice(notice: { to: { name: string; address: string }; subject: string; text: string }): Promise<string> {
    const info = await this.transport.sendMail({
      from: this.options.from,
      to: notice.to,
      subject: notice.subject,
      text: notice.text,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
    return info.response;
  }

  onApplicationBootstrap(): void {
    const server = new URL(this.options.url);
    this.transport.verify().then(
      () => this.logger.log(`SMTP server ${server.host} is reachable`),
      (error: Error) =>
        this.logger.warn(`SMTP server ${server.host} is not reachable (${error.message}); mails wait until it is`),
    );
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
