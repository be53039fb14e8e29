import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, isStaff, Principal, TicketEmailView, TicketPatterns } from '@helpdesk/contracts';
import { TicketsClient } from '@helpdesk/messaging';

import { toTicketEmailView } from './outgoing-mail.mapper';
import { OutgoingMailsRepository } from './outgoing-mails.repository';

@Injectable()
export class TicketEmailsService {
  constructor(
    private readonly mails: OutgoingMailsRepository,
    private readonly tickets: TicketsClient,
  ) {}

  /**
   * Staff only, and only for a ticket the principal may see: the tickets service, which owns
   * that rule, answers `tickets.get` with TICKET_NOT_FOUND otherwise, and so do we.
   */
  async list(principal: Principal, ticketId: number): Promise<TicketEmailView[]> {
    if (!isStaff(principal)) {
      throw new DomainError(ErrorCode.AccessDenied, 'Only staff may see the mails sent about a ticket.');
    }
    await this.tickets.send(TicketPatterns.Get, { principal, id: ticketId });
    return (await this.mails.listForTicket(ticketId)).map(toTicketEmailView);
  }
}
