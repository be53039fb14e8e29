import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ByIdPayload, PresenceView, SetPresencePayload, TicketPatterns } from '@helpdesk/contracts';
import { RpcHandler } from '@helpdesk/messaging';

import { PresenceService } from './presence.service';

@Controller()
export class PresenceMessageController {
  constructor(private readonly presence: PresenceService) {}

  @RpcHandler(TicketPatterns.SetPresence)
  set(@Payload() { principal, id, state }: SetPresencePayload): Promise<PresenceView[]> {
    return this.presence.beat(principal, id, state);
  }

  @RpcHandler(TicketPatterns.ClearPresence)
  clear(@Payload() { principal, id }: ByIdPayload): Promise<{ removed: true }> {
    return this.presence.end(principal, id);
  }

  @RpcHandler(TicketPatterns.ListPresence)
  list(@Payload() { principal, id }: ByIdPayload): Promise<PresenceView[]> {
    return this.presence.list(principal, id);
  }
}
