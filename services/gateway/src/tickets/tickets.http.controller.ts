import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiScope,
  CreateTicketBody,
  HistoryEntryView,
  ListTicketsQuery,
  MergeTicketsBody,
  SplitTicketBody,
  MessageBody,
  MessageVia,
  MessageView,
  Page,
  Principal,
  TicketPatterns,
  TicketSummary,
  TicketView,
  UpdateTicketBody,
  VersionedTicketView,
  QuotaKind,
} from '@helpdesk/contracts';
import type { FastifyReply } from 'fastify';
import { TicketsClient } from '@helpdesk/messaging';

import { CurrentPrincipal, TokenScope } from '../auth/auth.decorators';
import { UsesQuota } from '../auth/quota.guard';
import { idParam } from '../common-params';

@ApiTags('tickets')
@ApiBearerAuth()
@TokenScope(ApiScope.TicketsRead)
@Controller('tickets')
export class TicketsHttpController {
  constructor(private readonly tickets: TicketsClient) {}

  @Post()
  @TokenScope(ApiScope.TicketsWrite)
  @UsesQuota(QuotaKind.Tickets)
  @ApiOperation({ summary: 'Open a ticket (clients; staff for a client with clientId)' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateTicketBody): Promise<TicketView> {
    return this.tickets.send(TicketPatterns.Create, { principal, ...body });
  }

  @Get()
  @ApiOperation({ summary: 'The admin list / My Tickets: filtered, sorted, keyset-paginated' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListTicketsQuery): Promise<Page<TicketSummary>> {
    return this.tickets.send(TicketPatterns.List, { principal, ...query });
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'A ticket with its conversation (internal notes for staff only); its ETag is the version PATCH takes as If-Match',
  })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idParam) id: number,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketView> {
    return withETag(reply, await this.tickets.send(TicketPatterns.Get, { principal, id }));
  }

  @Patch(':id')
  @TokenScope(ApiScope.TicketsWrite)
  @ApiOperation({
    summary:
      'Change status (never answered), priority, assignee or department (staff); with If-Match, only if the ticket is still at that version (else 412)',
  })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idParam) id: number,
    @Body() body: UpdateTicketBody,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketView> {
    const payload = { principal, id, ...body, ...(ifMatch ? { ifMatch } : {}) };
    return withETag(reply, await this.tickets.send(TicketPatterns.Update, payload));
  }

  @Post(':id/replies')
  @TokenScope(ApiScope.TicketsWrite)
  @UsesQuota(QuotaKind.Replies)
  @ApiOperation({ summary: 'Reply: staff → answered, client → customer_reply (reopens a closed ticket)' })
  reply(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idParam) ticketId: number,
    @Body() body: MessageBody,
  ): Promise<MessageView> {
    return this.tickets.send(TicketPatterns.Reply, { principal, ticketId, via: MessageVia.Web, ...body });
  }

  @Post(':id/notes')
  @TokenScope(ApiScope.TicketsWrite)
  @UsesQuota(QuotaKind.Replies)
  @ApiOperation({ summary: 'Internal note, visible to staff only; changes no status (staff)' })
  addNote(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idParam) ticketId: number,
    @Body() body: MessageBody,
  ): Promise<MessageView> {
    return this.tickets.send(TicketPatterns.AddNote, { principal, ticketId, via: MessageVia.Web, ...body });
  }

  @Post(':id/verify-requester')
  @TokenScope(ApiScope.TicketsWrite)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Vouch for the requester of a ticket opened from an unverified mail: from now on they get its mail (staff)',
  })
  verifyRequester(@CurrentPrincipal() principal: Principal, @Param('id', idParam) id: number): Promise<TicketView> {
    return this.tickets.send(TicketPatterns.VerifyRequester, { principal, id });
  }

  @Post(':id/merge')
  @TokenScope(ApiScope.TicketsWrite)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Merge other tickets into this one: their messages move here, each is closed and points here (staff with access to all)',
  })
  merge(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idParam) targetId: number,
    @Body() body: MergeTicketsBody,
  ): Promise<TicketView> {
    return this.tickets.send(TicketPatterns.Merge, { principal, targetId, ...body });
  }

  @Post(':id/unmerge')
  @TokenScope(ApiScope.TicketsWrite)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Within 24 hours, undo a merge: of this merged ticket, or of every ticket merged into this one (staff with access to both)',
  })
  unmerge(@CurrentPrincipal() principal: Principal, @Param('id', idParam) id: number): Promise<TicketView> {
    return this.tickets.send(TicketPatterns.Unmerge, { principal, id });
  }

  @Post(':id/split')
  @TokenScope(ApiScope.TicketsWrite)
  @ApiOperation({
    summary:
      'Move client messages to a new ticket of the same client, linked both ways; answers the new ticket (staff)',
  })
  split(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idParam) id: number,
    @Body() body: SplitTicketBody,
  ): Promise<TicketView> {
    return this.tickets.send(TicketPatterns.Split, { principal, id, ...body });
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Who changed what and when' })
  history(@CurrentPrincipal() principal: Principal, @Param('id', idParam) id: number): Promise<HistoryEntryView[]> {
    return this.tickets.send(TicketPatterns.History, { principal, id });
  }
}

/** The ticket's version goes in the ETag header (for If-Match), not in the body. */
function withETag(reply: FastifyReply, { version, ...ticket }: VersionedTicketView): TicketView {
  void reply.header('etag', `"${version}"`);
  return ticket;
}
