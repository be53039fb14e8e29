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
import { newMessage } from './new-message';
import { merged, mergedInto } from './ticket-happenings';
import { TicketRecord, TicketTransactions, TicketWriter } from './ticket-writer';

const T = '"tickets"';

/**
 * How many merges a mail or a lookup follows from a ticket to where it went (A into B, later B
 * into C); a longer chain is treated as an error rather than followed without end.
 */
export const MERGE_CHAIN_MAX = 10;

/** What the checks before the transaction found: what is left to merge, and who becomes a CC. */
interface MergePlan {
  targetId: number;
  /** The sources still to merge (those already merged into the target are done). */
  sourceIds: number[];
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
    if (plan.sourceIds.length === 0) {
      return;
    }
    await this.transactions.run(async (writer) => {
      const { target, sources } = await this.lockUnchanged(writer, command.principal, plan);
      const at = this.clock.now();
      const records: TicketRecord[] = [];
      for (const source of sources) {
        records.push(await this.closeInto(writer, source, target, command.principal, at));
      }
      await this.participants.insertCcs(writer.manager, target, plan.ccs, command.principal, ParticipantVia.Web);
      if (command.note) {
        await writer.insertMessage(noteOnTarget(command, at));
      }
      target.lastActivityAt = at;
      await writer.updateTicket(target);
      records.push({
        ticket: target,
        departmentName: await writer.departmentName(target.departmentId),
        happenings: [merged(Number(target.id), plan.sourceIds)],
      });
      await writer.recordAll(records, { principal: command.principal, at });
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
    const sources = sourceIds.map((id) => byId.get(id)).filter((source) => source !== undefined);
    if (!target || sources.length < sourceIds.length || found.some((ticket) => !canSeeTicket(principal, ticket))) {
      throw notFound(targetId);
    }
    // The target merged anywhere, or a source merged elsewhere; a source merged here already is done.
    const elsewhere = found.find((ticket) => ticket.mergedIntoId !== null && Number(ticket.mergedIntoId) !== targetId);
    if (elsewhere) {
      throw new DomainError(
        ErrorCode.AlreadyMerged,
        `Ticket #${elsewhere.id} is already merged into #${elsewhere.mergedIntoId}; merge into that ticket instead.`,
        { ticketId: Number(elsewhere.id), mergedInto: Number(elsewhere.mergedIntoId) },
      );
    }
    const pending = sources.filter((source) => source.mergedIntoId === null);
    const withCcs = await withCcClients(this.dataSource.manager, target);
    return {
      targetId,
      sourceIds: pending.map((source) => Number(source.id)),
      ccs: await this.newCcs(principal, withCcs, pending),
    };
  }

  /** Each source's client who is neither the target's client nor already its CC. */
  private async newCcs(principal: Principal, target: Ticket, sources: Ticket[]): Promise<ResolvedCc[]> {
    const onTarget = new Set([target.clientId, ...(target.ccClientIds ?? [])]);
    const clientIds = [...new Set(sources.map((source) => source.clientId))].filter((id) => !onTarget.has(id));
    const clients = await Promise.all(clientIds.map((id) => this.directory.client(principal, id)));
    return clients.map((client) => ({ clientId: client.id, email: client.email.toLowerCase(), name: client.name }));
  }

  /**
   * Locks every ticket of the merge in id order and writes from those rows, not from the checks'
   * earlier reads; one merged meanwhile (a racing merge) or moved out of reach stops it.
   */
  private async lockUnchanged(
    writer: TicketWriter,
    principal: Principal,
    plan: MergePlan,
  ): Promise<{ target: Ticket; sources: Ticket[] }> {
    const locked = await writer.lockTickets([plan.targetId, ...plan.sourceIds]);
    const tickets = [plan.targetId, ...plan.sourceIds].map((id) => locked.get(id));
    if (tickets.some((ticket) => !ticket || !canSeeTicket(principal, ticket))) {
      throw notFound(plan.targetId);
    }
    const [target, ...sources] = tickets as Ticket[];
    const changed = [target, ...sources].find((ticket) => ticket.mergedIntoId !== null);
    if (changed) {
      throw new DomainError(
        ErrorCode.TicketChanged,
        `Ticket #${changed.id} was merged into #${changed.mergedIntoId} meanwhile; reload and try again.`,
        { ticketId: Number(changed.id), mergedInto: Number(changed.mergedIntoId) },
      );
    }
    return { target, sources };
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
    const text = `This ticket was merged into #${target.id}: the conversation goes on there.`;
    await writer.insertMessage(
      newMessage({ principal, ticketId: Number(source.id), text, internal: false, via: MessageVia.Web }, at),
    );
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
  const text = `Merged ${sourceIds.map((id) => `#${id}`).join(', ')} into this ticket: ${note}`;
  return newMessage({ principal, ticketId: targetId, text, internal: true, via: MessageVia.Web }, at);
}

function notFound(targetId: number): DomainError {
  return new DomainError(
    ErrorCode.TicketNotFound,
    `Ticket #${targetId}, or one of the tickets to merge into it, does not exist or is not in your departments.`,
  );
}

/** A ticket merged into another takes no more writes: they belong on the target (409 TICKET_MERGED). */
export function notMerged(ticket: Ticket): Ticket {
  if (ticket.mergedIntoId !== null) {
    const targetId = Number(ticket.mergedIntoId);
    throw new DomainError(
      ErrorCode.TicketMerged,
      `Ticket #${ticket.id} was merged into #${targetId}; reply to and change that ticket instead.`,
      { targetId },
    );
  }
  return ticket;
}
