import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventEnvelope, MailboxAlertPayload, MailIngressEvents } from '@helpdesk/contracts';
import { EventConsumer } from '@helpdesk/messaging';

import { AdminMailer } from '../outgoing-mails/admin-mailer';
import { TICKET_EVENTS_CONSUMER_OPTIONS, TicketEventsConsumerOptions } from '../ticket-events/ticket-events.consumer';
import { NOTIFIER_OPTIONS, NotifierOptions } from '../ticket-events/ticket-notifier';

/* WIRE-LEVEL NAME: renaming the queue strands the alerts already in it (and its dead letters). */
export const MAILBOX_ALERTS_QUEUE = 'notifications.mailbox-alerts';

type MailboxAlertEvent = typeof MailIngressEvents.MailboxAlert;

/**
 * Mails every active administrator when a mailbox fetched over IMAP fails (mail-ingress sends
 * it at most hourly while the failure lasts) and when it works again.
 */
@Injectable()
export class MailboxAlertsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailboxAlertsConsumer.name);
  private consumer?: EventConsumer<MailboxAlertEvent>;

  constructor(
    @Inject(TICKET_EVENTS_CONSUMER_OPTIONS) private readonly options: TicketEventsConsumerOptions,
    @Inject(NOTIFIER_OPTIONS) private readonly notifier: NotifierOptions,
    private readonly admins: AdminMailer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new EventConsumer(
      { ...this.options, queue: MAILBOX_ALERTS_QUEUE, events: [MailIngressEvents.MailboxAlert] },
      (event) => this.alertAdmins(event),
    );
    await this.consumer.waitUntilReady();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.close();
  }

  private async alertAdmins({ payload }: EventEnvelope<MailboxAlertEvent>): Promise<void> {
    const page = `${this.notifier.publicUrl.replace(/\/+$/, '')}/admin/mailboxes`;
    const subject = payload.recovered
      ? `Mailbox ${payload.address} works again`
      : `Mailbox ${payload.address} is failing`;
    const mailed = await this.admins.mailAdmins(subject, alertText(payload, page));
    this.logger.log(`${subject}; ${mailed} administrator(s) mailed`);
  }
}

function alertText(payload: MailboxAlertPayload, page: string): string[] {
  if (payload.recovered) {
    return [
      `The mailbox ${payload.address} works again; it had been failing since ${payload.failingSince}.`,
      'The mail that arrived meanwhile is being fetched now.',
    ];
  }
  return [
    `The mailbox ${payload.address} is failing since ${payload.failingSince}:`,
    '',
    `  ${payload.error ?? 'unknown error'}`,
    '',
    'No mail is taken from it, and nothing on the mail server is marked read, until it works again.',
    `Check its settings at ${page}. You get this mail at most once an hour while it fails.`,
  ];
}
