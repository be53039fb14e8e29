import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ListTicketEmailsPayload, NotificationPatterns, TicketEmailView } from '@helpdesk/contracts';

import { TicketEmailsService } from './ticket-emails.service';

@Controller()
export class TicketEmailsMessageController {
  constructor(private readonly ticketEmails: TicketEmailsService) {}

  @MessagePattern(NotificationPatterns.ListTicketEmails)
  list(@Payload() payload: ListTicketEmailsPayload): Promise<TicketEmailView[]> {
    return this.ticketEmails.list(payload.principal, payload.ticketId);
  }
}
