import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AddTicketLinkBody, ApiScope, Principal, TicketLinkView, TicketPatterns } from '@helpdesk/contracts';
import { TicketsClient } from '@helpdesk/messaging';

import { CurrentPrincipal, TokenScope } from '../auth/auth.decorators';
import { idParam } from '../common-params';

@ApiTags('tickets')
@ApiBearerAuth()
@TokenScope(ApiScope.TicketsRead)
@Controller('tickets/:id/links')
export class TicketLinksHttpController {
  constructor(private readonly tickets: TicketsClient) {}

  @Get()
  @ApiOperation({ summary: 'The tickets linked to this one (related, split from, split to) that you may see (staff)' })
  list(@CurrentPrincipal() principal: Principal, @Param('id', idParam) id: number): Promise<TicketLinkView[]> {
    return this.tickets.send(TicketPatterns.ListLinks, { principal, id });
  }

  @Post()
  @TokenScope(ApiScope.TicketsWrite)
  @ApiOperation({ summary: 'Link another ticket as related, both ways (staff with access to both); idempotent' })
  add(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idParam) id: number,
    @Body() body: AddTicketLinkBody,
  ): Promise<TicketLinkView> {
    return this.tickets.send(TicketPatterns.AddLink, { principal, id, ...body });
  }

  @Delete(':ticketId')
  @TokenScope(ApiScope.TicketsWrite)
  @ApiOperation({ summary: 'Remove a related link, both ways (staff)' })
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idParam) id: number,
    @Param('ticketId', idParam) ticketId: number,
  ): Promise<{ removed: true }> {
    return this.tickets.send(TicketPatterns.RemoveLink, { principal, id, ticketId });
  }
}
