import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import {
  AccessPatterns,
  EventEnvelope,
  StaffRole,
  systemPrincipal,
  WebhookServiceEventName,
  WebhookServiceEvents,
} from '@helpdesk/contracts';
import { AccessClient, EventConsumer } from '@helpdesk/messaging';

import { SmtpMailer } from '../outgoing-mails/smtp-mailer';
import { TICKET_EVENTS_CONSUMER_OPTIONS, TicketEventsConsumerOptions } from '../ticket-events/ticket-events.consumer';
import { NOTIFIER_OPTIONS, NotifierOptions } from '../ticket-events/ticket-notifier';

/* WIRE-LEVEL NAME: renaming the queue strands the events already in it (and its dead letters). */
export const WEBHOOK_EVENTS_QUEUE = 'notifications.webhook-events';

/**
 * Mails every active administrator when the webhooks service turns a webhook off. Sent at once
 * (no thread, no log): an SMTP failure fails the event, which the consumer retries, so an
 * admin may get the notice twice, never zero times while SMTP comes back within the retries.
 */
@Injectable()
export class WebhookAlertsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookAlertsConsumer.name);
  private consumer?: EventConsumer<WebhookServiceEventName>;

  constructor(
    @Inject(TICKET_EVENTS_CONSUMER_OPTIONS) private readonly options: TicketEventsConsumerOptions,
    @Inject(NOTIFIER_OPTIONS) private readonly notifier: NotifierOptions,
    private readonly access: AccessClient,
    private readonly mailer: SmtpMailer,
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
    const staff = await this.access.send(AccessPatterns.ListStaff, { principal: systemPrincipal('notifications') });
    const admins = staff.filter((member) => member.active && member.role === StaffRole.Admin);
    const page = `${this.notifier.publicUrl.replace(/\/+$/, '')}/admin/webhooks`;
    await Promise.all(
      admins.map((admin) =>
        this.mailer.sendNotice({
          to: { name: admin.name, address: admin.email },
          subject: `Webhook #${payload.webhookId} was turned off`,
          text: [
            `Hello ${admin.name},`,
            '',
            `The webhook #${payload.webhookId} to ${payload.url} was turned off: ${payload.reason}.`,
            `No more events go to it until an administrator turns it back on at ${page}`,
            'once the receiver answers again; its delivery log shows what it answered.',
          ].join('\n'),
        }),
      ),
    );
    this.logger.log(`Webhook ${payload.webhookId} was turned off; ${admins.length} administrator(s) mailed`);
  }
}
