import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AccessPatterns, ConsumeQuotaPayload, QuotaUse } from '@helpdesk/contracts';
import { RpcHandler } from '@helpdesk/messaging';

import { QuotasService } from './quotas.service';

@Controller()
export class QuotasMessageController {
  constructor(private readonly quotas: QuotasService) {}

  @RpcHandler(AccessPatterns.ConsumeQuota)
  consume(@Payload() payload: ConsumeQuotaPayload): Promise<QuotaUse> {
    return this.quotas.consume(payload.principal, payload.kind);
  }
}
