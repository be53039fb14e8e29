import { Logger } from '@nestjs/common';
import { EVENTS_EXCHANGE, EventEnvelope } from '@helpdesk/contracts';
import { AmqpConnectionManager, ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel } from 'amqplib';

import { connectToBroker, resetChannelOnError } from '../broker/broker-link';

/**
 * Publishes events to the topic exchange with publisher confirms: `publish` resolves only once
 * the broker has taken responsibility for the (persistent) message.
 */
export class EventPublisher {
  private readonly logger = new Logger(EventPublisher.name);
  private readonly connection: AmqpConnectionManager;
  private readonly channel: ChannelWrapper;

  constructor(url: string) {
    this.connection = connectToBroker(url, this.logger);
    this.channel = this.connection.createChannel({
      confirm: true,
      json: false,
      setup: (channel: ConfirmChannel) => channel.assertExchange(EVENTS_EXCHANGE, 'topic', { durable: true }),
    });
    resetChannelOnError(this.connection, this.channel, this.logger);
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
