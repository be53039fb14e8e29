import 'reflect-metadata';

import { NestFactory } from '@nestjs/core';
import { JsonLogger, startHealthServer } from '@helpdesk/config';
import { Queues } from '@helpdesk/contracts';
import { Outbox, rpcServerOptions, useRpcConventions } from '@helpdesk/messaging';
import { DataSource } from 'typeorm';

import { AppModule } from './app.module';
import { env } from './env';

async function bootstrap(): Promise<void> {
  const logger = new JsonLogger('tickets', env.LOG_LEVEL);
  const app = await NestFactory.createMicroservice(AppModule.register(env), {
    ...rpcServerOptions(env.RABBITMQ_URL, Queues.Tickets, env.TICKETS_PREFETCH),
    logger,
  });
  useRpcConventions(app);
  app.enableShutdownHooks();
  await app.listen();
  const dataSource = app.get(DataSource);
  const outbox = app.get(Outbox);
  startHealthServer(env.HEALTH_PORT, {
    database: () => dataSource.query('SELECT 1'),
    broker: async () => {
      if (!outbox.brokerConnected()) {
        throw new Error('not connected');
      }
    },
  });
  logger.log(`Tickets service is listening on queue '${Queues.Tickets}'`, 'Bootstrap');
}

void bootstrap();
