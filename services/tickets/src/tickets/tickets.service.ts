import { Injectable } from '@nestjs/common';
import {
  AttachmentView,
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
  MessageFacts,
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

import { MessageAttachments } from '../attachments/message-attachments';
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

/** For messages that come by email (tickets.reply-by-email): see email-replies/. */
export interface MessageOptions {
  /** Stored on the message; unique, so a repeat of the same mail fails instead of adding it twice. */
  externalId?: string;
  /** Runs on the locked ticket before the message is written; may throw to refuse it. */
  beforeWrite?: (ticket: Ticket) => void;
}

export interface NewTicketOptions {
  via?: MessageVia;
  externalId?: string;
}

@Injectable()
export class TicketsService {
  constructor(
    private readonly tickets: TicketsRepository,
    private readonly directory: Directory,
    private readonly clock: Clock,
    private readonly messageAttachments: MessageAttachments,
  ) {}

  async create(principal: Principal, body: CreateTicketBody, options: NewTicketOptions = {}): Promise<TicketView> {
    const clientId = this.clientOfNewTicket(principal, body);
    const [department, client, attachments] = await Promise.all([
      this.directory.activeDepartment(principal, body.departmentId),
      isClient(principal) ? principal : this.directory.client(principal, clientId),
      this.messageAttachments.claim(principal, body.attachmentIds),
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
      const message = await writer.insertMessage(
        this.newMessage(
          principal,
          ticket.id,
          body.message,
          false,
          options.via ?? MessageVia.Web,
          now,
          options.externalId,
        ),
      );
      await this.messageAttachments.link(writer.manager, Number(message.id), attachments);
      await writer.indexForSearch(ticket.id, `${body.subject}\n${body.message}`);
      await writer.addHistory([
        this.historyEntry(principal, ticket.id, HistoryAction.Opened, { messageId: Number(message.id) }, now),
      ]);
      writer.addEvent(TicketEvents.Opened, {
        ticket: toTicketFacts(ticket, department.name),
        actor: actorOf(principal),
        message: messageFacts(message, attachments),
      });
      return { ticket, message };
    });
    return toTicketView(ticket, department.name, [message], new Map([[Number(message.id), attachments]]));
  }

  async list(principal: Principal, query: ListTicketsQuery): Promise<Page<TicketSummary>> {
    const sort = parseSort(query.sort);
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, sort);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const scope: TicketListScope = isClient(principal)
      ? { clientId: principal.id, departmentId: query.departmentId }
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
    const [departmentName, messages, attachments] = await Promise.all([
      this.tickets.departmentName(ticket.departmentId),
      this.tickets.findMessages(ticket.id, !isClient(principal)),
      this.messageAttachments.ofTicket(ticket.id),
    ]);
    return toTicketView(ticket, departmentName, messages, attachments);
  }

  async history(principal: Principal, id: number): Promise<HistoryEntryView[]> {
    const ticket = await this.findVisible(principal, id);
    const entries = await this.tickets.findHistory(ticket.id);
    return entries
      .filter((entry) => !isClient(principal) || entry.action !== HistoryAction.NoteAdded)
      .map(toHistoryEntryView);
  }

  /** A reply moves the status to whose turn it is, and reopens a closed ticket. */
  async reply(
    principal: Principal,
    ticketId: number,
    body: MessageBody,
    via = MessageVia.Web,
    options: MessageOptions = {},
  ): Promise<MessageView> {
    return this.addMessage(principal, ticketId, body.message, false, via, body.attachmentIds, options);
  }

  async addNote(
    principal: Principal,
    ticketId: number,
    body: MessageBody,
    via = MessageVia.Web,
    options: MessageOptions = {},
  ): Promise<MessageView> {
    return this.addMessage(principal, ticketId, body.message, true, via, body.attachmentIds, options);
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
    attachmentIds?: number[],
    options: MessageOptions = {},
  ): Promise<MessageView> {
    const attachments = await this.messageAttachments.claim(principal, attachmentIds);
    const message = await this.tickets.write(async (writer) => {
      const ticket = await this.lockVisible(writer, principal, ticketId);
      if (internal && !isStaff(principal)) {
        throw new DomainError(ErrorCode.AccessDenied, 'Only staff may add internal notes.');
      }
      options.beforeWrite?.(ticket);
      const now = this.clock.now();
      const message = await writer.insertMessage(
        this.newMessage(principal, ticket.id, text, internal, via, now, options.externalId),
      );
      await this.messageAttachments.link(writer.manager, Number(message.id), attachments);
      const previousStatus = ticket.status;
      if (!internal) {
        ticket.status = statusAfterReply(principal.kind);
        ticket.closedAt = null;
        await writer.indexForSearch(ticket.id, text);
      }
      ticket.lastActivityAt = now;
      await writer.saveTicket(ticket);
      await this.recordMessage(writer, principal, ticket, message, previousStatus, attachments);
      return message;
    });
    return toMessageView(message, attachments);
  }

  private async recordMessage(
    writer: TicketWriter,
    principal: Principal,
    ticket: Ticket,
    message: Message,
    previousStatus: TicketStatus,
    attachments: AttachmentView[] = [],
  ): Promise<void> {
    const now = message.createdAt;
    const departmentName = await writer.departmentName(ticket.departmentId);
    const facts = toTicketFacts(ticket, departmentName);
    const entries = [
      this.historyEntry(
        principal,
        ticket.id,
        message.internal ? HistoryAction.NoteAdded : HistoryAction.Replied,
        { messageId: Number(message.id) },
        now,
      ),
    ];
    writer.addEvent(message.internal ? TicketEvents.NoteAdded : TicketEvents.Replied, {
      ticket: facts,
      actor: actorOf(principal),
      message: messageFacts(message, attachments),
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
    externalId: string | null = null,
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
      externalId,
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

function messageFacts(message: Message, attachments: AttachmentView[]): MessageFacts {
  return { id: Number(message.id), body: message.body, internal: message.internal, via: message.via, attachments };
}

export function ticketNotFound(id: number): DomainError {
  return new DomainError(ErrorCode.TicketNotFound, `Ticket #${id} does not exist.`, { id });
}
