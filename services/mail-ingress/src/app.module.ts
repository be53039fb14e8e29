import { DynamicModule, Module } from '@nestjs/common';
import { join } from 'node:path';
import { Queues, TicketRpc } from '@helpdesk/contracts';
import { SecretBox } from '@helpdesk/config';
import { DatabaseModule } from '@helpdesk/database';
import { ReplyTokens } from '@helpdesk/mail';
import { RpcClient, RpcClientsModule, SystemModule } from '@helpdesk/messaging';

import { MAIL_INGRESS_CONFIG, MailIngressConfig, mailboxAddress } from './config/mail-ingress-config';
import { PEOPLE_OPTIONS, People } from './directory/people';
import { MailIngressEnv } from './env';
import { InboundMail } from './inbound-mails/inbound-mail.entity';
import { InboundMailsMessageController } from './inbound-mails/inbound-mails.message.controller';
import { Mailbox } from './mailboxes/mailbox.entity';
import { MAILBOX_ALERTS_OPTIONS, MailboxAlerts } from './mailboxes/mailbox-alerts';
import { MAILBOX_SUPERVISOR_OPTIONS, MailboxSupervisor } from './mailboxes/mailbox-supervisor';
import { MailboxesMessageController } from './mailboxes/mailboxes.message.controller';
import { MailboxesRepository } from './mailboxes/mailboxes.repository';
import { MAILBOX_SECRETS, MailboxesService } from './mailboxes/mailboxes.service';
import { InboundMailsRepository } from './inbound-mails/inbound-mails.repository';
import { INBOUND_MAILS_OPTIONS, InboundMailsService } from './inbound-mails/inbound-mails.service';
import { AttachmentImporter } from './processing/attachment-importer';
import { CONTENT_POOL_OPTIONS, ContentPoolOptions, ContentWorkerPool } from './processing/content-pool';
import { INBOUND_JOBS_OPTIONS, InboundJobs } from './mail-received/mail-received-jobs';
import { MAIL_PROCESSOR_OPTIONS, MailProcessor } from './processing/mail-processor';
import { RAW_DOWNLOAD_OPTIONS, RawDownloadHttpServer } from './raw-downloads/raw-download.http-server';
import { RawGrants } from './raw-downloads/raw-grants';
import { MailReceiver } from './receiving/mail-receiver';
import { MailRouter, TICKETS_PREFLIGHT } from './routing/mail-router';
import { dnsResolver } from './sender-auth/dns-resolver';
import { SENDER_AUTH_OPTIONS, SenderAuthenticator, SenderAuthOptions } from './sender-auth/sender-authenticator';
import { SMTP_INGRESS_OPTIONS, SmtpIngress, SmtpIngressOptions } from './smtp/smtp-ingress';
import { MAIL_INGRESS_MIGRATIONS, MAIL_INGRESS_SCHEMA } from './schema';
import { RAW_MAIL_STORE_OPTIONS, RawMailStore } from './storage/raw-mail-store';

/** How long a tickets lookup may hold up an SMTP answer before the job decides instead. */
const PREFLIGHT_TIMEOUT_MS = 1_500;
const RAW_GRANT_TTL_MS = 60_000;
/** Client addresses whose refusals are counted at once (a few MB at most). */
const REFUSAL_ADDRESSES_COUNTED = 100_000;

@Module({})
export class AppModule {
  static register(env: MailIngressEnv): DynamicModule {
    const config: MailIngressConfig = {
      addressing: { localPart: env.REPLY_LOCAL_PART, domain: env.MAIL_DOMAIN },
      ownAddresses: [mailboxAddress(env.MAIL_FROM) as string],
      senderMismatchPolicy: env.SENDER_MISMATCH_POLICY,
      unverifiedSenderPolicy: env.UNVERIFIED_SENDER_POLICY,
      ratePerTokenPerHour: env.INBOUND_RATE_LIMIT_PER_TOKEN_PER_HOUR,
      allowNewClients: env.ALLOW_NEW_CLIENTS_BY_EMAIL,
      maxBytes: env.SMTP_INGRESS_MAX_BYTES,
    };
    const senderAuth: SenderAuthOptions = {
      mode: env.SENDER_AUTH,
      trustedAuthservIds: env.TRUSTED_AUTHSERV_IDS.map((id) => id.toLowerCase()),
      resolver: dnsResolver(env.SENDER_AUTH_DNS_SERVERS, env.SENDER_AUTH_DNS_TIMEOUT),
      hostname: env.SMTP_INGRESS_HOSTNAME || env.MAIL_DOMAIN,
    };
    const smtp: SmtpIngressOptions = {
      host: env.SMTP_INGRESS_HOST,
      port: env.SMTP_INGRESS_PORT,
      hostname: env.SMTP_INGRESS_HOSTNAME || env.MAIL_DOMAIN,
      maxBytes: env.SMTP_INGRESS_MAX_BYTES,
      tls:
        env.SMTP_INGRESS_TLS_KEY && env.SMTP_INGRESS_TLS_CERT
          ? { keyPath: env.SMTP_INGRESS_TLS_KEY, certPath: env.SMTP_INGRESS_TLS_CERT }
          : null,
      maxRecipients: env.SMTP_INGRESS_MAX_RECIPIENTS,
      maxMessagesPerConnection: env.SMTP_INGRESS_MAX_MESSAGES_PER_CONNECTION,
      maxConnections: env.SMTP_INGRESS_MAX_CONNECTIONS,
      maxConnectionsPerAddress: env.SMTP_INGRESS_MAX_CONNECTIONS_PER_IP,
      socketTimeoutMs: env.SMTP_INGRESS_SOCKET_TIMEOUT,
      dataTimeoutMs: env.SMTP_INGRESS_DATA_TIMEOUT,
      refusals: {
        maxRecipientsPerConnection: env.SMTP_INGRESS_MAX_RECIPIENTS_PER_CONNECTION,
        maxRefusalsPerConnection: env.SMTP_INGRESS_MAX_REFUSALS_PER_CONNECTION,
        maxRefusalsPerAddressPerHour: env.SMTP_INGRESS_MAX_REFUSALS_PER_IP_PER_HOUR,
        maxAddresses: REFUSAL_ADDRESSES_COUNTED,
      },
    };
    const contentPool: ContentPoolOptions = {
      script: join(__dirname, 'processing', 'content-worker.js'),
      workers: env.MAIL_PROCESSING_WORKERS,
      idleMs: env.MAIL_PROCESSING_WORKER_IDLE,
      timeoutMs: env.MAIL_PROCESSING_TIMEOUT,
      maxMemoryMb: env.MAIL_PROCESSING_MAX_MEMORY_MB,
    };
    return {
      module: AppModule,
      imports: [
        SystemModule.forService('mail-ingress'),
        DatabaseModule.forRoot({
          url: env.DATABASE_URL,
          schema: MAIL_INGRESS_SCHEMA,
          entities: [InboundMail, Mailbox],
          migrations: MAIL_INGRESS_MIGRATIONS,
          poolSize: env.DATABASE_POOL_SIZE,
          applicationName: 'helpdesk-mail-ingress',
          migrateOnStart: env.MIGRATE_ON_START,
        }),
        RpcClientsModule.forRoot({ url: env.RABBITMQ_URL, timeoutMs: env.RPC_TIMEOUT_MS }),
      ],
      controllers: [InboundMailsMessageController, MailboxesMessageController],
      providers: [
        { provide: MAIL_INGRESS_CONFIG, useValue: config },
        { provide: SMTP_INGRESS_OPTIONS, useValue: smtp },
        { provide: SENDER_AUTH_OPTIONS, useValue: senderAuth },
        { provide: CONTENT_POOL_OPTIONS, useValue: contentPool },
        { provide: MAILBOX_SECRETS, useValue: new SecretBox(env.MAILBOX_SECRET_KEY, 'helpdesk mailbox password') },
        { provide: MAILBOX_ALERTS_OPTIONS, useValue: { url: env.RABBITMQ_URL } },
        {
          provide: MAILBOX_SUPERVISOR_OPTIONS,
          useValue: {
            superviseIntervalMs: env.MAILBOX_SUPERVISE_INTERVAL,
            pollIntervalMs: env.MAILBOX_POLL_INTERVAL,
            retryMs: env.MAILBOX_RETRY_INTERVAL,
            maxBytes: env.SMTP_INGRESS_MAX_BYTES,
          },
        },
        {
          provide: RAW_MAIL_STORE_OPTIONS,
          useValue: {
            endpoint: env.S3_ENDPOINT,
            accessKey: env.S3_ACCESS_KEY,
            secretKey: env.S3_SECRET_KEY,
            region: env.S3_REGION,
            bucket: env.S3_RAW_MAIL_BUCKET,
            inlineMaxBytes: env.MAIL_RAW_INLINE_MAX_BYTES,
          },
        },
        { provide: PEOPLE_OPTIONS, useValue: { cacheTtlMs: env.MAIL_DIRECTORY_CACHE_TTL } },
        {
          provide: INBOUND_JOBS_OPTIONS,
          useValue: {
            url: env.RABBITMQ_URL,
            prefetch: env.MAIL_PROCESSING_PREFETCH,
            maxAttempts: env.MAIL_PROCESSING_ATTEMPTS,
            retryDelayMs: env.MAIL_PROCESSING_RETRY_MS,
          },
        },
        {
          provide: MAIL_PROCESSOR_OPTIONS,
          useValue: {
            leaseMs: env.MAIL_PROCESSING_LEASE,
            maxAttempts: env.MAIL_PROCESSING_MAX_ATTEMPTS,
            maxCcs: env.TICKET_MAX_CCS,
            replyDomain: env.MAIL_DOMAIN,
            ownAddresses: [mailboxAddress(env.MAIL_FROM) as string],
          },
        },
        {
          provide: INBOUND_MAILS_OPTIONS,
          useValue: { redriveAfterMs: env.MAIL_REDRIVE_AFTER, rawRetentionMs: env.MAIL_RAW_RETENTION },
        },
        {
          provide: RAW_DOWNLOAD_OPTIONS,
          useValue: { port: env.MAIL_INGRESS_HTTP_PORT, host: env.MAIL_INGRESS_HTTP_HOST },
        },
        { provide: ReplyTokens, useValue: new ReplyTokens(env.MAIL_TOKEN_SECRET, env.MAIL_TOKEN_PREVIOUS_SECRETS) },
        { provide: RawGrants, useValue: new RawGrants(env.MAIL_TOKEN_SECRET, RAW_GRANT_TTL_MS) },
        {
          provide: TICKETS_PREFLIGHT,
          useFactory: () =>
            new RpcClient<TicketRpc>(Queues.Tickets, { url: env.RABBITMQ_URL, timeoutMs: PREFLIGHT_TIMEOUT_MS }),
        },
        AttachmentImporter,
        ContentWorkerPool,
        InboundJobs,
        InboundMailsRepository,
        InboundMailsService,
        MailboxAlerts,
        MailboxesRepository,
        MailboxesService,
        MailboxSupervisor,
        MailProcessor,
        MailReceiver,
        MailRouter,
        People,
        RawDownloadHttpServer,
        RawMailStore,
        SenderAuthenticator,
        SmtpIngress,
      ],
    };
  }
}
