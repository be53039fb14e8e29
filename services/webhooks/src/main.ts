import '@helpdesk/config/source-maps';
import 'reflect-metadata';

import { NestFactory } from '@nestjs/core';
import { JsonLogger, startHealthServer, startProcessMetrics } from '@helpdesk/config';
import { Queues } from '@helpdesk/contracts';
import { rpcServerOptions, useRpcConventions } from '@helpdesk/messaging';
import { DataSource } from 'typeorm';

import { AppModule } from './app.module';
import { env } from './env';
import { TicketEventsConsumer } from './ticket-events/ticket-events.consumer';

async function bootstrap(): Promise<void> {
  startProcessMetrics('webhooks');
  const logger = new JsonLogger('webhooks', env.LOG_LEVEL);
  const app = await NestFactory.createMicroservice(AppModule.register(env), {
    ...rpcServerOptions(env.RABBITMQ_URL, Queues.Webhooks, env.WEBHOOKS_PREFETCH),
    logger,
  });
  useRpcConventions(app);
  app.enableShutdownHooks();
  await app.listen();
  const dataSource = app.get(DataSource);
  const consumer = app.get(TicketEventsConsumer);
  // Receivers are no readiness check: while one is away, its deliveries wait in the database.
  const health = startHealthServer(env.HEALTH_PORT, {
    database: () => dataSource.query('SELECT 1'),
    broker: async () => {
      if (!consumer.brokerConnected()) {
        throw new Error('not connected');
      }
    },
  });
  process.once('SIGTERM', () => health?.close());
  process.once('SIGINT', () => health?.close());
  logger.log(`Webhooks service is listening on queue '${Queues.Webhooks}'`, 'Bootstrap');
}

void bootstrap();
