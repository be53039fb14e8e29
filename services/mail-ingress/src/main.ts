import '@helpdesk/config/source-maps';
import 'reflect-metadata';

import { NestFactory } from '@nestjs/core';
import { Degraded, JsonLogger, startHealthServer, startProcessMetrics } from '@helpdesk/config';
import { Queues } from '@helpdesk/contracts';
import { rpcServerOptions, useRpcConventions } from '@helpdesk/messaging';
import { DataSource } from 'typeorm';

import { AppModule } from './app.module';
import { env } from './env';
import { InboundJobs } from './mail-received/mail-received-jobs';
import { MailboxSupervisor } from './mailboxes/mailbox-supervisor';
import { SmtpIngress } from './smtp/smtp-ingress';
import { RawMailStore } from './storage/raw-mail-store';

async function bootstrap(): Promise<void> {
  startProcessMetrics('mail-ingress');
  const logger = new JsonLogger('mail-ingress', env.LOG_LEVEL);
  const app = await NestFactory.createMicroservice(AppModule.register(env), {
    ...rpcServerOptions(env.RABBITMQ_URL, Queues.MailIngress, env.MAIL_INGRESS_PREFETCH),
    logger,
  });
  useRpcConventions(app);
  app.enableShutdownHooks();
  await app.listen();
  const dataSource = app.get(DataSource);
  const jobs = app.get(InboundJobs);
  const store = app.get(RawMailStore);
  const smtp = app.get(SmtpIngress);
  const mailboxes = app.get(MailboxSupervisor);
  // Not ready while any of these is away: a message could not be made durable, and would get 451.
  const health = startHealthServer(env.HEALTH_PORT, {
    database: () => dataSource.query('SELECT 1'),
    broker: async () => {
      if (!jobs.brokerConnected()) {
        throw new Error('not connected');
      }
    },
    storage: () => store.check(),
    smtp: async () => {
      if (!smtp.isListening()) {
        throw new Error('not listening');
      }
    },
    // A mailbox out of reach delays its own mail only: degraded, and still ready.
    mailboxes: async () => {
      const failing = await mailboxes.failingMailboxes();
      if (failing.length > 0) {
        throw new Degraded(`failing: ${failing.join(', ')}`);
      }
    },
  });
  process.once('SIGTERM', () => health?.close());
  process.once('SIGINT', () => health?.close());
  logger.log(
    `Mail-ingress is receiving SMTP on ${env.SMTP_INGRESS_HOST}:${env.SMTP_INGRESS_PORT} and listening on queue '${Queues.MailIngress}'`,
    'Bootstrap',
  );
}

void bootstrap();
