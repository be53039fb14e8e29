import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AddMessagePayload,
  ByIdPayload,
  CreateTicketPayload,
  HistoryEntryView,
  ListTicketsPayload,
  MergeTicketsPayload,
  SplitTicketPayload,
  MessageView,
  Page,
  TicketPatterns,
  TicketSummary,
  TicketView,
  UpdateTicketPayload,
  VersionedTicketView,
} from '@helpdesk/contracts';
import { RpcHandler } from '@helpdesk/messaging';

import { TicketsService } from './tickets.service';

@Controller()
export class TicketsMessageController {
  constructor(private readonly tickets: TicketsService) {}

  @RpcHandler(TicketPatterns.Create)
  create(@Payload() { principal, ...body }: CreateTicketPayload): Promise<TicketView> {
    return this.tickets.create(principal, body);
  }

  @RpcHandler(TicketPatterns.List)
  list(@Payload() { principal, ...query }: ListTicketsPayload): Promise<Page<TicketSummary>> {
    return this.tickets.list(principal, query);
  }

  @RpcHandler(TicketPatterns.Get)
  get(@Payload() payload: ByIdPayload): Promise<VersionedTicketView> {
    return this.tickets.getVersioned(payload.principal, payload.id);
  }

  @RpcHandler(TicketPatterns.Reply)
  reply(@Payload() { principal, ticketId, via, ...body }: AddMessagePayload): Promise<MessageView> {
    return this.tickets.reply(principal, ticketId, body, via);
  }

  @RpcHandler(TicketPatterns.AddNote)
  addNote(@Payload() { principal, ticketId, via, ...body }: AddMessagePayload): Promise<MessageView> {
    return this.tickets.addNote(principal, ticketId, body, via);
  }

  @RpcHandler(TicketPatterns.Update)
  update(@Payload() { principal, id, ifMatch, ...body }: UpdateTicketPayload): Promise<VersionedTicketView> {
    return this.tickets.update(principal, id, body, ifMatch);
  }

  @RpcHandler(TicketPatterns.VerifyRequester)
  verifyRequester(@Payload() payload: ByIdPayload): Promise<TicketView> {
    return this.tickets.verifyRequester(payload.principal, payload.id);
  }

  @RpcHandler(TicketPatterns.Merge)
  merge(@Payload() { principal, targetId, ...body }: MergeTicketsPayload): Promise<TicketView> {
    return this.tickets.merge(principal, targetId, body);
  }

  @RpcHandler(TicketPatterns.Unmerge)
  unmerge(@Payload() payload: ByIdPayload): Promise<TicketView> {
    return this.tickets.unmerge(payload.principal, payload.id);
  }

  @RpcHandler(TicketPatterns.Split)
  split(@Payload() { principal, id, ...body }: SplitTicketPayload): Promise<TicketView> {
    return this.tickets.split(principal, id, body);
  }

  @RpcHandler(TicketPatterns.History)
  history(@Payload() payload: ByIdPayload): Promise<HistoryEntryView[]> {
    return this.tickets.history(payload.principal, payload.id);
  }
}
