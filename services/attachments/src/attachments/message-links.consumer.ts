import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventEnvelope, TicketEvents } from '@helpdesk/contracts';
import { EventConsumer } from '@helpdesk/messaging';

import { AttachmentsService } from './attachments.service';

export const MESSAGE_LINKS_OPTIONS = Symbol('MESSAGE_LINKS_OPTIONS');
export const MESSAGE_LINKS_QUEUE = 'attachments.message-links';

const MESSAGE_EVENTS = [TicketEvents.Opened, TicketEvents.Replied, TicketEvents.NoteAdded];
type MessageEvent = EventEnvelope<(typeof MESSAGE_EVENTS)[number]>;

/**
 * Learns which message each attachment went to from the tickets service's events (its
 * transaction stored the link). Idempotent: a redelivered event links nothing twice.
 */
@Injectable()
export class MessageLinksConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer?: EventConsumer<MessageEvent['name']>;

  constructor(
    @Inject(MESSAGE_LINKS_OPTIONS) private readonly options: { url: string },
    private readonly attachments: AttachmentsService,
  ) {}

  onApplicationBootstrap(): void {
    this.consumer = new EventConsumer(
      {
        url: this.options.url,
        queue: MESSAGE_LINKS_QUEUE,
        events: MESSAGE_EVENTS,
        prefetch: 16,
        maxAttempts: 10,
        retryDelayMs: 1_000,
      },
      (event) => this.apply(event),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.close();
  }

  async apply(event: MessageEvent): Promise<void> {
    const { ticket, message } = event.payload;
    const ids = message.attachments?.map((attachment) => attachment.id) ?? [];
    if (ids.length > 0) {
      await this.attachments.recordLinks(ids, ticket.id, message.id);
    }
  }
}
