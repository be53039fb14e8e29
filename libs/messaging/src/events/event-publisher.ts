import { Logger } from '@nestjs/common';
import { EVENTS_EXCHANGE, EventEnvelope } from '@helpdesk/contracts';
import amqp, { AmqpConnectionManager, ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel } from 'amqplib';

import { BROKER_CONNECTION_OPTIONS } from '../rpc/rpc-queue';

/**
 * Publishes events to the topic exchange with publisher confirms: `publish` resolves only once
 * the broker has taken responsibility for the (persistent) message.
 */
export class EventPublisher {
  private readonly logger = new Logger(EventPublisher.name);
  private readonly connection: AmqpConnectionManager;
  private readonly channel: ChannelWrapper;

  constructor(url: string) {
    this.connection = amqp.connect([url], BROKER_CONNECTION_OPTIONS);
    this.connection.on('disconnect', ({ err }) =>
      this.logger.warn(`Event publisher lost the broker: ${err?.message ?? 'disconnected'}`),
    );
    this.channel = this.connection.createChannel({
      confirm: true,
      json: false,
      setup: (channel: ConfirmChannel) => channel.assertExchange(EVENTS_EXCHANGE, 'topic', { durable: true }),
    });
  }

  async publish(event: EventEnvelope, correlationId?: string): Promise<void> {
    await this.channel.publish(EVENTS_EXCHANGE, event.name, Buffer.from(JSON.stringify(event)), {
      persistent: true,
      messageId: event.eventId,
      contentType: 'application/json',
      timestamp: Math.floor(Date.parse(event.occurredAt) / 1000),
      headers: correlationId ? { 'x-correlation-id': correlationId } : {},
      timeout: 10_000,
    });
  }

  isConnected(): boolean {
    return this.connection.isConnected();
  }

  async close(): Promise<void> {
    await this.channel.close();
    await this.connection.close();
  }
}
