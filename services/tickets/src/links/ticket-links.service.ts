import { Injectable } from '@nestjs/common';
import {
  AddTicketLinkBody,
  DomainError,
  ErrorCode,
  Principal,
  PrincipalKind,
  TicketLinkType,
  TicketLinkView,
  TicketStatus,
} from '@helpdesk/contracts';
import { DataSource, EntityManager } from 'typeorm';

import { canSeeTicket, visibleToStaffOrNotFound } from '../tickets/ticket-access';
import { TicketsRepository } from '../tickets/tickets.repository';

const T = '"tickets"';
/** A ticket with more links than this shows its newest. */
const LINKS_LISTED = 100;

interface LinkRow {
  type: TicketLinkType;
  linked_ticket_id: string;
  subject: string;
  status: TicketStatus;
  department_id: number;
  client_id: number;
  created_by_kind: PrincipalKind;
  created_by_id: number;
  created_by_name: string;
  created_at: Date;
}

/** The other side of each link type. */
const REVERSE: Record<TicketLinkType, TicketLinkType> = {
  [TicketLinkType.Related]: TicketLinkType.Related,
  [TicketLinkType.SplitFrom]: TicketLinkType.SplitTo,
  [TicketLinkType.SplitTo]: TicketLinkType.SplitFrom,
};

/** Links between tickets: staff only (a client is answered as if the ticket had none to show: 404). */
@Injectable()
export class TicketLinksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: TicketsRepository,
  ) {}

  async list(principal: Principal, ticketId: number): Promise<TicketLinkView[]> {
    await this.visibleToStaff(principal, ticketId);
    const rows = await this.dataSource.query<LinkRow[]>(
      `SELECT l."type", l."linked_ticket_id", t."subject", t."status", t."department_id", t."client_id",
              l."created_by_kind", l."created_by_id", l."created_by_name", l."created_at"
         FROM ${T}."ticket_links" l JOIN ${T}."tickets" t ON t."id" = l."linked_ticket_id"
        WHERE l."ticket_id" = $1
        ORDER BY l."created_at" DESC LIMIT ${LINKS_LISTED}`,
      [ticketId],
    );
    return rows
      .filter((row) => canSeeTicket(principal, { departmentId: row.department_id, clientId: row.client_id }))
      .map(toLinkView);
  }

  /** Links both ways; linking again answers the link there is. */
  async add(
    principal: Principal,
    ticketId: number,
    { ticketId: otherId, type }: AddTicketLinkBody,
  ): Promise<TicketLinkView> {
    if (otherId === ticketId) {
      throw new DomainError(ErrorCode.ValidationFailed, `ticketId: ticket #${ticketId} cannot be linked to itself.`);
    }
    await this.visibleToStaff(principal, ticketId);
    await this.visibleToStaff(principal, otherId);
    await this.dataSource.transaction((manager) => insertLink(manager, principal, ticketId, otherId, type));
    const link = (await this.list(principal, ticketId)).find(
      (candidate) => candidate.ticket.id === otherId && candidate.type === type,
    );
    return link as TicketLinkView;
  }

  async remove(principal: Principal, ticketId: number, otherId: number): Promise<{ removed: true }> {
    await this.visibleToStaff(principal, ticketId);
    const [, removed] = await this.dataSource.query<[unknown, number]>(
      `DELETE FROM ${T}."ticket_links" WHERE "type" = 'related'
          AND (("ticket_id" = $1 AND "linked_ticket_id" = $2) OR ("ticket_id" = $2 AND "linked_ticket_id" = $1))`,
      [ticketId, otherId],
    );
    if (removed === 0) {
      throw new DomainError(
        ErrorCode.TicketLinkNotFound,
        `Ticket #${ticketId} is not linked as related to ticket #${otherId}.`,
      );
    }
    return { removed: true };
  }

  private async visibleToStaff(principal: Principal, ticketId: number): Promise<void> {
    visibleToStaffOrNotFound(principal, ticketId, await this.tickets.findById(ticketId));
  }
}

/** Both directions of a link, inside the caller's transaction (a split writes its own). */
export async function insertLink(
  manager: EntityManager,
  by: Principal,
  ticketId: number,
  otherId: number,
  type: TicketLinkType,
): Promise<void> {
  await manager.query(
    `INSERT INTO ${T}."ticket_links"
       ("ticket_id", "linked_ticket_id", "type", "created_by_kind", "created_by_id", "created_by_name")
     VALUES ($1, $2, $3, $5, $6, $7), ($2, $1, $4, $5, $6, $7)
     ON CONFLICT DO NOTHING`,
    [ticketId, otherId, type, REVERSE[type], by.kind, by.id, by.name],
  );
}

function toLinkView(row: LinkRow): TicketLinkView {
  return {
    type: row.type,
    ticket: { id: Number(row.linked_ticket_id), subject: row.subject, status: row.status },
    createdBy: { kind: row.created_by_kind, id: row.created_by_id, name: row.created_by_name },
    createdAt: row.created_at.toISOString(),
  };
}
