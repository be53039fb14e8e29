import '@helpdesk/config/source-maps';
import 'reflect-metadata';

import { NestFactory } from '@nestjs/core';
import { JsonLogger, startHealthServer, startProcessMetrics } from '@helpdesk/config';
import { Queues } from '@helpdesk/contracts';
import { rpcServerOptions, useRpcConventions } from '@helpdesk/messaging';
import { DataSource } from 'typeorm';

import { AppModule } from './app.module';
import { env } from './env';
import { ObjectStorage } from './storage/object-storage';

async function bootstrap(): Promise<void> {
  startProcessMetrics('attachments');
  const logger = new JsonLogger('attachments', env.LOG_LEVEL);
  const app = await NestFactory.createMicroservice(AppModule.register(env), {
    ...rpcServerOptions(env.RABBITMQ_URL, Queues.Attachments, env.ATTACHMENTS_PREFETCH),
    logger,
  });
  useRpcConventions(app);
  app.enableShutdownHooks();
  await app.listen();
  // /health is also on ATTACHMENTS_HTTP_PORT; HEALTH_PORT serves it where every service's is expected.
  const dataSource = app.get(DataSource);
  const storage = app.get(ObjectStorage);
  startHealthServer(env.HEALTH_PORT, { database: () => dataSource.query('SELECT 1'), storage: () => storage.check() });
  logger.log(
    `Attachments service is listening on queue '${Queues.Attachments}' and, for file bytes and /health, on port ${env.ATTACHMENTS_HTTP_PORT}`,
    'Bootstrap',
  );
}

void bootstrap();
