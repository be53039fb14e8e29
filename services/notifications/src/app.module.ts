import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseModule } from '@helpdesk/database';
import { ReplyTokens } from '@helpdesk/mail';
import { RpcClientsModule, SystemModule } from '@helpdesk/messaging';

import { CreateNotificationsSchema1764288000000 } from '../migrations/1764288000000-create-notifications-schema';
import { AddOutgoingMailDepartmentAndSkip1796319551000 } from '../migrations/1796319551000-add-outgoing-mail-department-and-skip';
import { AddOutgoingMailFromAddress1797701000000 } from '../migrations/1797701000000-add-outgoing-mail-from-address';
import { NOTIFICATIONS_SCHEMA, NotificationsEnv } from './env';
import { MAIL_RELAY_OPTIONS, MailRelay, MailRelayOptions } from './outgoing-mails/mail-relay';
import { MailThread } from './outgoing-mails/mail-thread.entity';
import { OutgoingMail } from './outgoing-mails/outgoing-mail.entity';
import { OutgoingMailsRepository } from './outgoing-mails/outgoing-mails.repository';
import { RecipientCheck } from './outgoing-mails/recipient-check';
import { AdminMailer } from './outgoing-mails/admin-mailer';
import { SMTP_OPTIONS, SmtpMailer, SmtpOptions } from './outgoing-mails/smtp-mailer';
import { TicketEmailsMessageController } from './outgoing-mails/ticket-emails.message.controller';
import { TicketEmailsService } from './outgoing-mails/ticket-emails.service';
import { Recipients } from './ticket-events/recipients';
import {
  TICKET_EVENTS_CONSUMER_OPTIONS,
  TicketEventsConsumer,
  TicketEventsConsumerOptions,
} from './ticket-events/ticket-events.consumer';
import { NOTIFIER_OPTIONS, NotifierOptions, TicketNotifier } from './ticket-events/ticket-notifier';
import { AccountMailsConsumer } from './account-mails/account-mails.consumer';
import { MailboxAlertsConsumer } from './mailbox-alerts/mailbox-alerts.consumer';
import { WebhookAlertsConsumer } from './webhook-alerts/webhook-alerts.consumer';

export const NOTIFICATIONS_MIGRATIONS = [
  CreateNotificationsSchema1764288000000,
  AddOutgoingMailDepartmentAndSkip1796319551000,
  AddOutgoingMailFromAddress1797701000000,
];

@Module({})
export class AppModule {
  static register(env: NotificationsEnv): DynamicModule {
    const smtp: SmtpOptions = {
      url: env.SMTP_URL,
      poolSize: env.SMTP_POOL_SIZE,
      timeoutMs: env.MAIL_SEND_TIMEOUT_MS,
      from: env.MAIL_FROM,
    };
    const relay: MailRelayOptions = {
      pollIntervalMs: env.MAIL_POLL_INTERVAL_MS,
      batchSize: env.SMTP_POOL_SIZE * 2,
      // Longer than a send can take (connect + greeting + data, each bounded by the timeout, and
      // a wait in the pool's queue), so a mail is only taken again once its sender is gone.
      leaseMs: env.MAIL_SEND_TIMEOUT_MS * 5,
      retryBaseMs: env.MAIL_RETRY_BASE_MS,
      retryMaxMs: env.MAIL_RETRY_MAX_MS,
      giveUpAfterMs: env.MAIL_GIVE_UP_AFTER,
    };
    const notifier: NotifierOptions = {
      noteEmails: env.ENABLE_NOTE_EMAILS,
      addressing: { localPart: env.REPLY_LOCAL_PART, domain: env.MAIL_DOMAIN },
      publicUrl: env.PUBLIC_URL,
    };
    const consumer: TicketEventsConsumerOptions = {
      url: env.RABBITMQ_URL,
      prefetch: 8,
      maxAttempts: env.NOTIFICATIONS_EVENT_ATTEMPTS,
      retryDelayMs: env.NOTIFICATIONS_EVENT_RETRY_MS,
    };
    return {
      module: AppModule,
      imports: [
        SystemModule.forService('notifications'),
        DatabaseModule.forRoot({
          url: env.DATABASE_URL,
          schema: NOTIFICATIONS_SCHEMA,
          entities: [OutgoingMail, MailThread],
          migrations: NOTIFICATIONS_MIGRATIONS,
          poolSize: env.DATABASE_POOL_SIZE,
          applicationName: 'helpdesk-notifications',
          migrateOnStart: env.MIGRATE_ON_START,
        }),
        RpcClientsModule.forRoot({ url: env.RABBITMQ_URL, timeoutMs: env.RPC_TIMEOUT_MS }),
      ],
      controllers: [TicketEmailsMessageController],
      providers: [
        { provide: SMTP_OPTIONS, useValue: smtp },
        { provide: MAIL_RELAY_OPTIONS, useValue: relay },
        { provide: NOTIFIER_OPTIONS, useValue: notifier },
        { provide: TICKET_EVENTS_CONSUMER_OPTIONS, useValue: consumer },
        { provide: ReplyTokens, useValue: new ReplyTokens(env.MAIL_TOKEN_SECRET) },
        MailRelay,
        OutgoingMailsRepository,
        RecipientCheck,
        Recipients,
        SmtpMailer,
        AdminMailer,
        TicketEmailsService,
        TicketEventsConsumer,
        TicketNotifier,
        MailboxAlertsConsumer,
        WebhookAlertsConsumer,
        AccountMailsConsumer,
      ],
    };
  }
}
