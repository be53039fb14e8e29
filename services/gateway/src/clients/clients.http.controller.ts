import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiScope,
  AccessPatterns,
  ClientView,
  CreateClientBody,
  ListClientsQuery,
  Page,
  Principal,
} from '@helpdesk/contracts';
import { AccessClient } from '@helpdesk/messaging';

import { CurrentPrincipal, TokenScope } from '../auth/auth.decorators';
import { idParam } from '../common-params';

@ApiTags('clients')
@ApiBearerAuth()
@TokenScope(ApiScope.ClientsRead)
@Controller('clients')
export class ClientsHttpController {
  constructor(private readonly access: AccessClient) {}

  @Get()
  @ApiOperation({ summary: 'Clients, newest first, searchable by name or email (staff)' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListClientsQuery): Promise<Page<ClientView>> {
    return this.access.send(AccessPatterns.ListClients, { principal, ...query });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One client (staff, or the client themselves)' })
  get(@CurrentPrincipal() principal: Principal, @Param('id', idParam) id: number): Promise<ClientView> {
    return this.access.send(AccessPatterns.GetClient, { principal, id });
  }

  @Post()
  @TokenScope(ApiScope.ClientsWrite)
  @ApiOperation({ summary: 'Add a client, with or without a portal password (staff)' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateClientBody): Promise<ClientView> {
    return this.access.send(AccessPatterns.CreateClient, { principal, ...body });
  }
}
