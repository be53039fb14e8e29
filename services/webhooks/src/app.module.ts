import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseModule } from '@helpdesk/database';
import { SystemModule } from '@helpdesk/messaging';
import { OutboxModule } from '@helpdesk/outbox';

import { CreateWebhooksSchema1796600000000 } from '../migrations/1796600000000-create-webhooks-schema';
import { DeliveriesRepository } from './deliveries/deliveries.repository';
import { DELIVERY_WORKER_OPTIONS, DeliveryWorker, DeliveryWorkerOptions } from './deliveries/delivery-worker';
import { WEBHOOK_SENDER_OPTIONS, WebhookSender, WebhookSenderOptions } from './deliveries/webhook-sender';
import { WEBHOOKS_SCHEMA, WebhooksEnv } from './env';
import {
  TICKET_EVENTS_CONSUMER_OPTIONS,
  TicketEventsConsumer,
  TicketEventsConsumerOptions,
} from './ticket-events/ticket-events.consumer';
import { SecretBox } from '@helpdesk/config';
import { WebhookSecretsSealer } from './webhooks/webhook-secrets-sealer';
import { WebhooksMessageController } from './webhooks/webhooks.message.controller';
import { WebhooksRepository } from './webhooks/webhooks.repository';
import { WEBHOOK_POLICY, WebhookPolicy, WebhooksService } from './webhooks/webhooks.service';

export const WEBHOOKS_MIGRATIONS = [CreateWebhooksSchema1796600000000];

/**
 * Signed webhooks: a service of its own, so a slow or failing receiver delays only webhook
 * deliveries. It consumes ticket events, records a delivery per interested webhook and sends
 * them with retries; the gateway's admin routes manage webhooks through its RPC queue.
 */
@Module({})
export class AppModule {
  static register(env: WebhooksEnv): DynamicModule {
    const sender: WebhookSenderOptions = {
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      allowHttp: env.WEBHOOK_ALLOW_HTTP,
      allowPrivate: env.WEBHOOK_ALLOW_PRIVATE,
    };
    const worker: DeliveryWorkerOptions = {
      concurrency: env.WEBHOOK_CONCURRENCY,
      pollIntervalMs: env.WEBHOOK_POLL_INTERVAL_MS,
      // An attempt is bounded by the timeout (DNS included); twice that, a replica has surely given up on it.
      leaseMs: env.WEBHOOK_TIMEOUT_MS * 2 + 5_000,
      retryBaseMs: env.WEBHOOK_RETRY_BASE_MS,
      retryMaxMs: env.WEBHOOK_RETRY_MAX_MS,
      giveUpAfterMs: env.WEBHOOK_GIVE_UP_AFTER,
      disableAfterDead: env.WEBHOOK_DISABLE_AFTER_DEAD,
      retainMs: env.WEBHOOK_DELIVERIES_RETAIN,
    };
    const policy: WebhookPolicy = {
      allowHttp: env.WEBHOOK_ALLOW_HTTP,
      allowPrivate: env.WEBHOOK_ALLOW_PRIVATE,
      secretOverlapMs: env.WEBHOOK_SECRET_OVERLAP,
    };
    const consumer: TicketEventsConsumerOptions = {
      url: env.RABBITMQ_URL,
      maxAttempts: env.WEBHOOKS_EVENT_ATTEMPTS,
      retryDelayMs: env.WEBHOOKS_EVENT_RETRY_MS,
    };
    return {
      module: AppModule,
      imports: [
        SystemModule.forService('webhooks'),
        DatabaseModule.forRoot({
          url: env.DATABASE_URL,
          schema: WEBHOOKS_SCHEMA,
          entities: [],
          migrations: WEBHOOKS_MIGRATIONS,
          poolSize: env.DATABASE_POOL_SIZE,
          applicationName: 'helpdesk-webhooks',
          migrateOnStart: env.MIGRATE_ON_START,
        }),
        OutboxModule.forRoot({
          rabbitmqUrl: env.RABBITMQ_URL,
          schema: WEBHOOKS_SCHEMA,
          pollIntervalMs: 1_000,
          batchSize: 100,
          retainPublishedMs: 7 * 86_400_000,
        }),
      ],
      controllers: [WebhooksMessageController],
      providers: [
        { provide: WEBHOOK_SENDER_OPTIONS, useValue: sender },
        { provide: DELIVERY_WORKER_OPTIONS, useValue: worker },
        { provide: WEBHOOK_POLICY, useValue: policy },
        { provide: TICKET_EVENTS_CONSUMER_OPTIONS, useValue: consumer },
        { provide: SecretBox, useValue: new SecretBox(env.WEBHOOK_SECRET_KEY, 'helpdesk webhook secret') },
        DeliveriesRepository,
        DeliveryWorker,
        TicketEventsConsumer,
        WebhookSecretsSealer,
        WebhookSender,
        WebhooksRepository,
        WebhooksService,
      ],
    };
  }
}
