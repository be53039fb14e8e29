import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AddMessagePayload,
  ByIdPayload,
  CreateTicketPayload,
  HistoryEntryView,
  ListTicketsPayload,
  MessageView,
  Page,
  TicketPatterns,
  TicketSummary,
  TicketView,
  UpdateTicketPayload,
} from '@helpdesk/contracts';

import { TicketsService } from './tickets.service';

@Controller()
export class TicketsMessageController {
  constructor(private readonly tickets: TicketsService) {}

  @MessagePattern(TicketPatterns.Create)
  create(@Payload() { principal, ...body }: CreateTicketPayload): Promise<TicketView> {
    return this.tickets.create(principal, body);
  }

  @MessagePattern(TicketPatterns.List)
  list(@Payload() { principal, ...query }: ListTicketsPayload): Promise<Page<TicketSummary>> {
    return this.tickets.list(principal, query);
  }

  @MessagePattern(TicketPatterns.Get)
  get(@Payload() payload: ByIdPayload): Promise<TicketView> {
    return this.tickets.get(payload.principal, payload.id);
  }

  @MessagePattern(TicketPatterns.Reply)
  reply(@Payload() { principal, ticketId, via, ...body }: AddMessagePayload): Promise<MessageView> {
    return this.tickets.reply(principal, ticketId, body, via);
  }

  @MessagePattern(TicketPatterns.AddNote)
  addNote(@Payload() { principal, ticketId, via, ...body }: AddMessagePayload): Promise<MessageView> {
    return this.tickets.addNote(principal, ticketId, body, via);
  }

  @MessagePattern(TicketPatterns.Update)
  update(@Payload() { principal, id, ...body }: UpdateTicketPayload): Promise<TicketView> {
    return this.tickets.update(principal, id, body);
  }

  @MessagePattern(TicketPatterns.History)
  history(@Payload() payload: ByIdPayload): Promise<HistoryEntryView[]> {
    return this.tickets.history(payload.principal, payload.id);
  }
}
