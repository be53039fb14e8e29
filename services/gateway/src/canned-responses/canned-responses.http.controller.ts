import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiScope,
  CannedResponseView,
  CreateCannedResponseBody,
  ListCannedResponsesQuery,
  Principal,
  TicketPatterns,
  UpdateCannedResponseBody,
} from '@helpdesk/contracts';
import { TicketsClient } from '@helpdesk/messaging';

import { CurrentPrincipal, TokenScope } from '../auth/auth.decorators';
import { idParam } from '../common-params';

@ApiTags('canned-responses')
@ApiBearerAuth()
@TokenScope(ApiScope.TicketsRead)
@Controller('canned-responses')
export class CannedResponsesHttpController {
  constructor(private readonly tickets: TicketsClient) {}

  @Get()
  @ApiOperation({ summary: 'Canned responses; with ticketId, those usable on it with placeholders filled in (staff)' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListCannedResponsesQuery,
  ): Promise<CannedResponseView[]> {
    return this.tickets.send(TicketPatterns.ListCannedResponses, { principal, ...query });
  }

  @Post()
  @TokenScope(ApiScope.TicketsWrite)
  @ApiOperation({ summary: 'Add one: global (admins) or for one of your departments' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateCannedResponseBody,
  ): Promise<CannedResponseView> {
    return this.tickets.send(TicketPatterns.CreateCannedResponse, { principal, ...body });
  }

  @Patch(':id')
  @TokenScope(ApiScope.TicketsWrite)
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idParam) id: number,
    @Body() body: UpdateCannedResponseBody,
  ): Promise<CannedResponseView> {
    return this.tickets.send(TicketPatterns.UpdateCannedResponse, { principal, id, ...body });
  }

  @Delete(':id')
  @TokenScope(ApiScope.TicketsWrite)
  delete(@CurrentPrincipal() principal: Principal, @Param('id', idParam) id: number): Promise<{ deleted: true }> {
    return this.tickets.send(TicketPatterns.DeleteCannedResponse, { principal, id });
  }
}
