import { Injectable } from '@nestjs/common';
import { PresenceState, PresenceView, TicketPresenceSummary } from '@helpdesk/contracts';
import { DataSource } from 'typeorm';

const P = '"tickets"."presence"';
/** Expired rows one sweep deletes at most; the next takes the rest. */
const SWEEP_BATCH = 500;

interface PresenceRow {
  ticket_id: string;
  staff_id: number;
  staff_name: string;
  state: PresenceState;
  since: Date;
  expires_at: Date;
}

export interface Heartbeat {
  ticketId: number;
  staff: { id: number; name: string };
  state: PresenceState;
  at: Date;
  expiresAt: Date;
}

/** A presence the sweep ended, with its ticket's department (who may hear of it). */
export interface ExpiredPresence {
  ticketId: number;
  departmentId: number;
  staff: { id: number; name: string };
}

/** The `presence` table: a row is live while `expires_at` is in the future. */
@Injectable()
export class PresenceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records a heartbeat; answers the state that was live before it (null: none). */
  async beat({ ticketId, staff, state, at, expiresAt }: Heartbeat): Promise<PresenceState | null> {
    const [row] = await this.dataSource.query<{ previous_state: PresenceState | null }[]>(
      `WITH previous AS (
         SELECT "state" FROM ${P} WHERE "ticket_id" = $1 AND "staff_id" = $2 AND "expires_at" > $5
       )
       INSERT INTO ${P} AS p ("ticket_id", "staff_id", "staff_name", "state", "since", "expires_at")
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ("ticket_id", "staff_id") DO UPDATE
          SET "staff_name" = EXCLUDED."staff_name", "state" = EXCLUDED."state", "expires_at" = EXCLUDED."expires_at",
              "since" = CASE WHEN p."state" = EXCLUDED."state" AND p."expires_at" > EXCLUDED."since"
                             THEN p."since" ELSE EXCLUDED."since" END
       RETURNING (SELECT "state" FROM previous) AS previous_state`,
      [ticketId, staff.id, staff.name, state, at, expiresAt],
    );
    return row.previous_state;
  }

  /** Deletes the staff member's presence; true when it was live. */
  async end(ticketId: number, staffId: number, at: Date): Promise<boolean> {
    const [rows] = await this.dataSource.query<[{ live: boolean }[], number]>(
      `DELETE FROM ${P} WHERE "ticket_id" = $1 AND "staff_id" = $2 RETURNING "expires_at" > $3 AS live`,
      [ticketId, staffId, at],
    );
    return rows.some((row) => row.live);
  }

  async ofTicket(ticketId: number, at: Date): Promise<PresenceView[]> {
    const rows = await this.dataSource.query<PresenceRow[]>(
      `SELECT * FROM ${P} WHERE "ticket_id" = $1 AND "expires_at" > $2 ORDER BY "since", "staff_id"`,
      [ticketId, at],
    );
    return rows.map(toPresenceView);
  }

  /** One query for a whole page of the list. */
  async ofTickets(ticketIds: number[], at: Date): Promise<Map<number, TicketPresenceSummary[]>> {
    const rows = await this.dataSource.query<PresenceRow[]>(
      `SELECT * FROM ${P} WHERE "ticket_id" = ANY($1::bigint[]) AND "expires_at" > $2 ORDER BY "since", "staff_id"`,
      [ticketIds, at],
    );
    const byTicket = new Map<number, TicketPresenceSummary[]>();
    for (const row of rows) {
      const ticketId = Number(row.ticket_id);
      byTicket.set(ticketId, [
        ...(byTicket.get(ticketId) ?? []),
        { staffId: row.staff_id, name: row.staff_name, state: row.state },
      ]);
    }
    return byTicket;
  }

  /** Deletes expired rows; each is returned to one replica only (the others skip the locked rows). */
  async sweep(at: Date): Promise<ExpiredPresence[]> {
    const rows = await this.dataSource.query<
      [{ ticket_id: string; staff_id: number; staff_name: string; department_id: number }[], number]
    >(
      `DELETE FROM ${P} p USING "tickets"."tickets" t
        WHERE t."id" = p."ticket_id"
          AND (p."ticket_id", p."staff_id") IN (
            SELECT "ticket_id", "staff_id" FROM ${P} WHERE "expires_at" <= $1
             ORDER BY "expires_at" LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED)
        RETURNING p."ticket_id", p."staff_id", p."staff_name", t."department_id"`,
      [at],
    );
    return rows[0].map((row) => ({
      ticketId: Number(row.ticket_id),
      departmentId: row.department_id,
      staff: { id: row.staff_id, name: row.staff_name },
    }));
  }
}

function toPresenceView(row: PresenceRow): PresenceView {
  return {
    staff: { id: row.staff_id, name: row.staff_name },
    state: row.state,
    since: row.since.toISOString(),
    expiresAt: row.expires_at.toISOString(),
  };
}
