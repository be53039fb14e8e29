import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventConsumer } from '@helpdesk/messaging';
import { randomUUID } from 'node:crypto';

import { DeliveriesRepository } from '../deliveries/deliveries.repository';
import { DeliveryWorker } from '../deliveries/delivery-worker';
import { WebhooksRepository } from '../webhooks/webhooks.repository';
import { SUBSCRIBED_TICKET_EVENTS, SubscribedTicketEventName, toWebhookEvent, wants } from './webhook-event-mapping';

/* WIRE-LEVEL NAME: renaming the queue strands the events already in it (and its dead letters). */
export const TICKET_EVENTS_QUEUE = 'webhooks.ticket-events';

export const TICKET_EVENTS_CONSUMER_OPTIONS = Symbol('TICKET_EVENTS_CONSUMER_OPTIONS');
export interface TicketEventsConsumerOptions {
  url: string;
  maxAttempts: number;
  retryDelayMs: number;
}

/**
 * Records a delivery for each active webhook that wants a ticket event. Events come from the
 * tickets service's outbox, so only committed changes are sent; the broker may deliver one
 * twice, and the second records nothing (deliveries are unique per webhook and event id).
 */
@Injectable()
export class TicketEventsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer?: EventConsumer<SubscribedTicketEventName>;

  constructor(
    @Inject(TICKET_EVENTS_CONSUMER_OPTIONS) private readonly options: TicketEventsConsumerOptions,
    private readonly webhooks: WebhooksRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly worker: DeliveryWorker,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new EventConsumer(
      // One at a time: deliveries of a ticket are sent in the order they are recorded here.
      { ...this.options, prefetch: 1, queue: TICKET_EVENTS_QUEUE, events: SUBSCRIBED_TICKET_EVENTS },
      async (event) => {
        const draft = toWebhookEvent(event);
        const targets = (await this.webhooks.listActive()).filter((webhook) =>
          wants(
            { events: webhook.events, departmentIds: webhook.department_ids, includeNotes: webhook.include_notes },
            draft,
          ),
        );
        await this.deliveries.insert(
          targets.map((webhook) => {
            const id = randomUUID();
            return {
              id,
              webhookId: webhook.id,
              sourceEventId: event.eventId,
              event: draft.event,
              ticketId: draft.ticketId,
              body: JSON.stringify({ id, ...draft.body }),
              occurredAt: event.occurredAt,
            };
          }),
        );
        if (targets.length > 0) {
          this.worker.poke();
        }
      },
    );
    await this.consumer.waitUntilReady();
  }

  brokerConnected(): boolean {
    return this.consumer?.isConnected() ?? false;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.close();
  }
}
