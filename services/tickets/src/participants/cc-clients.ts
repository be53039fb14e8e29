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

/** What ticket events say of the ticket's current CCs and followers. */
export async function participantFacts(manager: EntityManager, ticketId: number): Promise<ParticipantFacts> {
  const rows: {
    kind: 'cc' | 'follower';
    email: string | null;
    name: string;
    client_id: number | null;
    staff_id: number | null;
  }[] = await manager.query(
    `SELECT "kind", "email", "name", "client_id", "staff_id" FROM "tickets"."participants"
        WHERE "ticket_id" = $1 AND "removed_at" IS NULL ORDER BY "id"`,
    [ticketId],
  );
  return {
    ccs: rows.flatMap((row) =>
      row.kind === 'cc' && row.email !== null && row.client_id !== null
        ? [{ clientId: row.client_id, email: row.email, name: row.name }]
        : [],
    ),
    followerIds: rows.flatMap((row) => (row.kind === 'follower' && row.staff_id !== null ? [row.staff_id] : [])),
  };
}
