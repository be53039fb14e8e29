import { Injectable } from '@nestjs/common';
import {
  DomainEvent,
  EventActor,
  isStaff,
  NewerMessageView,
  Principal,
  PrincipalKind,
  TicketEventName,
} from '@helpdesk/contracts';
import { Outbox } from '@helpdesk/outbox';
import { DataSource, EntityManager, In } from 'typeorm';

import { DepartmentCopy, saveDepartmentCopy } from '../directory/department-copy';
import { DepartmentRef } from '../directory/department-ref.entity';
import { participantFactsOf, withCcClients } from '../participants/cc-clients';
import { Message } from '../tickets/message.entity';
import { Ticket } from '../tickets/ticket.entity';
import { TicketFactsSource, toTicketFacts } from '../tickets/ticket.mapper';
import { Happening } from './ticket-happenings';

/** Only so much of each message goes into the search document, which PostgreSQL caps at 1 MB. */
const SEARCH_TEXT_PER_MESSAGE = 4_000;
const SEARCH_DOCUMENT_MAX_BYTES = 512_000;

/** Who did it and when, as history and events name them (a person, or the system by name). */
export interface Authorship {
  principal: Principal | EventActor;
  at: Date;
}

/** The writes of one transaction on tickets; events recorded here commit with them. */
export class TicketWriter {
  readonly events: DomainEvent<TicketEventName>[] = [];

  constructor(readonly manager: EntityManager) {}

  /** With its CCs' client ids, who may write on it too. */
  async lockTicket(id: number): Promise<Ticket | null> {
    const ticket = await this.manager
      .getRepository(Ticket)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    return ticket && withCcClients(this.manager, ticket);
  }

  /** The ticket locked as lockTicket does (CCs' client ids included), with its department's name, in one statement. */
  async lockTicketInDepartment(id: number): Promise<{ ticket: Ticket; departmentName: string } | null> {
    const { entities, raw } = await this.manager
      .getRepository(Ticket)
      .createQueryBuilder('ticket')
      .addSelect(
        (name) =>
          name.select('department.name').from(DepartmentRef, 'department').where('department.id = ticket.departmentId'),
        'department_name',
      )
      .addSelect(
        `ARRAY(SELECT p."client_id" FROM "tickets"."participants" p
                WHERE p."ticket_id" = ticket.id AND p."kind" = 'cc' AND p."removed_at" IS NULL)`,
        'cc_client_ids',
      )
      .where('ticket.id = :id', { id })
      .setLock('pessimistic_write')
      .getRawAndEntities<{ department_name: string | null; cc_client_ids: number[] }>();
    const [ticket] = entities;
    if (!ticket) {
      return null;
    }
    ticket.ccClientIds = raw[0].cc_client_ids.map(Number);
    return { ticket, departmentName: raw[0].department_name ?? '' };
  }

  /**
   * Several tickets, locked in id order (so two writers locking overlapping sets wait for each
   * other instead of deadlocking), by id; a missing one is absent from the map.
   */
  async lockTickets(ids: number[]): Promise<Map<number, Ticket>> {
    const locked = await this.manager.getRepository(Ticket).find({
      where: { id: In(ids) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    return new Map(locked.map((ticket) => [Number(ticket.id), ticket]));
  }

  /**
   * Messages of the ticket written after `messageId` by anyone but `reader` and visible to them
   * (notes for staff only), oldest first, at most 20; null when `messageId` is not on the ticket.
   */
  async messagesNewerThan(ticketId: number, messageId: number, reader: Principal): Promise<NewerMessageView[] | null> {
    const [base] = await this.manager.query<{ id: string }[]>(
      `SELECT "id" FROM "tickets"."messages" WHERE "id" = $1 AND "ticket_id" = $2`,
      [messageId, ticketId],
    );
    if (!base) {
      return null;
    }
    // Compared in SQL: the row's created_at has microseconds a JavaScript Date would drop.
    const rows = await this.manager.query<NewerMessageRow[]>(
      `SELECT "id", "author_kind", "author_id", "author_name", "internal", "created_at", left("body", 200) AS "excerpt"
         FROM "tickets"."messages"
        WHERE "ticket_id" = $1
          AND ("created_at", "id") > (SELECT b."created_at", b."id" FROM "tickets"."messages" b WHERE b."id" = $2)
          AND NOT ("author_kind" = $3 AND "author_id" = $4) AND ($5 OR NOT "internal")
        ORDER BY "created_at", "id" LIMIT 20`,
      [ticketId, messageId, reader.kind, reader.id, isStaff(reader)],
    );
    return rows.map((row) => ({
      id: Number(row.id),
      author: { kind: row.author_kind, id: row.author_id, name: row.author_name },
      internal: row.internal,
      createdAt: row.created_at.toISOString(),
      excerpt: row.excerpt,
    }));
  }

  insertTicket(ticket: Omit<Ticket, 'id'>): Promise<Ticket> {
    return this.manager.getRepository(Ticket).save(this.manager.getRepository(Ticket).create(ticket));
  }

  /** One UPDATE of the fields a write may change (`save` would SELECT the row again first). */
  async updateTicket(ticket: Ticket): Promise<void> {
    const { status, priority, departmentId, assigneeId, assigneeName, lastActivityAt, closedAt, requesterVerified } =
      ticket;
    await this.manager
      .getRepository(Ticket)
      .update(
        { id: ticket.id },
        { status, priority, departmentId, assigneeId, assigneeName, lastActivityAt, closedAt, requesterVerified },
      );
  }

  insertMessage(message: Omit<Message, 'id'>): Promise<Message> {
    return this.manager.getRepository(Message).save(this.manager.getRepository(Message).create(message));
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

  /**
   * Keeps the copy of the department (name, auto-close window) as current as `department`.
   * Refreshes it only when it is missing or differs: the upsert locks the department's row even
   * when it changes nothing, which serialised every ticket opened in one department behind the
   * others' transactions (bench: 119 creations/s at 64 connections).
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

  /**
   * Writes what happened to `ticket` (as it is now, in `departmentName`) as history entries and
   * queues the matching events for the outbox, in the same order.
   */
  record(ticket: TicketFactsSource, departmentName: string, by: Authorship, happenings: Happening[]): Promise<void> {
    return this.recordAll([{ ticket, departmentName, happenings }], by);
  }

  /**
   * `record` for many tickets at once (the auto-close sweep's batches): every history entry in
   * one INSERT, whatever the number of tickets, and their events queued in order.
   */
  async recordAll(records: TicketRecord[], by: Authorship): Promise<void> {
    const actor = actorOf(by.principal);
    const entries = records.flatMap(({ ticket, happenings }) =>
      happenings.flatMap(({ action, details }) =>
        action === null ? [] : [{ ticketId: Number(ticket.id), action, details: JSON.stringify(details) }],
      ),
    );
    if (entries.length > 0) {
      await this.manager.query(
        `INSERT INTO "tickets"."history" ("ticket_id", "actor_kind", "actor_id", "actor_name", "action", "details", "created_at")
         SELECT e."ticket_id", $4, $5, $6, e."action", e."details", $7
           FROM unnest($1::bigint[], $2::text[], $3::jsonb[]) AS e("ticket_id", "action", "details")`,
        [
          entries.map((entry) => entry.ticketId),
          entries.map((entry) => entry.action),
          entries.map((entry) => entry.details),
          actor.kind,
          actor.id,
          actor.name,
          by.at,
        ],
      );
    }
    const participantsOf = await participantFactsOf(
      this.manager,
      records.map((record) => Number(record.ticket.id)),
    );
    for (const { ticket, departmentName, happenings } of records) {
      const facts = toTicketFacts(ticket, departmentName);
      const participants = participantsOf.get(Number(ticket.id)) ?? { ccs: [], followerIds: [] };
      for (const happening of happenings) {
        this.events.push({ name: happening.event, payload: { ticket: facts, actor, participants, ...happening.news } });
      }
    }
  }
}

interface NewerMessageRow {
  id: string;
  author_kind: PrincipalKind;
  author_id: number;
  author_name: string;
  internal: boolean;
  created_at: Date;
  excerpt: string;
}

/** What happened to one ticket, for `TicketWriter.recordAll`. */
export interface TicketRecord {
  ticket: TicketFactsSource;
  departmentName: string;
  happenings: Happening[];
}

/** Opens the one transaction of a ticket write and adds its events to the outbox before commit. */
@Injectable()
export class TicketTransactions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async run<T>(work: (writer: TicketWriter) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction(async (manager) => {
      const writer = new TicketWriter(manager);
      const value = await work(writer);
      await this.outbox.add(manager, writer.events);
      return { value, published: writer.events.length > 0 };
    });
    if (result.published) {
      this.outbox.flushSoon();
    }
    return result.value;
  }
}

function actorOf(principal: Principal | EventActor): EventActor {
  return { kind: principal.kind, id: principal.id, name: principal.name };
}
