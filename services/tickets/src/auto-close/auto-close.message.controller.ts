import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AutoCloseSweepPayload, AutoCloseSweepResult, TicketPatterns } from '@helpdesk/contracts';

import { AutoCloseService } from './auto-close.service';

@Controller()
export class AutoCloseMessageController {
  constructor(private readonly autoClose: AutoCloseService) {}

  @MessagePattern(TicketPatterns.AutoCloseSweep)
  sweep(@Payload() payload: AutoCloseSweepPayload): Promise<AutoCloseSweepResult> {
    return this.autoClose.sweep(payload.asOf === undefined ? undefined : new Date(payload.asOf));
  }
}
