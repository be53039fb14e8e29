import { ParticipantFacts } from '@helpdesk/contracts';
import { EntityManager } from 'typeorm';

import { Ticket } from '../tickets/ticket.entity';

/** `ticket` with the client ids of its current CCs, who see it as its client does (ticket-access.ts). */
export async function withCcClients(manager: EntityManager, ticket: Ticket): Promise<Ticket> {
  const rows: { client_id: number }[] = await manager.query(
    `SELECT "client_id" FROM "tickets"."participants"
      WHERE "ticket_id" = $1 AND "kind" = 'cc' AND "removed_at" IS NULL`,
    [ticket.id],
  );
  ticket.ccClientIds = rows.map((row) => row.client_id);
  return ticket;
}

/** What ticket events say of each ticket's current CCs and followers, for many tickets in one query. */
export async function participantFactsOf(
  manager: EntityManager,
  ticketIds: number[],
): Promise<Map<number, ParticipantFacts>> {
  const rows: {
    ticket_id: string;
    kind: 'cc' | 'follower';
    email: string | null;
    name: string;
    client_id: number | null;
    staff_id: number | null;
  }[] = ticketIds.length
    ? await manager.query(
        `SELECT "ticket_id", "kind", "email", "name", "client_id", "staff_id" FROM "tickets"."participants"
          WHERE "ticket_id" = ANY($1::bigint[]) AND "removed_at" IS NULL ORDER BY "id"`,
        [ticketIds],
      )
    : [];
  const facts = new Map<number, ParticipantFacts>(ticketIds.map((id) => [id, { ccs: [], followerIds: [] }]));
  for (const row of rows) {
    const of = facts.get(Number(row.ticket_id)) as ParticipantFacts;
    if (row.kind === 'cc' && row.email !== null && row.client_id !== null) {
      of.ccs.push({ clientId: row.client_id, email: row.email, name: row.name });
    } else if (row.kind === 'follower' && row.staff_id !== null) {
      of.followerIds.push(row.staff_id);
    }
  }
  return facts;
}
