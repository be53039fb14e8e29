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
  startProcessMetrics('access');
  const logger = new JsonLogger('access', env.LOG_LEVEL);
  const app = await NestFactory.createMicroservice(AppModule.register(env), {
    ...rpcServerOptions(env.RABBITMQ_URL, Queues.Access, env.ACCESS_PREFETCH),
    logger,
  });
  useRpcConventions(app);
  app.enableShutdownHooks();
  await app.listen();
  startServiceHealth(app, env.HEALTH_PORT);
  logger.log(`Access service is listening on queue '${Queues.Access}'`, 'Bootstrap');
}

void bootstrap();
