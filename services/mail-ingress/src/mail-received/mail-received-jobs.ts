import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MailIngressEvents } from '@helpdesk/contracts';
import { EventConsumer, EventPublisher } from '@helpdesk/messaging';
import { randomUUID } from 'node:crypto';

import { MailProcessor } from '../processing/mail-processor';

/* WIRE-LEVEL NAME: renaming the queue strands the jobs already in it (and its dead letters). */
export const INBOUND_JOBS_QUEUE = 'mail-ingress.inbound';

export const INBOUND_JOBS_OPTIONS = Symbol('INBOUND_JOBS_OPTIONS');
export interface InboundJobsOptions {
  url: string;
  prefetch: number;
  /** Quick retries before a job is dead-lettered (the message then waits for the re-drive). */
  maxAttempts: number;
  retryDelayMs: number;
}

/**
 * The processing jobs of accepted messages: `mail.received` events, published with a broker
 * confirm before the SMTP answer is 250, and consumed from mail-ingress's own durable queue with
 * manual acks (retried with a delay, then dead-lettered to `mail-ingress.inbound.dead`).
 */
@Injectable()
export class InboundJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly publisher: EventPublisher;
  private consumer?: EventConsumer<typeof MailIngressEvents.Received>;

  constructor(
    @Inject(INBOUND_JOBS_OPTIONS) private readonly options: InboundJobsOptions,
    private readonly processor: MailProcessor,
  ) {
    this.publisher = new EventPublisher(options.url);
  }

  /** Resolves once the broker confirmed the (persistent) job; rejects after its timeout. */
  async publish(inboundMailId: number): Promise<void> {
    await this.publisher.publish({
      eventId: randomUUID(),
      name: MailIngressEvents.Received,
      occurredAt: new Date().toISOString(),
      payload: { inboundMailId },
    });
  }

  brokerConnected(): boolean {
    return this.publisher.isConnected() && (this.consumer?.isConnected() ?? false);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new EventConsumer(
      { ...this.options, queue: INBOUND_JOBS_QUEUE, events: [MailIngressEvents.Received] },
      (event) => this.processor.process(event.payload.inboundMailId),
    );
    await this.consumer.waitUntilReady();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.close();
    await this.publisher.close();
  }
}
