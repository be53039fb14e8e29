import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { runHealthChecks } from '@helpdesk/config';
import {
  AccessClient,
  AttachmentsClient,
  NotificationsClient,
  TicketsClient,
  WebhooksClient,
} from '@helpdesk/messaging';
import type { FastifyReply } from 'fastify';

import { Public } from '../auth/auth.decorators';

/** READINESS_SERVICES: the services /health pings. */
export const READINESS_SERVICES = Symbol('READINESS_SERVICES');

/** Liveness (the process answers) and readiness (the services behind it answer too). */
@ApiExcludeController()
@Public()
@Controller('health')
export class HealthHttpController {
  constructor(
    private readonly access: AccessClient,
    private readonly tickets: TicketsClient,
    private readonly notifications: NotificationsClient,
    private readonly attachments: AttachmentsClient,
    private readonly webhooks: WebhooksClient,
    @Inject(READINESS_SERVICES) private readonly required: string[],
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get()
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const pings: Record<string, () => Promise<unknown>> = {
      access: () => this.access.ping(),
      tickets: () => this.tickets.ping(),
      notifications: () => this.notifications.ping(),
      attachments: () => this.attachments.ping(),
      webhooks: () => this.webhooks.ping(),
    };
    const checks = Object.fromEntries(this.required.filter((name) => pings[name]).map((name) => [name, pings[name]]));
    const report = await runHealthChecks(checks);
    void reply.status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).send(report);
  }
}
