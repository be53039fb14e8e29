import { Body, Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal, PresenceView, SetPresenceBody, TicketPatterns } from '@helpdesk/contracts';
import { TicketsClient } from '@helpdesk/messaging';

import { CurrentPrincipal } from '../auth/auth.decorators';
import { idParam } from '../common-params';

/** For the web app's ticket page: signed-in sessions only (no API token scope). */
@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets/:id/presence')
export class PresenceHttpController {
  constructor(private readonly tickets: TicketsClient) {}

  @Put()
  @ApiOperation({
    summary: 'Heartbeat: you are viewing or replying to the ticket, for PRESENCE_TTL (staff); answers who is on it',
  })
  set(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idParam) id: number,
    @Body() body: SetPresenceBody,
  ): Promise<PresenceView[]> {
    return this.tickets.send(TicketPatterns.SetPresence, { principal, id, ...body });
  }

  @Delete()
  @ApiOperation({ summary: 'You left the ticket: your presence ends at once (staff)' })
  clear(@CurrentPrincipal() principal: Principal, @Param('id', idParam) id: number): Promise<{ removed: true }> {
    return this.tickets.send(TicketPatterns.ClearPresence, { principal, id });
  }

  @Get()
  @ApiOperation({ summary: 'Staff viewing or replying to the ticket now, you included (staff)' })
  list(@CurrentPrincipal() principal: Principal, @Param('id', idParam) id: number): Promise<PresenceView[]> {
    return this.tickets.send(TicketPatterns.ListPresence, { principal, id });
  }
}
