import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, isStaff, Principal, TicketStatus } from '@helpdesk/contracts';
import { DataSource, MoreThan } from 'typeorm';

import { Clock } from '../common/clock';
import { canSeeTicket, visibleOrNotFound } from '../tickets/ticket-access';
import { Ticket } from '../tickets/ticket.entity';
import { unmergedFrom, unmergedSource } from './ticket-happenings';
import { TicketRecord, TicketTransactions, TicketWriter } from './ticket-writer';

const T = '"tickets"';
export const UNMERGE_WINDOW_MS = 24 * 3_600_000;

/** An unmerge command: `ticketId` is a merged ticket, or the target of merges to undo. */
export interface UnmergeTickets {
  kind: 'unmerge';
  principal: Principal;
  ticketId: number;
}

/**
 * Undoes merges of the last 24 hours (TicketWrites' `unmerge` command): each source takes back
 * exactly the messages it brought (those the target holds with its `merged_from_ticket_id`) and
 * the status it had, and takes mail and writes again. What was written on the target since stays
 * there, as do the CCs the merge added.
 */
@Injectable()
export class TicketUnmerges {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TicketTransactions,
    private readonly clock: Clock,
  ) {}

  async unmerge({ principal, ticketId }: UnmergeTickets): Promise<void> {
    if (!isStaff(principal)) {
      throw new DomainError(ErrorCode.AccessDenied, 'Only staff may undo a merge.');
    }
    const { targetId, sourceIds } = await this.merged(principal, ticketId);
    await this.transactions.run(async (writer) => {
      const at = this.clock.now();
      const [target, ...sources] = await this.lockStillMerged(writer, targetId, sourceIds);
      const records: TicketRecord[] = [];
      for (const source of sources) {
        records.push(await this.giveBack(writer, source, targetId, at));
      }
      target.lastActivityAt = at;
      await writer.updateTicket(target);
      records.push({
        ticket: target,
        departmentName: await writer.departmentName(target.departmentId),
        happenings: [unmergedFrom(targetId, sourceIds)],
      });
      await writer.recordAll(records, { principal, at });
    });
  }

  /** The merge(s) to undo, all visible to `principal` and within the window. */
  private async merged(principal: Principal, ticketId: number): Promise<{ targetId: number; sourceIds: number[] }> {
    const tickets = this.dataSource.getRepository(Ticket);
    const ticket = visibleOrNotFound(principal, ticketId, await tickets.findOneBy({ id: ticketId }));
    const since = new Date(this.clock.now().getTime() - UNMERGE_WINDOW_MS);
    const sources =
      ticket.mergedIntoId !== null
        ? [ticket]
        : await tickets.findBy({ mergedIntoId: ticketId, mergedAt: MoreThan(since) });
    if (sources.length === 0) {
      const older = await tickets.countBy({ mergedIntoId: ticketId });
      throw older > 0
        ? expired(ticketId)
        : new DomainError(ErrorCode.NotMerged, `Ticket #${ticketId} is not merged, and nothing was merged into it.`);
    }
    if (sources.some((source) => (source.mergedAt?.getTime() ?? 0) <= since.getTime())) {
      throw expired(ticketId);
    }
    const targetId = Number(sources[0].mergedIntoId);
    const target = await tickets.findOneBy({ id: targetId });
    if (!target || !canSeeTicket(principal, target) || sources.some((source) => !canSeeTicket(principal, source))) {
      throw new DomainError(
        ErrorCode.TicketNotFound,
        `Ticket #${ticketId}, or the ticket it was merged with, does not exist or is not in your departments.`,
      );
    }
    return { targetId, sourceIds: sources.map((source) => Number(source.id)) };
  }

  /** The target and the sources, locked in id order; a source unmerged or moved meanwhile stops it. */
  private async lockStillMerged(writer: TicketWriter, targetId: number, sourceIds: number[]): Promise<Ticket[]> {
    const byId = await writer.lockTickets([targetId, ...sourceIds]);
    const moved = sourceIds.find((id) => Number(byId.get(id)?.mergedIntoId) !== targetId);
    if (moved !== undefined) {
      throw new DomainError(
        ErrorCode.TicketChanged,
        `Ticket #${moved} was unmerged or moved meanwhile; reload and try again.`,
      );
    }
    return [byId.get(targetId) as Ticket, ...sourceIds.map((id) => byId.get(id) as Ticket)];
  }

  private async giveBack(writer: TicketWriter, source: Ticket, targetId: number, at: Date): Promise<TicketRecord> {
    await writer.manager.query(
      `UPDATE ${T}."messages" SET "ticket_id" = $1, "merged_from_ticket_id" = NULL
        WHERE "ticket_id" = $2 AND "merged_from_ticket_id" = $1`,
      [Number(source.id), targetId],
    );
    const restored = source.statusBeforeMerge ?? TicketStatus.Open;
    await writer.manager.query(
      `UPDATE ${T}."tickets" SET "merged_into_id" = NULL, "merged_at" = NULL, "status_before_merge" = NULL,
              "status" = $2::"tickets"."ticket_status",
              "closed_at" = CASE WHEN $2::"tickets"."ticket_status" = 'closed' THEN "closed_at" END, "last_activity_at" = $3
        WHERE "id" = $1`,
      [Number(source.id), restored, at],
    );
    const from = source.status;
    Object.assign(source, { status: restored, mergedIntoId: null, lastActivityAt: at });
    return {
      ticket: source,
      departmentName: await writer.departmentName(source.departmentId),
      happenings: [unmergedSource(targetId, Number(source.id), from, restored)],
    };
  }
}

function expired(ticketId: number): DomainError {
  return new DomainError(
    ErrorCode.UnmergeExpired,
    `The merge of ticket #${ticketId} is more than 24 hours old and can no longer be undone; split the messages out instead.`,
  );
}
