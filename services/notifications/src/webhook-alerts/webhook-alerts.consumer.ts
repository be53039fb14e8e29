import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventEnvelope, WebhookServiceEventName, WebhookServiceEvents } from '@helpdesk/contracts';
import { EventConsumer } from '@helpdesk/messaging';

import { AdminMailer } from '../outgoing-mails/admin-mailer';
import { TICKET_EVENTS_CONSUMER_OPTIONS, TicketEventsConsumerOptions } from '../ticket-events/ticket-events.consumer';
import { NOTIFIER_OPTIONS, NotifierOptions } from '../ticket-events/ticket-notifier';

/* WIRE-LEVEL NAME: renaming the queue strands the events already in it (and its dead letters). */
export const WEBHOOK_EVENTS_QUEUE = 'notifications.webhook-events';

/** Mails every active administrator when the webhooks service turns a webhook off. */
@Injectable()
export class WebhookAlertsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookAlertsConsumer.name);
  private consumer?: EventConsumer<WebhookServiceEventName>;

  constructor(
    @Inject(TICKET_EVENTS_CONSUMER_OPTIONS) private readonly options: TicketEventsConsumerOptions,
    @Inject(NOTIFIER_OPTIONS) private readonly notifier: NotifierOptions,
    private readonly admins: AdminMailer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new EventConsumer(
      { ...this.options, queue: WEBHOOK_EVENTS_QUEUE, events: [WebhookServiceEvents.Disabled] },
      (event) => this.alertAdmins(event),
    );
    await this.consumer.waitUntilReady();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.close();
  }

  private async alertAdmins({ payload }: EventEnvelope<WebhookServiceEventName>): Promise<void> {
    const page = `${this.notifier.publicUrl.replace(/\/+$/, '')}/admin/webhooks`;
    const mailed = await this.admins.mailAdmins(`Webhook #${payload.webhookId} was turned off`, [
      `The webhook #${payload.webhookId} to ${payload.url} was turned off: ${payload.reason}.`,
      `No more events go to it until an administrator turns it back on at ${page}`,
      'once the receiver answers again; its delivery log shows what it answered.',
    ]);
    this.logger.log(`Webhook ${payload.webhookId} was turned off; ${mailed} administrator(s) mailed`);
  }
}
