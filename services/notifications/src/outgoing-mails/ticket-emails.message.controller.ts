import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ListTicketEmailsPayload, NotificationPatterns, TicketEmailView } from '@helpdesk/contracts';
import { RpcHandler } from '@helpdesk/messaging';

import { TicketEmailsService } from './ticket-emails.service';

@Controller()
export class TicketEmailsMessageController {
  constructor(private readonly ticketEmails: TicketEmailsService) {}

  @RpcHandler(NotificationPatterns.ListTicketEmails)
  list(@Payload() payload: ListTicketEmailsPayload): Promise<TicketEmailView[]> {
    return this.ticketEmails.list(payload.principal, payload.ticketId);
  }
}
