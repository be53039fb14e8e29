import { Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  isStaff,
  MessageVia,
  ParticipantVia,
  Principal,
  TicketStatus,
} from '@helpdesk/contracts';
import { DataSource, In } from 'typeorm';

import { Clock } from '../common/clock';
import { Directory } from '../directory/directory';
import { withCcClients } from '../participants/cc-clients';
import { ParticipantsService, ResolvedCc } from '../participants/participants.service';
import { canSeeTicket } from '../tickets/ticket-access';
import { Ticket } from '../tickets/ticket.entity';
import { MergeTickets } from './ticket-commands';
import { merged, mergedInto } from './ticket-happenings';
import { TicketRecord, TicketTransactions, TicketWriter } from './ticket-writer';

const T = '"tickets"';

/** What the checks before the transaction found: the tickets as they were, and who becomes a CC. */
interface MergePlan {
  target: Ticket;
  /** The sources still to merge (those already merged into the target are done). */
  sources: Ticket[];
  ccs: ResolvedCc[];
}

/**
 * Merges tickets into one (TicketWrites' `merge` command). Every ticket is locked in id order,
 * so opposite merges (A into B, B into A) run one after the other and the second finds its
 * tickets merged meanwhile: 409, never a cycle. In one transaction each source's messages move
 * to the target (remembering where they were written, so their files, mail threads and search
 * text follow), the source is closed and points at the target, a public message on it says
 * where the conversation went, and each source client who is not the target's becomes its CC.
 */
@Injectable()
export class TicketMerges {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TicketTransactions,
    private readonly directory: Directory,
    private readonly participants: ParticipantsService,
    private readonly clock: Clock,
  ) {}

  async merge(command: MergeTickets): Promise<void> {
    const plan = await this.plan(command);
    if (plan.sources.length === 0) {
      return;
    }
    await this.transactions.run(async (writer) => {
      await this.lockUnchanged(writer, plan);
      const at = this.clock.now();
      const by = { principal: command.principal, at };
      const records: TicketRecord[] = [];
      for (const source of plan.sources) {
        records.push(await this.closeInto(writer, source, plan.target, command.principal, at));
      }
      await this.participants.insertCcs(writer.manager, plan.target, plan.ccs, command.principal, ParticipantVia.Web);
      if (command.note) {
        await writer.insertMessage(noteOnTarget(command, at));
      }
      plan.target.lastActivityAt = at;
      await writer.updateTicket(plan.target);
      const sourceIds = plan.sources.map((source) => Number(source.id));
      records.push({
        ticket: plan.target,
        departmentName: await writer.departmentName(plan.target.departmentId),
        happenings: [merged(Number(plan.target.id), sourceIds)],
      });
      await writer.recordAll(records, by);
    });
  }

  private async plan({ principal, targetId, sourceIds }: MergeTickets): Promise<MergePlan> {
    if (!isStaff(principal)) {
      throw new DomainError(ErrorCode.AccessDenied, 'Only staff may merge tickets.');
    }
    if (sourceIds.includes(targetId)) {
      throw new DomainError(ErrorCode.ValidationFailed, `sourceIds: ticket #${targetId} cannot be merged into itself.`);
    }
    const found = await this.dataSource.getRepository(Ticket).findBy({ id: In([targetId, ...sourceIds]) });
    const byId = new Map(found.map((ticket) => [Number(ticket.id), ticket]));
    const target = byId.get(targetId);
    const sources = sourceIds.map((id) => byId.get(id));
    if (!target || sources.some((source) => !source) || found.some((ticket) => !canSeeTicket(principal, ticket))) {
      throw new DomainError(
        ErrorCode.TicketNotFound,
        `Ticket #${targetId}, or one of the tickets to merge into it, does not exist or is not in your departments.`,
      );
    }
    const alreadyMerged = [target, ...(sources as Ticket[])].filter(
      (ticket) => ticket.mergedIntoId !== null && Number(ticket.mergedIntoId) !== targetId,
    );
    if (target.mergedIntoId !== null || alreadyMerged.length > 0) {
      const [first] = target.mergedIntoId !== null ? [target] : alreadyMerged;
      throw new DomainError(
        ErrorCode.AlreadyMerged,
        `Ticket #${first.id} is already merged into #${first.mergedIntoId}; merge into that ticket instead.`,
        { ticketId: Number(first.id), mergedInto: Number(first.mergedIntoId) },
      );
    }
    const pending = (sources as Ticket[]).filter((source) => source.mergedIntoId === null);
    const withCcs = await withCcClients(this.dataSource.manager, target);
    return { target: withCcs, sources: pending, ccs: await this.newCcs(principal, withCcs, pending) };
  }

  /** Each source's client who is neither the target's client nor already its CC. */
  private async newCcs(principal: Principal, target: Ticket, sources: Ticket[]): Promise<ResolvedCc[]> {
    const onTarget = new Set([target.clientId, ...(target.ccClientIds ?? [])]);
    const clientIds = [...new Set(sources.map((source) => source.clientId))].filter((id) => !onTarget.has(id));
    const clients = await Promise.all(clientIds.map((id) => this.directory.client(principal, id)));
    return clients.map((client) => ({ clientId: client.id, email: client.email.toLowerCase(), name: client.name }));
  }

  /** Locks every ticket of the merge in id order; one merged meanwhile (a racing merge) stops it. */
  private async lockUnchanged(writer: TicketWriter, plan: MergePlan): Promise<void> {
    const ids = [plan.target, ...plan.sources].map((ticket) => Number(ticket.id)).sort((a, b) => a - b);
    const rows = await writer.manager.query<{ id: string; merged_into_id: string | null }[]>(
      `SELECT "id", "merged_into_id" FROM ${T}."tickets" WHERE "id" = ANY($1::bigint[]) ORDER BY "id" FOR UPDATE`,
      [ids],
    );
    const changed = rows.find((row) => row.merged_into_id !== null);
    if (changed) {
      throw new DomainError(
        ErrorCode.TicketChanged,
        `Ticket #${changed.id} was merged into #${changed.merged_into_id} meanwhile; reload and try again.`,
        { ticketId: Number(changed.id), mergedInto: Number(changed.merged_into_id) },
      );
    }
  }

  private async closeInto(
    writer: TicketWriter,
    source: Ticket,
    target: Ticket,
    principal: Principal,
    at: Date,
  ): Promise<TicketRecord> {
    const params = [Number(source.id), Number(target.id)];
    await writer.manager.query(
      `UPDATE ${T}."messages" SET "ticket_id" = $2, "merged_from_ticket_id" = coalesce("merged_from_ticket_id", $1)
        WHERE "ticket_id" = $1`,
      params,
    );
    await writer.manager.query(
      `INSERT INTO ${T}."ticket_search" ("ticket_id", "document")
       SELECT $2, s."document" FROM ${T}."ticket_search" s WHERE s."ticket_id" = $1
       ON CONFLICT ("ticket_id") DO UPDATE SET "document" = "ticket_search"."document" || EXCLUDED."document"`,
      params,
    );
    await writer.insertMessage({
      ticketId: Number(source.id),
      authorKind: principal.kind,
      authorId: principal.id,
      authorName: principal.name,
      body: `This ticket was merged into #${target.id}: the conversation goes on there.`,
      internal: false,
      via: MessageVia.Web,
      createdAt: at,
      externalId: null,
      senderVerdict: null,
    });
    const from = source.status;
    await writer.manager.query(
      `UPDATE ${T}."tickets" SET "status_before_merge" = "status", "status" = 'closed',
              "closed_at" = coalesce("closed_at", $2), "merged_into_id" = $3, "merged_at" = $2, "last_activity_at" = $2
        WHERE "id" = $1`,
      [Number(source.id), at, Number(target.id)],
    );
    Object.assign(source, { status: TicketStatus.Closed, mergedIntoId: Number(target.id), lastActivityAt: at });
    return {
      ticket: source,
      departmentName: await writer.departmentName(source.departmentId),
      happenings: [mergedInto(Number(target.id), Number(source.id), from)],
    };
  }
}

function noteOnTarget({ principal, targetId, sourceIds, note }: MergeTickets, at: Date) {
  return {
    ticketId: targetId,
    authorKind: principal.kind,
    authorId: principal.id,
    authorName: principal.name,
    body: `Merged ${sourceIds.map((id) => `#${id}`).join(', ')} into this ticket: ${note}`,
    internal: true,
    via: MessageVia.Web,
    createdAt: at,
    externalId: null,
    senderVerdict: null,
  };
}
