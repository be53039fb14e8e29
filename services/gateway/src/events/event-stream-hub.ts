import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { EventConsumer } from '@helpdesk/messaging';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

import { STREAMED_EVENTS, StreamedEvent, StreamEvent, toStreamEvent } from './stream-events';

export const EVENT_STREAM_OPTIONS = Symbol('EVENT_STREAM_OPTIONS');

export interface StreamSubscriber {
  send(event: StreamEvent): void;
  /** The gateway is shutting down: end the response, so the browser reconnects to another replica. */
  end(): void;
}

/**
 * Every gateway replica needs every event for the streams it holds, so each binds its own
 * exclusive, auto-delete queue (a shared durable queue would give each replica a share only).
 * Events arriving while a browser reconnects are not replayed: the console refetches on reconnect.
 */
@Injectable()
export class EventStreamHub implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly subscribers = new Set<StreamSubscriber>();
  private consumer?: EventConsumer<StreamedEvent['name']>;

  constructor(@Inject(EVENT_STREAM_OPTIONS) private readonly options: { url: string }) {}

  onApplicationBootstrap(): void {
    this.consumer = new EventConsumer(
      {
        url: this.options.url,
        queue: `gateway.stream.${hostname()}.${process.pid}.${randomUUID().slice(0, 8)}`,
        exclusive: true,
        events: STREAMED_EVENTS,
        prefetch: 64,
        maxAttempts: 1,
        retryDelayMs: 0,
      },
      async (event) => this.broadcast(toStreamEvent(event)),
    );
  }

  subscribe(subscriber: StreamSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  beforeApplicationShutdown(): void {
    for (const subscriber of this.subscribers) {
      subscriber.end();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.close();
  }

  private broadcast(event: StreamEvent): void {
    for (const subscriber of this.subscribers) {
      subscriber.send(event);
    }
  }
}
