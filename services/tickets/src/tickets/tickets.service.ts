import { Injectable } from '@nestjs/common';
import {
  CreateTicketBody,
  DomainError,
  ErrorCode,
  EventActor,
  HistoryAction,
  HistoryEntryView,
  isClient,
  isStaff,
  ListTicketsQuery,
  MessageBody,
  MessageVia,
  MessageView,
  Page,
  Principal,
  TicketEvents,
  TicketPriority,
  TicketStatus,
  TicketSummary,
  TicketView,
} from '@helpdesk/contracts';

import { Clock } from '../common/clock';
import { Directory } from '../directory/directory';
import { HistoryEntry } from './history-entry.entity';
import { Message } from './message.entity';
import { Ticket } from './ticket.entity';
import { canSeeTicket, listableDepartmentIds } from './ticket-access';
import { statusAfterReply } from './ticket-lifecycle';
import { decodeCursor, encodeCursor, parseSort, TicketListScope } from './ticket-list.query';
import { rowToTicketSummary, toHistoryEntryView, toMessageView, toTicketFacts, toTicketView } from './ticket.mapper';
import { TicketsRepository, TicketWriter } from './tickets.repository';

export const DEFAULT_PAGE_SIZE = 50;

@Injectable()
export class TicketsService {
  constructor(
    private readonly tickets: TicketsRepository,
    private readonly directory: Directory,
    private readonly clock: Clock,
  ) {}

  async create(principal: Principal, body: CreateTicketBody): Promise<TicketView> {
    const clientId = this.clientOfNewTicket(principal, body);
    const [department, client] = await Promise.all([
      this.directory.activeDepartment(principal, body.departmentId),
      isClient(principal) ? principal : this.directory.client(principal, clientId),
    ]);
    if (isStaff(principal) && !canSeeTicket(principal, { departmentId: department.id, clientId })) {
      throw new DomainError(ErrorCode.AccessDenied, `You do not work in department "${department.name}".`);
    }
    const now = this.clock.now();
    const { ticket, message } = await this.tickets.write(async (writer) => {
      await writer.rememberDepartment(department);
      const ticket = await writer.insertTicket({
        subject: body.subject,
        clientId,
        clientName: client.name,
        departmentId: department.id,
        status: TicketStatus.Open,
        priority: body.priority ?? TicketPriority.Medium,
        assigneeId: null,
        assigneeName: '',
        createdAt: now,
        lastActivityAt: now,
        closedAt: null,
      });
      const message = await writer.insertMessage(this.newMessage(principal, ticket.id, body.message, false, MessageVia.Web, now));
      await writer.indexForSearch(ticket.id, `${body.subject}\n${body.message}`);
      await writer.addHistory([this.historyEntry(principal, ticket.id, HistoryAction.Opened, { messageId: Number(message.id) }, now)]);
      writer.addEvent(TicketEvents.Opened, {
        ticket: toTicketFacts(ticket, department.name),
        actor: actorOf(principal),
        message: messageFacts(message),
      });
      return { ticket, message };
    });
    return toTicketView(ticket, department.name, [message]);
  }

  async list(principal: Principal, query: ListTicketsQuery): Promise<Page<TicketSummary>> {
    const sort = parseSort(query.sort);
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, sort);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const scope: TicketListScope = isClient(principal)
      ? { clientId: principal.id }
      : { departmentIds: listableDepartmentIds(principal, query.departmentId) };
    const filter = isClient(principal) ? { ...query, clientId: undefined, departmentId: undefined } : query;
    const rows = await this.tickets.list([scope, filter, sort, cursor, limit + 1]);
    const items = rows.slice(0, limit);
    return {
      items: items.map(rowToTicketSummary),
      nextCursor: rows.length > limit ? encodeCursor(sort, items[items.length - 1]) : null,
    };
  }

  async get(principal: Principal, id: number): Promise<TicketView> {
    const ticket = await this.findVisible(principal, id);
    const [departmentName, messages] = await Promise.all([
      this.tickets.departmentName(ticket.departmentId),
      this.tickets.findMessages(ticket.id, !isClient(principal)),
    ]);
    return toTicketView(ticket, departmentName, messages);
  }

  async history(principal: Principal, id: number): Promise<HistoryEntryView[]> {
    const ticket = await this.findVisible(principal, id);
    const entries = await this.tickets.findHistory(ticket.id);
    return entries
      .filter((entry) => !isClient(principal) || entry.action !== HistoryAction.NoteAdded)
      .map(toHistoryEntryView);
  }

  /** A reply moves the status to whose turn it is, and reopens a closed ticket. */
  async reply(principal: Principal, ticketId: number, body: MessageBody, via = MessageVia.Web): Promise<MessageView> {
    return this.addMessage(principal, ticketId, body.message, false, via);
  }

  async addNote(principal: Principal, ticketId: number, body: MessageBody, via = MessageVia.Web): Promise<MessageView> {
    return this.addMessage(principal, ticketId, body.message, true, via);
  }

  /** Loads a ticket the principal may see, or answers exactly as if it did not exist. */
  async findVisible(principal: Principal, id: number): Promise<Ticket> {
    const ticket = await this.tickets.findById(id);
    if (!ticket || !canSeeTicket(principal, ticket)) {
      throw ticketNotFound(id);
    }
    return ticket;
  }

  private async addMessage(
    principal: Principal,
    ticketId: number,
    text: string,
    internal: boolean,
    via: MessageVia,
  ): Promise<MessageView> {
    const message = await this.tickets.write(async (writer) => {
      const ticket = await this.lockVisible(writer, principal, ticketId);
      if (internal && !isStaff(principal)) {
        throw new DomainError(ErrorCode.AccessDenied, 'Only staff may add internal notes.');
      }
      const now = this.clock.now();
      const message = await writer.insertMessage(this.newMessage(principal, ticket.id, text, internal, via, now));
      const previousStatus = ticket.status;
      if (!internal) {
        ticket.status = statusAfterReply(principal.kind);
        ticket.closedAt = null;
        await writer.indexForSearch(ticket.id, text);
      }
      ticket.lastActivityAt = now;
      await writer.saveTicket(ticket);
      await this.recordMessage(writer, principal, ticket, message, previousStatus);
      return message;
    });
    return toMessageView(message);
  }

  private async recordMessage(
    writer: TicketWriter,
    principal: Principal,
    ticket: Ticket,
    message: Message,
    previousStatus: TicketStatus,
  ): Promise<void> {
    const now = message.createdAt;
    const departmentName = await writer.departmentName(ticket.departmentId);
    const facts = toTicketFacts(ticket, departmentName);
    const entries = [
      this.historyEntry(principal, ticket.id, message.internal ? HistoryAction.NoteAdded : HistoryAction.Replied, { messageId: Number(message.id) }, now),
    ];
    writer.addEvent(message.internal ? TicketEvents.NoteAdded : TicketEvents.Replied, {
      ticket: facts,
      actor: actorOf(principal),
      message: messageFacts(message),
    });
    if (ticket.status !== previousStatus) {
      const changes = { status: { from: previousStatus, to: ticket.status } };
      entries.push(this.historyEntry(principal, ticket.id, HistoryAction.StatusChanged, changes, now));
      writer.addEvent(TicketEvents.StatusChanged, { ticket: facts, actor: actorOf(principal), changes });
    }
    await writer.addHistory(entries);
  }

  private async lockVisible(writer: TicketWriter, principal: Principal, id: number): Promise<Ticket> {
    const ticket = await writer.lockTicket(id);
    if (!ticket || !canSeeTicket(principal, ticket)) {
      throw ticketNotFound(id);
    }
    return ticket;
  }

  private clientOfNewTicket(principal: Principal, body: CreateTicketBody): number {
    if (isClient(principal)) {
      if (body.clientId !== undefined && body.clientId !== principal.id) {
        throw new DomainError(ErrorCode.ValidationFailed, 'clientId: only staff may open a ticket for another client.');
      }
      return principal.id;
    }
    if (body.clientId === undefined) {
      throw new DomainError(ErrorCode.ValidationFailed, 'clientId: staff must name the client the ticket is for.');
    }
    return body.clientId;
  }

  private newMessage(
    principal: Principal,
    ticketId: number,
    body: string,
    internal: boolean,
    via: MessageVia,
    now: Date,
  ): Omit<Message, 'id'> {
    return {
      ticketId,
      authorKind: principal.kind,
      authorId: principal.id,
      authorName: principal.name,
      body,
      internal,
      via,
      createdAt: now,
    };
  }

  historyEntry(
    principal: Principal,
    ticketId: number,
    action: HistoryAction,
    details: Record<string, unknown>,
    now: Date,
  ): Omit<HistoryEntry, 'id'> {
    return {
      ticketId,
      actorKind: principal.kind,
      actorId: principal.id,
      actorName: principal.name,
      action,
      details,
      createdAt: now,
    };
  }
}

export function actorOf(principal: Principal): EventActor {
  return { kind: principal.kind, id: principal.id, name: principal.name };
}

function messageFacts(message: Message) {
  return { id: Number(message.id), body: message.body, internal: message.internal, via: message.via };
}

export function ticketNotFound(id: number): DomainError {
  return new DomainError(ErrorCode.TicketNotFound, `Ticket #${id} does not exist.`, { id });
}
