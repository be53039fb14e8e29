import '@helpdesk/config/source-maps';
import 'reflect-metadata';

import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { JsonLogger, startHealthServer, startProcessMetrics } from '@helpdesk/config';
import { redactReplyTokens } from '@helpdesk/mail';
import type { IncomingMessage } from 'node:http';

import { AppModule } from './app.module';
import { trustedProxyHops } from './client-address';
import { env } from './env';
import { answerClientError, configureHttp, correlationIdOf } from './http-setup';
import { DEFAULT_WEB_DIST_DIR, serveWebApp } from './web-app/web-app';

async function bootstrap(): Promise<void> {
  startProcessMetrics('gateway');
  const logger = new JsonLogger('gateway', env.LOG_LEVEL, redactReplyTokens);
  const adapter = new FastifyAdapter({
    bodyLimit: env.HTTP_BODY_LIMIT_BYTES,
    trustProxy: trustedProxyHops(env.TRUST_PROXY_HOPS),
    clientErrorHandler: answerClientError,
    genReqId: (request: IncomingMessage) => correlationIdOf(request.headers['x-correlation-id']),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(env), adapter, { logger });
  configureHttp(app);
  await serveWebApp(app, env.WEB_DIST_DIR || DEFAULT_WEB_DIST_DIR);
  app.enableShutdownHooks();
  await app.listen(env.HTTP_PORT, env.HTTP_HOST);
  // Metrics stay off the public port: /metrics (and a liveness-only /health) on HEALTH_PORT.
  const health = startHealthServer(env.HEALTH_PORT, {});
  process.once('SIGTERM', () => health?.close());
  process.once('SIGINT', () => health?.close());
  logger.log(`Gateway is listening on http://${env.HTTP_HOST}:${env.HTTP_PORT} (API docs at /api/docs)`, 'Bootstrap');
}

void bootstrap();
