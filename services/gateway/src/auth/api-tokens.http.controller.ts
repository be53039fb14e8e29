import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessPatterns, ApiTokenSecret, ApiTokenView, CreateApiTokenBody, Principal } from '@helpdesk/contracts';
import { AccessClient } from '@helpdesk/messaging';

import { CurrentPrincipal } from './auth.decorators';

/** No TokenScope: a token cannot mint, list or revoke tokens; only a signed-in session can. */
@ApiTags('api tokens')
@ApiBearerAuth()
@Controller('me/tokens')
export class ApiTokensHttpController {
  constructor(private readonly access: AccessClient) {}

  @Post()
  @ApiOperation({
    summary: 'Create an API token; the answer holds the token, shown only this once (staff and clients)',
    description:
      'Scopes: tickets:read, tickets:write, clients:read, clients:write, admin (administrators only). ' +
      "Clients' tokens may have tickets:read and tickets:write only.",
  })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateApiTokenBody): Promise<ApiTokenSecret> {
    return this.access.send(AccessPatterns.CreateApiToken, { principal, ...body });
  }

  @Get()
  @ApiOperation({ summary: 'Your unrevoked API tokens, newest first, with when each was last used (never the token)' })
  list(@CurrentPrincipal() principal: Principal): Promise<ApiTokenView[]> {
    return this.access.send(AccessPatterns.ListOwnApiTokens, { principal });
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke one of your API tokens; it fails from its next request on' })
  revoke(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<{ revoked: true }> {
    return this.access.send(AccessPatterns.RevokeOwnApiToken, { principal, id });
  }
}
