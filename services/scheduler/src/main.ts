import '@helpdesk/config/source-maps';
import 'reflect-metadata';

import { NestFactory } from '@nestjs/core';
import { JsonLogger, startHealthServer, startProcessMetrics } from '@helpdesk/config';
import { Queues } from '@helpdesk/contracts';
import { rpcServerOptions, useRpcConventions } from '@helpdesk/messaging';
import { DataSource } from 'typeorm';

import { AppModule } from './app.module';
import { env } from './env';

async function bootstrap(): Promise<void> {
  startProcessMetrics('scheduler');
  const logger = new JsonLogger('scheduler', env.LOG_LEVEL);
  const app = await NestFactory.createMicroservice(AppModule.register(env), {
    ...rpcServerOptions(env.RABBITMQ_URL, Queues.Scheduler, env.SCHEDULER_PREFETCH),
    logger,
  });
  useRpcConventions(app);
  app.enableShutdownHooks();
  await app.listen();
  const dataSource = app.get(DataSource);
  const health = startHealthServer(env.HEALTH_PORT, { database: () => dataSource.query('SELECT 1') });
  process.once('SIGTERM', () => health?.close());
  process.once('SIGINT', () => health?.close());
  logger.log(`Scheduler is listening on queue '${Queues.Scheduler}'`, 'Bootstrap');
}

void bootstrap();
