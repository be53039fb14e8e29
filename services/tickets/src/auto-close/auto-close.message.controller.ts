import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AutoCloseSweepPayload, AutoCloseSweepResult, TicketPatterns } from '@helpdesk/contracts';
import { RpcHandler } from '@helpdesk/messaging';

import { AutoCloseService } from './auto-close.service';

@Controller()
export class AutoCloseMessageController {
  constructor(private readonly autoClose: AutoCloseService) {}

  @RpcHandler(TicketPatterns.AutoCloseSweep)
  sweep(@Payload() payload: AutoCloseSweepPayload): Promise<AutoCloseSweepResult> {
    return this.autoClose.sweep(payload.asOf === undefined ? undefined : new Date(payload.asOf));
  }
}
