import { Injectable } from '@nestjs/common';
import {
  CreateTicketBody,
  HistoryAction,
  HistoryEntryView,
  isClient,
  isStaff,
  ListTicketsQuery,
  MergeTicketsBody,
  SplitTicketBody,
  MessageBody,
  MessageVia,
  MessageView,
  Page,
  Principal,
  TicketSummary,
  TicketView,
  VersionedTicketView,
  UpdateTicketBody,
} from '@helpdesk/contracts';

import { MessageAttachments } from '../attachments/message-attachments';
import { NEW_TICKET, ParticipantsService } from '../participants/participants.service';
import { PresenceService } from '../presence/presence.service';
import { MERGE_CHAIN_MAX } from '../ticket-writes/ticket-merge';
import { TicketWrites } from '../ticket-writes/ticket-writes';
import { Ticket } from './ticket.entity';
import { listableDepartmentIds, visibleOrNotFound } from './ticket-access';
import { decodeCursor, encodeCursor, parseSort, TicketListScope } from './ticket-list.query';
import { rowToTicketSummary, toHistoryEntryView, toTicketView } from './ticket.mapper';
import { ticketVersion } from './ticket-version';
import { TicketsRepository } from './tickets.repository';

export const DEFAULT_PAGE_SIZE = 50;

/** The tickets RPCs: reads here, writes as commands to TicketWrites. */
@Injectable()
export class TicketsService {
  constructor(
    private readonly tickets: TicketsRepository,
    private readonly messageAttachments: MessageAttachments,
    private readonly writes: TicketWrites,
    private readonly participants: ParticipantsService,
    private readonly presence: PresenceService,
  ) {}

  async create(principal: Principal, body: CreateTicketBody): Promise<TicketView> {
    const owner = {
      id: NEW_TICKET,
      clientId: body.clientId ?? principal.id,
      departmentId: body.departmentId,
      writtenTo: null,
    };
    const ccs = await this.participants.ccsFor(principal, owner, body.cc, 'strict');
    return this.writes.execute({ kind: 'open', principal, body, via: MessageVia.Web, ccs });
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
    const summaries = items.map((row) => rowToTicketSummary(row, principal));
    return {
      items: isStaff(principal) ? await this.withPresence(summaries) : summaries,
      nextCursor: rows.length > limit ? encodeCursor(sort, items[items.length - 1]) : null,
    };
  }

  async get(principal: Principal, id: number): Promise<TicketView> {
    const { version: _version, ...view } = await this.getVersioned(principal, id);
    return view;
  }

  /** The ticket with its version, which the gateway gives as the ETag for If-Match. */
  async getVersioned(principal: Principal, id: number): Promise<VersionedTicketView> {
    const ticket = await this.findVisible(principal, id);
    const [departmentName, messages, attachments] = await Promise.all([
      this.tickets.departmentName(ticket.departmentId),
      this.tickets.findMessages(ticket.id, !isClient(principal)),
      this.messageAttachments.ofTicket(ticket.id),
    ]);
    return {
      ...toTicketView(ticket, departmentName, messages, attachments, principal),
      version: ticketVersion(ticket),
    };
  }

  async history(principal: Principal, id: number): Promise<HistoryEntryView[]> {
    const ticket = await this.findVisible(principal, id);
    const entries = await this.tickets.findHistory(ticket.id);
    return entries
      .filter((entry) => !isClient(principal) || entry.action !== HistoryAction.NoteAdded)
      .map(toHistoryEntryView);
  }

  /** A reply moves the status to whose turn it is, and reopens a closed ticket. */
  reply(principal: Principal, ticketId: number, body: MessageBody, via = MessageVia.Web): Promise<MessageView> {
    return this.addMessage(principal, ticketId, body, false, via);
  }

  addNote(principal: Principal, ticketId: number, body: MessageBody, via = MessageVia.Web): Promise<MessageView> {
    return this.addMessage(principal, ticketId, body, true, via);
  }

  async update(
    principal: Principal,
    ticketId: number,
    changes: UpdateTicketBody,
    ifMatch?: string,
  ): Promise<VersionedTicketView> {
    await this.writes.execute({ kind: 'change', principal, ticketId, changes, ifMatch });
    return this.getVersioned(principal, ticketId);
  }

  async merge(principal: Principal, targetId: number, { sourceIds, note }: MergeTicketsBody): Promise<TicketView> {
    await this.writes.execute({ kind: 'merge', principal, targetId, sourceIds, note });
    return this.get(principal, targetId);
  }

  async unmerge(principal: Principal, ticketId: number): Promise<TicketView> {
    await this.writes.execute({ kind: 'unmerge', principal, ticketId });
    return this.get(principal, ticketId);
  }

  async split(principal: Principal, ticketId: number, body: SplitTicketBody): Promise<TicketView> {
    const newId = await this.writes.execute({ kind: 'split', principal, ticketId, ...body });
    return this.get(principal, newId);
  }

  async verifyRequester(principal: Principal, ticketId: number): Promise<TicketView> {
    await this.writes.execute({ kind: 'verify-requester', principal, ticketId });
    return this.get(principal, ticketId);
  }

  /** The ticket that now takes `id`'s writes: itself, or the end of the merges it went through. */
  async currentTicketOf(id: number): Promise<number> {
    let current = id;
    for (let hops = 0; hops < MERGE_CHAIN_MAX; hops++) {
      const ticket = await this.tickets.findById(current);
      if (!ticket || ticket.mergedIntoId === null) {
        return current;
      }
      current = Number(ticket.mergedIntoId);
    }
    return current;
  }

  /** Loads a ticket the principal may see, or answers exactly as if it did not exist. */
  async findVisible(principal: Principal, id: number): Promise<Ticket> {
    return visibleOrNotFound(principal, id, await this.tickets.findById(id));
  }

  private async addMessage(
    principal: Principal,
    ticketId: number,
    { message, attachmentIds, cc, basedOnMessageId, force }: MessageBody,
    internal: boolean,
    via: MessageVia,
  ): Promise<MessageView> {
    const ticket = await this.findVisible(principal, ticketId);
    const [ccs, mentions] = await Promise.all([
      internal ? [] : this.participants.ccsFor(principal, ticket, cc, 'strict'),
      internal && isStaff(principal) ? this.participants.mentionedIn(message, ticket) : [],
    ]);
    const added = await this.writes.execute({
      ccs,
      mentions,
      kind: 'add-message',
      principal,
      ticketId,
      text: message,
      internal,
      via,
      attachmentIds,
      basedOnMessageId,
      force,
    });
    return added.message;
  }

  /** Who has each ticket open: one query for the page. */
  private async withPresence(summaries: TicketSummary[]): Promise<TicketSummary[]> {
    const presence = await this.presence.ofTickets(summaries.map((summary) => summary.id));
    return summaries.map((summary) => ({ ...summary, presence: presence.get(summary.id) ?? [] }));
  }
}
