import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AttachmentsClient, MailIngressClient, RpcClientsModule } from '@helpdesk/messaging';
import { createSecretKey } from 'node:crypto';

import { AdminApiTokensHttpController } from './admin/api-tokens.http.controller';
import { JobsHttpController } from './admin/jobs.http.controller';
import { MailboxesHttpController } from './admin/mailboxes.http.controller';
import { WebhooksHttpController } from './admin/webhooks.http.controller';
import { AttachmentTransfers } from './attachments/attachment-transfers';
import { AttachmentsHttpController } from './attachments/attachments.http.controller';
import { AccessTokens } from './auth/access-tokens';
import { ApiTokensHttpController } from './auth/api-tokens.http.controller';
import { AuthHttpController } from './auth/auth.http.controller';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { QuotaGuard } from './auth/quota.guard';
import { LoginRateLimiter } from './auth/login-rate-limiter';
import { CannedResponsesHttpController } from './canned-responses/canned-responses.http.controller';
import { ClientsHttpController } from './clients/clients.http.controller';
import { DepartmentStaffHttpController } from './departments/department-staff.http.controller';
import { DepartmentsHttpController } from './departments/departments.http.controller';
import { GatewayEnv } from './env';
import { EVENT_STREAM_OPTIONS, EventStreamHub } from './events/event-stream-hub';
import { EventsHttpController } from './events/events.http.controller';
import { HttpErrorFilter } from './errors/http-error.filter';
import { HealthHttpController, READINESS_SERVICES } from './health/health.http.controller';
import { PingHttpController } from './health/ping.http.controller';
import { InboundMailsHttpController } from './inbound-mails/inbound-mails.http.controller';
import { RawMails } from './inbound-mails/raw-mails';
import { TicketEmailsHttpController } from './notifications/ticket-emails.http.controller';
import { StaffHttpController } from './staff/staff.http.controller';
import { PresenceHttpController } from './tickets/presence.http.controller';
import { ParticipantsHttpController } from './tickets/participants.http.controller';
import { TicketLinksHttpController } from './tickets/ticket-links.http.controller';
import { TicketsHttpController } from './tickets/tickets.http.controller';
import { InternalHttpClient } from './transfers/internal-http-client';

/** A transfer over an internal port that sends or receives nothing this long is given up. */
const TRANSFER_IDLE_TIMEOUT_MS = 30_000;

/** Every HTTP controller, in one list: the token-scope spec walks it. */
export const GATEWAY_CONTROLLERS = [
  AdminApiTokensHttpController,
  ApiTokensHttpController,
  AttachmentsHttpController,
  AuthHttpController,
  CannedResponsesHttpController,
  ClientsHttpController,
  DepartmentsHttpController,
  DepartmentStaffHttpController,
  EventsHttpController,
  HealthHttpController,
  JobsHttpController,
  PingHttpController,
  StaffHttpController,
  TicketsHttpController,
  ParticipantsHttpController,
  TicketLinksHttpController,
  PresenceHttpController,
  TicketEmailsHttpController,
  InboundMailsHttpController,
  WebhooksHttpController,
  MailboxesHttpController,
];

@Module({})
export class AppModule {
  static register(env: GatewayEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RpcClientsModule.forRoot({ url: env.RABBITMQ_URL, timeoutMs: env.RPC_TIMEOUT_MS }),
        JwtModule.register({
          // A KeyObject: given a string, jsonwebtoken first tries (and fails) to parse it as a
          // public key on every verify, ~0.8 ms of CPU per request (bench/README.md).
          secret: createSecretKey(Buffer.from(env.JWT_SECRET, 'utf8')),
          signOptions: { algorithm: 'HS256', expiresIn: env.JWT_EXPIRES_IN as never },
        }),
      ],
      controllers: GATEWAY_CONTROLLERS,
      providers: [
        AccessTokens,
        EventStreamHub,
        { provide: EVENT_STREAM_OPTIONS, useValue: { url: env.RABBITMQ_URL } },
        {
          provide: AttachmentTransfers,
          inject: [AttachmentsClient],
          useFactory: (attachments: AttachmentsClient) =>
            new AttachmentTransfers(
              attachments,
              new InternalHttpClient({
                url: env.ATTACHMENTS_URL,
                service: 'attachments',
                idleTimeoutMs: TRANSFER_IDLE_TIMEOUT_MS,
              }),
            ),
        },
        {
          provide: RawMails,
          inject: [MailIngressClient],
          useFactory: (mailIngress: MailIngressClient) =>
            new RawMails(
              mailIngress,
              new InternalHttpClient({
                url: env.MAIL_INGRESS_URL,
                service: 'mail-ingress',
                idleTimeoutMs: TRANSFER_IDLE_TIMEOUT_MS,
              }),
            ),
        },
        { provide: READINESS_SERVICES, useValue: env.READINESS_SERVICES.split(/\s*,\s*/).filter(Boolean) },
        { provide: LoginRateLimiter, useValue: new LoginRateLimiter(env.LOGIN_RATE_LIMIT_PER_MINUTE) },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: QuotaGuard },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
      ],
    };
  }
}
