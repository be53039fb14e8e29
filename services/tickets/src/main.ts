import '@helpdesk/config/source-maps';
import 'reflect-metadata';

import { NestFactory } from '@nestjs/core';
import { JsonLogger, startProcessMetrics } from '@helpdesk/config';
import { Queues } from '@helpdesk/contracts';
import { rpcServerOptions, useRpcConventions } from '@helpdesk/messaging';
import { startServiceHealth } from '@helpdesk/outbox';

import { AppModule } from './app.module';
import { env } from './env';

async function bootstrap(): Promise<void> {
  startProcessMetrics('tickets');
  const logger = new JsonLogger('tickets', env.LOG_LEVEL);
  const app = await NestFactory.createMicroservice(AppModule.register(env), {
    ...rpcServerOptions(env.RABBITMQ_URL, Queues.Tickets, env.TICKETS_PREFETCH),
    logger,
  });
  useRpcConventions(app);
  app.enableShutdownHooks();
  await app.listen();
  startServiceHealth(app, env.HEALTH_PORT);
  logger.log(`Tickets service is listening on queue '${Queues.Tickets}'`, 'Bootstrap');
}

void bootstrap();
