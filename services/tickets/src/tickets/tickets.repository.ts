import { Injectable } from '@nestjs/common';
import { DomainEvent, EventPayload, TicketEventName } from '@helpdesk/contracts';
import { Outbox } from '@helpdesk/outbox';
import { DataSource, EntityManager } from 'typeorm';

import { DepartmentCopy, saveDepartmentCopy } from '../directory/department-copy';
import { DepartmentRef } from '../directory/department-ref.entity';
import { HistoryEntry } from './history-entry.entity';
import { Message } from './message.entity';
import { Ticket } from './ticket.entity';
import { buildTicketListQuery, TicketListRow } from './ticket-list.query';

/** Only so much of each message goes into the search document, which PostgreSQL caps at 1 MB. */
const SEARCH_TEXT_PER_MESSAGE = 4_000;
const SEARCH_DOCUMENT_MAX_BYTES = 512_000;

/** The writes of one transaction on tickets; events added here commit with them. */
export class TicketWriter {
  readonly events: DomainEvent[] = [];

  constructor(readonly manager: EntityManager) {}

  lockTicket(id: number): Promise<Ticket | null> {
    return this.manager.getRepository(Ticket).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  insertTicket(ticket: Omit<Ticket, 'id'>): Promise<Ticket> {
    return this.manager.getRepository(Ticket).save(this.manager.getRepository(Ticket).create(ticket));
  }

  saveTicket(ticket: Ticket): Promise<Ticket> {
    return this.manager.getRepository(Ticket).save(ticket);
  }

  insertMessage(message: Omit<Message, 'id'>): Promise<Message> {
    return this.manager.getRepository(Message).save(this.manager.getRepository(Message).create(message));
  }

  async addHistory(entries: Omit<HistoryEntry, 'id'>[]): Promise<void> {
    if (entries.length > 0) {
      await this.manager
        .getRepository(HistoryEntry)
        .save(entries.map((entry) => this.manager.create(HistoryEntry, entry)));
    }
  }

  /** Makes `text` findable by the list's `q` filter (subject and public messages, never notes). */
  async indexForSearch(ticketId: number, text: string): Promise<void> {
    await this.manager.query(
      `INSERT INTO "tickets"."ticket_search" ("ticket_id", "document") VALUES ($1, to_tsvector('simple', $2))
       ON CONFLICT ("ticket_id") DO UPDATE SET "document" =
         CASE WHEN pg_column_size("ticket_search"."document") < $3
              THEN "ticket_search"."document" || EXCLUDED."document"
              ELSE "ticket_search"."document" END`,
      [ticketId, text.slice(0, SEARCH_TEXT_PER_MESSAGE), SEARCH_DOCUMENT_MAX_BYTES],
    );
  }

  /** Keeps the copy of the department (name, auto-close window) as current as `department`. */
  /**
   * Refreshes the department copy only when it is missing or differs: the upsert locks the
   * department's row even when it changes nothing, which serialised every ticket opened in one
   * department behind the others' transactions (bench: 119 creations/s at 64 connections).
   */
  async rememberDepartment(department: DepartmentCopy): Promise<void> {
    const copy = await this.manager.getRepository(DepartmentRef).findOneBy({ id: department.id });
    const current =
      copy?.name === department.name &&
      (department.autoCloseDays === undefined || copy.autoCloseDays === department.autoCloseDays);
    if (!current) {
      await saveDepartmentCopy(this.manager, department);
    }
  }

  async departmentName(id: number): Promise<string> {
    const department = await this.manager.getRepository(DepartmentRef).findOneBy({ id });
    return department?.name ?? '';
  }

  addEvent<N extends TicketEventName>(name: N, payload: EventPayload<N>): void {
    this.events.push({ name, payload });
  }
}

@Injectable()
export class TicketsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /** Runs `work` in one transaction, then writes its events to the outbox before commit. */
  async write<T>(work: (writer: TicketWriter) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction(async (manager) => {
      const writer = new TicketWriter(manager);
      const value = await work(writer);
      await this.outbox.add(manager, writer.events);
      return value;
    });
    this.outbox.flushSoon();
    return result;
  }

  findById(id: number): Promise<Ticket | null> {
    return this.dataSource.getRepository(Ticket).findOneBy({ id });
  }

  async departmentName(id: number): Promise<string> {
    const department = await this.dataSource.getRepository(DepartmentRef).findOneBy({ id });
    return department?.name ?? '';
  }

  findMessages(ticketId: number, includeInternal: boolean): Promise<Message[]> {
    return this.dataSource.getRepository(Message).find({
      where: includeInternal ? { ticketId } : { ticketId, internal: false },
      order: { id: 'ASC' },
    });
  }

  findHistory(ticketId: number): Promise<HistoryEntry[]> {
    return this.dataSource.getRepository(HistoryEntry).find({ where: { ticketId }, order: { id: 'ASC' } });
  }

  list(query: Parameters<typeof buildTicketListQuery>): Promise<TicketListRow[]> {
    const { sql, params } = buildTicketListQuery(...query);
    return this.dataSource.query(sql, params);
  }
}
