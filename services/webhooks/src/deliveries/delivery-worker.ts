import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { runWithCorrelationId } from '@helpdesk/config';
import { DeliveryStatus } from '@helpdesk/contracts';

import { SecretBox } from '@helpdesk/config';
import { signingSecrets } from '../webhooks/webhooks.repository';
import { ClaimedDelivery, DeliveriesRepository } from './deliveries.repository';
import { webhookAttemptDuration, webhookAttempts } from './delivery-metrics';
import { afterAttempt, RetryPolicy } from './retry-policy';
import { signatureHeader } from './signature';
import { WebhookSender } from './webhook-sender';

export const DELIVERY_WORKER_OPTIONS = Symbol('DELIVERY_WORKER_OPTIONS');
export interface DeliveryWorkerOptions extends RetryPolicy {
  concurrency: number;
  pollIntervalMs: number;
  /** How long a claimed delivery is held before another replica may take it: longer than an attempt. */
  leaseMs: number;
  disableAfterDead: number;
  retainMs: number;
}

/**
 * Sends due deliveries, up to `concurrency` at a time: right after an event recorded some
 * (`poke`) and every poll interval for retries. A delivery is marked succeeded only after a
 * 2xx answer, so it is delivered at least once; a crash mid-attempt sends it again with the
 * same `X-Helpdesk-Delivery` id.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private readonly inFlight = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  private claiming?: Promise<void>;
  private claimAgain = false;
  private stopped = false;
  private lastPurgeAt = 0;

  constructor(
    @Inject(DELIVERY_WORKER_OPTIONS) private readonly options: DeliveryWorkerOptions,
    private readonly deliveries: DeliveriesRepository,
    private readonly sender: WebhookSender,
    private readonly secrets: SecretBox,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.poke(), this.options.pollIntervalMs);
    this.poke();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.claiming;
    await Promise.all(this.inFlight);
  }

  /** Looks for due deliveries now (after new ones were recorded, or one finished). */
  poke(): void {
    if (this.stopped) {
      return;
    }
    if (this.claiming) {
      this.claimAgain = true;
      return;
    }
    this.claiming = runWithCorrelationId(undefined, () => this.fill())
      .catch((error: Error) => this.logger.warn(`Claiming deliveries failed, will retry: ${error.message}`))
      .finally(() => {
        this.claiming = undefined;
        if (this.claimAgain) {
          this.claimAgain = false;
          this.poke();
        }
      });
  }

  private async fill(): Promise<void> {
    const free = this.options.concurrency - this.inFlight.size;
    if (free <= 0) {
      return;
    }
    const batch = await this.deliveries.claimDue(free, this.options.leaseMs);
    for (const delivery of batch) {
      const attempt = this.attempt(delivery)
        .catch((error: Error) => this.logger.error(`Delivery '${delivery.id}' could not be recorded: ${error.stack}`))
        .finally(() => {
          this.inFlight.delete(attempt);
          this.poke();
        });
      this.inFlight.add(attempt);
    }
    await this.purgeOccasionally();
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const now = new Date();
    const timestamp = String(Math.floor(now.getTime() / 1000));
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'helpdesk-webhooks/1',
      'x-helpdesk-event': delivery.event,
      'x-helpdesk-delivery': delivery.id,
      'x-helpdesk-timestamp': timestamp,
      'x-helpdesk-signature': signatureHeader(
        signingSecrets(delivery, now).map((sealed) => this.secrets.open(sealed)),
        timestamp,
        delivery.body,
      ),
    };
    const result = await this.sender.send(delivery.url, headers, delivery.body);
    const attempts = delivery.attempts + 1;
    const outcome = afterAttempt(
      this.options,
      result.responseCode,
      attempts,
      delivery.retry_window_started_at,
      new Date(),
    );
    const status =
      outcome.kind === 'succeeded'
        ? DeliveryStatus.Succeeded
        : outcome.kind === 'dead'
          ? DeliveryStatus.Dead
          : DeliveryStatus.Failed;
    const disabled = await this.deliveries.recordAttempt(
      delivery,
      {
        status,
        nextAttemptAt: outcome.kind === 'retry' ? outcome.nextAttemptAt : null,
        ...result,
        requestHeaders: headers,
      },
      this.options.disableAfterDead,
    );
    webhookAttempts.inc({ outcome: status });
    webhookAttemptDuration.observe(result.durationMs / 1000);
    const answer = result.responseCode ?? result.error;
    if (status === DeliveryStatus.Dead) {
      this.logger.warn(`Delivery '${delivery.id}' (${delivery.event}) is dead after ${attempts} attempts: ${answer}`);
    } else if (status === DeliveryStatus.Failed) {
      this.logger.debug(`Delivery '${delivery.id}' attempt ${attempts} failed (${answer}); retrying later`);
    }
    if (disabled) {
      this.logger.warn(
        `Webhook ${delivery.webhook_id} was turned off: ${this.options.disableAfterDead} dead deliveries in a row`,
      );
    }
  }

  private async purgeOccasionally(): Promise<void> {
    if (Date.now() - this.lastPurgeAt < 3_600_000) {
      return;
    }
    this.lastPurgeAt = Date.now();
    await this.deliveries.purgeFinished(this.options.retainMs);
  }
}
