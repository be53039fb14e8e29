import { Logger } from '@nestjs/common';
import {
  eventConsumerLag,
  eventsHandled,
  knownNameLabel,
  runWithCorrelationId,
  trackBrokerConnection,
  trackEventQueue,
} from '@helpdesk/config';
import { DEAD_LETTER_EXCHANGE, EVENTS_EXCHANGE, EventEnvelope, EventName } from '@helpdesk/contracts';
import { AmqpConnectionManager, ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';

import { connectToBroker, DURABLE_QUEUE_ARGUMENTS, onOpenChannel, resetChannelOnError } from '../broker/broker-link';
import { parseEvent, UnprocessableEventError } from './event-parsing';

export interface EventConsumerOptions<N extends EventName> {
  url: string;
  /** The consumer's own durable queue; its dead letters go to `<queue>.dead`. */
  queue: string;
  /**
   * Instead: an exclusive, auto-delete queue, gone with the connection and without dead letters,
   * for a process that needs every event while it runs rather than a share of them (the
   * gateway's event stream). `queue` must then be unique to the process.
   */
  exclusive?: boolean;
  /** The events (routing keys) to bind; any other event delivered to the queue is dead-lettered. */
  events: readonly N[];
  prefetch: number;
  /** Attempts before a message is dead-lettered. */
  maxAttempts: number;
  retryDelayMs: number;
}

export type EventHandler<N extends EventName> = (event: EventEnvelope<N>) => Promise<void>;

const ATTEMPTS_HEADER = 'x-attempts';

/**
 * Consumes events with manual acks: a message is acked only after its handler finished (so the
 * handler must be idempotent on `eventId`), retried with a delay when it fails, and
 * dead-lettered after `maxAttempts`. A handler sees only events that fit the contract: one that
 * does not (see parseEvent), or that a handler throws UnprocessableEventError for, is
 * dead-lettered at once.
 */
export class EventConsumer<N extends EventName> {
  private readonly logger: Logger;
  private readonly connection: AmqpConnectionManager;
  private readonly channel: ChannelWrapper;
  private readonly pendingRetries = new Set<NodeJS.Timeout>();
  private readonly names: ReadonlySet<N>;

  constructor(
    private readonly options: EventConsumerOptions<N>,
    private readonly handle: EventHandler<N>,
  ) {
    this.names = new Set(options.events);
    this.logger = new Logger(`EventConsumer:${options.queue}`);
    this.connection = connectToBroker(options.url, this.logger);
    this.channel = this.connection.createChannel({
      confirm: true,
      setup: (channel: ConfirmChannel) => this.setup(channel),
    });
    trackBrokerConnection(`events:${options.queue}`, () => this.isConnected());
    trackEventQueue(options.queue, async () => (await this.channel.checkQueue(options.queue)).messageCount);
    resetChannelOnError(this.connection, this.channel, this.logger);
  }

  /** Resolves once the queue is bound and consuming. */
  waitUntilReady(): Promise<void> {
    return this.channel.waitForConnect();
  }

  isConnected(): boolean {
    return this.connection.isConnected();
  }

  async close(): Promise<void> {
    for (const timer of this.pendingRetries) {
      clearTimeout(timer);
    }
    await this.channel.close();
    await this.connection.close();
  }

  private async setup(channel: ConfirmChannel): Promise<void> {
    const { queue } = this.options;
    await channel.assertExchange(EVENTS_EXCHANGE, 'topic', { durable: true });
    if (this.options.exclusive) {
      await channel.assertQueue(queue, { exclusive: true, autoDelete: true, durable: false });
    } else {
      await this.assertDurableQueue(channel, queue);
    }
    for (const event of this.options.events) {
      await channel.bindQueue(queue, EVENTS_EXCHANGE, event);
    }
    await channel.prefetch(this.options.prefetch);
    await channel.consume(queue, (message) => {
      if (message) {
        void this.onMessage(channel, message);
      }
    });
  }

  private async assertDurableQueue(channel: ConfirmChannel, queue: string): Promise<void> {
    await channel.assertExchange(DEAD_LETTER_EXCHANGE, 'direct', { durable: true });
    await channel.assertQueue(`${queue}.dead`, { durable: true, arguments: DURABLE_QUEUE_ARGUMENTS });
    await channel.bindQueue(`${queue}.dead`, DEAD_LETTER_EXCHANGE, queue);
    await channel.assertQueue(queue, {
      durable: true,
      deadLetterExchange: DEAD_LETTER_EXCHANGE,
      deadLetterRoutingKey: queue,
      arguments: DURABLE_QUEUE_ARGUMENTS,
    });
  }

  private async onMessage(channel: ConfirmChannel, message: ConsumeMessage): Promise<void> {
    let event: EventEnvelope<N>;
    try {
      event = parseEvent(parseJson(message.content), this.names);
    } catch (error) {
      this.logger.error(
        `Dead-lettering a message (routing key '${message.fields.routingKey}'): ${errorMessage(error)}`,
      );
      this.count(message.fields.routingKey, 'dead_lettered');
      this.settle(() => channel.nack(message, false, false));
      return;
    }
    const correlationId: unknown = message.properties.headers?.['x-correlation-id'];
    eventConsumerLag.observe(
      { queue: this.options.queue },
      Math.max(0, Date.now() - Date.parse(event.occurredAt)) / 1000,
    );
    try {
      await runWithCorrelationId(typeof correlationId === 'string' ? correlationId : undefined, () =>
        this.handle(event),
      );
      this.count(event.name, 'ok');
    } catch (error) {
      this.retryOrDeadLetter(channel, message, event, error as Error);
      return;
    }
    this.settle(() => channel.ack(message));
  }

  private count(eventName: string, outcome: 'ok' | 'retried' | 'dead_lettered'): void {
    eventsHandled.inc({ queue: this.options.queue, event: knownNameLabel(eventName, this.names), outcome });
  }

  private retryOrDeadLetter(channel: ConfirmChannel, message: ConsumeMessage, event: EventEnvelope<N>, error: Error) {
    const attempts = Number(message.properties.headers?.[ATTEMPTS_HEADER] ?? 1);
    if (error instanceof UnprocessableEventError) {
      this.logger.error(
        `Event '${event.eventId}' (${event.name}) cannot be processed, dead-lettered: ${error.message}`,
      );
      this.count(event.name, 'dead_lettered');
      this.settle(() => channel.nack(message, false, false));
      return;
    }
    if (attempts >= this.options.maxAttempts) {
      this.logger.error(
        `Event '${event.eventId}' (${event.name}) failed ${attempts} times, dead-lettered: ${error.stack}`,
      );
      this.count(event.name, 'dead_lettered');
      this.settle(() => channel.nack(message, false, false));
      return;
    }
    this.logger.warn(`Event '${event.eventId}' (${event.name}) failed, retrying: ${error.message}`);
    this.count(event.name, 'retried');
    // The copy is confirmed before the original is acked: a crash in between redelivers, never loses.
    const timer = setTimeout(() => {
      this.pendingRetries.delete(timer);
      const headers = { ...message.properties.headers, [ATTEMPTS_HEADER]: attempts + 1 };
      this.settle(() =>
        channel.publish('', this.options.queue, message.content, { ...message.properties, headers }, (publishError) =>
          this.settle(() => (publishError ? channel.nack(message, false, true) : channel.ack(message))),
        ),
      );
    }, this.options.retryDelayMs * attempts);
    this.pendingRetries.add(timer);
  }

  private settle(action: () => void): void {
    onOpenChannel(action, this.logger, 'settle a message');
  }
}

function parseJson(content: Buffer): unknown {
  try {
    return JSON.parse(content.toString('utf8'));
  } catch {
    throw new UnprocessableEventError('The message is not JSON');
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
