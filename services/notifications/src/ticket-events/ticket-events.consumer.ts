import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TicketEventName, TicketEvents } from '@helpdesk/contracts';
import { EventConsumer } from '@helpdesk/messaging';

import { TicketNotifier } from './ticket-notifier';

/* WIRE-LEVEL NAME: renaming the queue strands the events already in it (and its dead letters). */
export const TICKET_EVENTS_QUEUE = 'notifications.ticket-events';

export const TICKET_EVENTS_CONSUMER_OPTIONS = Symbol('TICKET_EVENTS_CONSUMER_OPTIONS');
export interface TicketEventsConsumerOptions {
  url: string;
  prefetch: number;
  maxAttempts: number;
  retryDelayMs: number;
}

/**
 * Binds `notifications.ticket-events` to every ticket event and hands each to the notifier;
 * failures are retried, then dead-lettered to `notifications.ticket-events.dead`. Start-up
 * waits until the queue is bound, so no event published after start is missed.
 */
@Injectable()
export class TicketEventsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer?: EventConsumer<TicketEventName>;

  constructor(
    @Inject(TICKET_EVENTS_CONSUMER_OPTIONS) private readonly options: TicketEventsConsumerOptions,
    private readonly notifier: TicketNotifier,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new EventConsumer(
      { ...this.options, queue: TICKET_EVENTS_QUEUE, events: Object.values(TicketEvents) },
      (event) => this.notifier.handle(event),
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
