import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AddTicketLinkPayload,
  ByIdPayload,
  RemoveTicketLinkPayload,
  TicketLinkView,
  TicketPatterns,
} from '@helpdesk/contracts';
import { RpcHandler } from '@helpdesk/messaging';

import { TicketLinksService } from './ticket-links.service';

@Controller()
export class TicketLinksMessageController {
  constructor(private readonly links: TicketLinksService) {}

  @RpcHandler(TicketPatterns.ListLinks)
  list(@Payload() { principal, id }: ByIdPayload): Promise<TicketLinkView[]> {
    return this.links.list(principal, id);
  }

  @RpcHandler(TicketPatterns.AddLink)
  add(@Payload() { principal, id, ...body }: AddTicketLinkPayload): Promise<TicketLinkView> {
    return this.links.add(principal, id, body);
  }

  @RpcHandler(TicketPatterns.RemoveLink)
  remove(@Payload() { principal, id, ticketId }: RemoveTicketLinkPayload): Promise<{ removed: true }> {
    return this.links.remove(principal, id, ticketId);
  }
}
