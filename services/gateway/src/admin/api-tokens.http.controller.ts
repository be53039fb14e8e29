import { Controller, Delete, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessPatterns, ApiScope, ApiTokenAdminView, ListAllApiTokensQuery, Principal } from '@helpdesk/contracts';
import { AccessClient } from '@helpdesk/messaging';

import { CurrentPrincipal, TokenScope } from '../auth/auth.decorators';

@ApiTags('admin')
@ApiBearerAuth()
@TokenScope(ApiScope.Admin)
@Controller('admin/tokens')
export class AdminApiTokensHttpController {
  constructor(private readonly access: AccessClient) {}

  @Get()
  @ApiOperation({
    summary: "Everyone's unrevoked API tokens with their owner, newest first (the latest 200) (admins)",
    description: 'staffId or clientId: only that account’s tokens.',
  })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListAllApiTokensQuery): Promise<ApiTokenAdminView[]> {
    return this.access.send(AccessPatterns.ListAllApiTokens, { principal, ...query });
  }

  @Delete(':id')
  @ApiOperation({ summary: "Revoke anyone's API token; it fails from its next request on (admins)" })
  revoke(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<{ revoked: true }> {
    return this.access.send(AccessPatterns.RevokeAnyApiToken, { principal, id });
  }
}
