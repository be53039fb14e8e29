import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AccessEvents, EventEnvelope } from '@helpdesk/contracts';
import { EventConsumer } from '@helpdesk/messaging';

import { SmtpMailer } from '../outgoing-mails/smtp-mailer';
import { TICKET_EVENTS_CONSUMER_OPTIONS, TicketEventsConsumerOptions } from '../ticket-events/ticket-events.consumer';
import { NOTIFIER_OPTIONS, NotifierOptions } from '../ticket-events/ticket-notifier';
import { accountMailText } from './account-mail-text';

/* WIRE-LEVEL NAME: renaming the queue strands the events already in it (and its dead letters). */
export const ACCOUNT_MAILS_QUEUE = 'notifications.account-mails';

type AccountMailEvent = typeof AccessEvents.AccountMailRequested;

/**
 * Mails the address-confirmation and password-reset links the access service asks for. Sent at
 * once, outside the ticket mail log (the link is a credential; no API shows it): an SMTP failure
 * fails the event, which the consumer retries, so a link may arrive twice, never zero times while
 * SMTP comes back within the retries. Log lines name the purpose, never the link.
 */
@Injectable()
export class AccountMailsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AccountMailsConsumer.name);
  private consumer?: EventConsumer<AccountMailEvent>;

  constructor(
    @Inject(TICKET_EVENTS_CONSUMER_OPTIONS) private readonly options: TicketEventsConsumerOptions,
    @Inject(NOTIFIER_OPTIONS) private readonly notifier: NotifierOptions,
    private readonly mailer: SmtpMailer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new EventConsumer(
      { ...this.options, queue: ACCOUNT_MAILS_QUEUE, events: [AccessEvents.AccountMailRequested] },
      (event) => this.send(event),
    );
    await this.consumer.waitUntilReady();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.close();
  }

  private async send({ eventId, payload }: EventEnvelope<AccountMailEvent>): Promise<void> {
    const { subject, text } = accountMailText(payload, this.notifier.publicUrl);
    await this.mailer.sendNotice({ to: { name: payload.name, address: payload.email }, subject, text });
    this.logger.log(`Mailed a ${payload.purpose} link (event ${eventId})`);
  }
}
