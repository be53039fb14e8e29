import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PingResult } from '@helpdesk/contracts';
import { AccessClient } from '@helpdesk/messaging';

import { ANY_SCOPE, TokenScope } from '../auth/auth.decorators';

/**
 * A signed-in no-op: the plumbing every API call pays (token check, principal lookup, one RPC)
 * and nothing else. The benchmark compares the list's latency with it.
 */
@ApiTags('system')
@ApiBearerAuth()
@TokenScope(ANY_SCOPE)
@Controller('ping')
export class PingHttpController {
  constructor(private readonly access: AccessClient) {}

  @Get()
  @ApiOperation({ summary: 'A round trip to the access service that does nothing (any signed-in account)' })
  ping(): Promise<PingResult> {
    return this.access.ping();
  }
}
