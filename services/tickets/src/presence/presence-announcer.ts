import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { PresenceChangedPayload, PresenceEvents } from '@helpdesk/contracts';
import { EventPublisher } from '@helpdesk/messaging';
import { randomUUID } from 'node:crypto';

export const PRESENCE_OPTIONS = Symbol('PRESENCE_OPTIONS');
export interface PresenceOptions {
  rabbitmqUrl: string;
  /** How long a heartbeat keeps a presence (PRESENCE_TTL). */
  ttlMs: number;
}

/**
 * Publishes `ticket.presence-changed` straight to the exchange, without the outbox and without
 * making the heartbeat wait: a presence lives seconds, so one lost event is corrected by the
 * next heartbeat or read, while an outbox row per heartbeat would cost a write each.
 */
@Injectable()
export class PresenceAnnouncer implements OnApplicationShutdown {
  private readonly logger = new Logger(PresenceAnnouncer.name);
  private readonly publisher: EventPublisher;

  constructor(@Inject(PRESENCE_OPTIONS) options: PresenceOptions) {
    this.publisher = new EventPublisher(options.rabbitmqUrl);
  }

  announce(payload: PresenceChangedPayload): void {
    const event = {
      eventId: randomUUID(),
      name: PresenceEvents.Changed,
      occurredAt: new Date().toISOString(),
      payload,
    };
    this.publisher.publish(event).catch((error: Error) => {
      this.logger.warn(`Presence on ticket #${payload.ticketId} not announced: ${error.message}`);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.publisher.close();
  }
}
