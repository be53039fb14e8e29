import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { runHealthChecks } from '@helpdesk/config';
import { AccessClient, TicketsClient } from '@helpdesk/messaging';
import type { FastifyReply } from 'fastify';

import { Public } from '../auth/auth.decorators';

/** Liveness (the process answers) and readiness (the services behind it answer too). */
@ApiExcludeController()
@Public()
@Controller('health')
export class HealthHttpController {
  constructor(
    private readonly access: AccessClient,
    private readonly tickets: TicketsClient,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get()
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const report = await runHealthChecks({ access: () => this.access.ping(), tickets: () => this.tickets.ping() });
    void reply.status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).send(report);
  }
}
