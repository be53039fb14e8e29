import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  AccessPatterns,
  DomainError,
  ErrorCode,
  isStaff,
  Principal,
  ResolvePrincipalPayload,
} from '@helpdesk/contracts';
import { AccessClient } from '@helpdesk/messaging';
import type { FastifyReply } from 'fastify';

import { AcceptsQueryToken, CurrentPrincipal, SignedInSubject } from '../auth/auth.decorators';
import { EventStreamHub } from './event-stream-hub';
import { StaffStream } from './staff-stream';

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class EventsHttpController {
  constructor(
    private readonly hub: EventStreamHub,
    private readonly access: AccessClient,
  ) {}

  @Get('stream')
  @AcceptsQueryToken()
  @ApiOperation({
    summary: 'Server-sent events for staff: presence and new messages on the tickets of your departments',
    description:
      'Events `presence` {ticketId, staff, state: viewing|replying|gone} and `message` {ticketId, messageId, ' +
      'author, internal}; a comment every 15 s. Clients: 403. EventSource cannot send headers, so this route ' +
      'also takes the sign-in token as `?access_token=`.',
  })
  @ApiQuery({ name: 'access_token', required: false, description: 'the sign-in token, for EventSource' })
  stream(
    @CurrentPrincipal() principal: Principal,
    @SignedInSubject() subject: Required<ResolvePrincipalPayload> | undefined,
    @Res() reply: FastifyReply,
  ): void {
    if (!isStaff(principal) || !subject) {
      throw new DomainError(ErrorCode.AccessDenied, 'The event stream is for signed-in staff.');
    }
    reply.hijack();
    const resolvePrincipal = () => this.access.send(AccessPatterns.ResolvePrincipal, subject);
    new StaffStream(reply.raw, principal, resolvePrincipal).start(this.hub);
  }
}
