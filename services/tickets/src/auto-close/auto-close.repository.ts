import { Injectable } from '@nestjs/common';
import { currentCorrelationId } from '@helpdesk/config';
import { TicketEvents, TicketStatus } from '@helpdesk/contracts';
import { DataSource } from 'typeorm';

import { DepartmentSweep, DepartmentWindowSource } from './auto-close-policy';

/** The actor history and events name for what the sweep does. */
export const AUTO_CLOSE_ACTOR_NAME = 'Auto-close';

export interface SweepBatch {
  departments: DepartmentSweep[];
  statuses: TicketStatus[];
  asOf: Date;
  reminderBeforeMs: number;
  batchSize: number;
}

export interface BatchOutcome {
  /** Rows the statement locked (a full batch means there may be more). */
  selected: number;
  /** Rows it changed: those still unchanged since they were selected. */
  changed: number;
}

/* Shared SQL fragments: the TicketFacts of a changed row `c` joined to its department `d`. */
const TICKET_FACTS = `jsonb_build_object(
  'id', c."id", 'subject', c."subject", 'status', c."status", 'priority', c."priority",
  'departmentId', c."department_id", 'departmentName', d."name",
  'clientId', c."client_id", 'clientName', c."client_name",
  'assigneeId', c."assignee_id", 'assigneeName', CASE WHEN c."assignee_id" IS NULL THEN NULL ELSE c."assignee_name" END,
  'createdAt', to_char(c."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'lastActivityAt', to_char(c."last_activity_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;
const ACTOR = `jsonb_build_object('kind', 'system', 'id', NULL, 'name', '${AUTO_CLOSE_ACTOR_NAME}')`;
const WINDOW_DAYS = `round(c."window_ms" / 86400000.0, 3)`;
const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The sweep's statements. Each handles one batch in one statement (so one round trip and one
 * commit per batch): it locks candidates with SKIP LOCKED (a ticket another transaction is
 * changing is left for the next sweep, and two sweeps never take the same ticket), changes only
 * rows unchanged since they were selected, and writes their history and outbox rows with them.
 * Each (department, status) pair is walked on its own range of `tickets_auto_close_idx`
 * (department_id, status, last_activity_at), oldest first, by a plain index scan that stops at
 * the batch size: tickets that are not due (a longer window, auto-close off) are never read,
 * and the entries of rows closed by earlier batches are marked dead as the scan passes them.
 */
@Injectable()
export class AutoCloseRepository {
  constructor(private readonly dataSource: DataSource) {}

  departments(): Promise<DepartmentWindowSource[]> {
    return this.dataSource.query(`SELECT "id", "auto_close_days" AS "autoCloseDays" FROM "tickets"."departments"`);
  }

  /** Closes up to `batchSize` tickets that are due: status_changed history and `ticket.closed` for each. */
  async closeBatch(batch: SweepBatch): Promise<BatchOutcome> {
    const departments = batch.departments;
    const [row]: BatchOutcome[] = await this.dataSource.query(
      `WITH policy AS (
         SELECT * FROM unnest($2::integer[], $3::bigint[], $4::timestamptz[], $5::boolean[])
                    AS p("department_id", "window_ms", "close_before", "remind")
       ),
       candidates AS (
         SELECT t."id", t."status", t."last_activity_at", p."window_ms"
           FROM policy p
          CROSS JOIN unnest($6::"tickets"."ticket_status"[]) AS s("status")
          CROSS JOIN LATERAL (
                SELECT t."id", t."status", t."last_activity_at"
                  FROM "tickets"."tickets" t
                 WHERE t."department_id" = p."department_id"
                   AND t."status" = s."status"
                   AND t."status" <> 'closed'
                   AND t."last_activity_at" <= p."close_before"
                   AND (NOT p."remind" OR (t."auto_close_reminded_at" >= t."last_activity_at"
                                           AND t."auto_close_reminded_at" <= $7::timestamptz))
                 ORDER BY t."last_activity_at"
                 LIMIT $8
                   FOR UPDATE OF t SKIP LOCKED) t
          LIMIT $8
       ),
       closed AS (
         UPDATE "tickets"."tickets" t
            SET "status" = 'closed', "closed_at" = $1::timestamptz, "last_activity_at" = $1::timestamptz
           FROM candidates k
          WHERE t."id" = k."id" AND t."status" = k."status" AND t."last_activity_at" = k."last_activity_at"
         RETURNING t.*, k."status" AS "previous_status", k."window_ms"
       ),
       history AS (
         INSERT INTO "tickets"."history" ("ticket_id", "actor_kind", "actor_id", "actor_name", "action", "details", "created_at")
         SELECT c."id", 'system', NULL, '${AUTO_CLOSE_ACTOR_NAME}', 'status_changed',
                jsonb_build_object('status', jsonb_build_object('from', c."previous_status", 'to', 'closed'),
                                   'reason', 'auto', 'windowMs', c."window_ms", 'windowDays', ${WINDOW_DAYS}),
                $1::timestamptz
           FROM closed c
       ),
       events AS (
         INSERT INTO "tickets"."outbox" ("event_id", "name", "payload", "correlation_id")
         SELECT gen_random_uuid(), '${TicketEvents.Closed}',
                jsonb_build_object(
                  'ticket', ${TICKET_FACTS},
                  'actor', ${ACTOR},
                  'changes', jsonb_build_object('status', jsonb_build_object('from', c."previous_status", 'to', 'closed')),
                  'reason', 'auto',
                  'autoClose', jsonb_build_object('windowMs', c."window_ms", 'windowDays', ${WINDOW_DAYS},
                                                  'closesAt', $9::text, 'daysLeft', 0)),
                $10::text
           FROM closed c JOIN "tickets"."departments" d ON d."id" = c."department_id"
       )
       SELECT (SELECT count(*) FROM candidates)::int AS "selected", (SELECT count(*) FROM closed)::int AS "changed"`,
      [
        batch.asOf,
        departments.map((department) => department.departmentId),
        departments.map((department) => department.windowMs),
        departments.map((department) => department.closeIfActiveBefore),
        departments.map((department) => department.remind),
        batch.statuses,
        new Date(batch.asOf.getTime() - batch.reminderBeforeMs),
        batch.batchSize,
        batch.asOf.toISOString(),
        currentCorrelationId() ?? null,
      ],
    );
    return row;
  }

  /**
   * Marks up to `batchSize` tickets entering their reminder period, not reminded since their
   * last activity, and queues `ticket.auto-close-reminder` for each (no history entry: a
   * reminder changes nothing on the ticket).
   */
  async remindBatch(batch: SweepBatch): Promise<BatchOutcome> {
    const departments = batch.departments.filter((department) => department.remind);
    const [row]: BatchOutcome[] = await this.dataSource.query(
      `WITH policy AS (
         SELECT * FROM unnest($2::integer[], $3::bigint[], $4::timestamptz[])
                    AS p("department_id", "window_ms", "remind_before")
       ),
       candidates AS (
         SELECT t."id", t."status", t."last_activity_at", p."window_ms"
           FROM policy p
          CROSS JOIN unnest($5::"tickets"."ticket_status"[]) AS s("status")
          CROSS JOIN LATERAL (
                SELECT t."id", t."status", t."last_activity_at"
                  FROM "tickets"."tickets" t
                 WHERE t."department_id" = p."department_id"
                   AND t."status" = s."status"
                   AND t."status" <> 'closed'
                   AND t."last_activity_at" <= p."remind_before"
                   AND (t."auto_close_reminded_at" IS NULL OR t."auto_close_reminded_at" < t."last_activity_at")
                 ORDER BY t."last_activity_at"
                 LIMIT $6
                   FOR UPDATE OF t SKIP LOCKED) t
          LIMIT $6
       ),
       reminded AS (
         UPDATE "tickets"."tickets" t
            SET "auto_close_reminded_at" = $1::timestamptz
           FROM candidates k
          WHERE t."id" = k."id" AND t."status" = k."status" AND t."last_activity_at" = k."last_activity_at"
         RETURNING t.*, k."window_ms",
                   greatest(t."last_activity_at" + k."window_ms" * interval '1 millisecond',
                            $1::timestamptz + $7::bigint * interval '1 millisecond') AS "closes_at"
       ),
       events AS (
         INSERT INTO "tickets"."outbox" ("event_id", "name", "payload", "correlation_id")
         SELECT gen_random_uuid(), '${TicketEvents.AutoCloseReminder}',
                jsonb_build_object(
                  'ticket', ${TICKET_FACTS},
                  'actor', ${ACTOR},
                  'reason', 'auto',
                  'autoClose', jsonb_build_object(
                    'windowMs', c."window_ms", 'windowDays', ${WINDOW_DAYS}, 'closesAt', ${ISO('c."closes_at"')},
                    'daysLeft', ceil(extract(epoch FROM c."closes_at" - $1::timestamptz) / 86400)::int)),
                $8::text
           FROM reminded c JOIN "tickets"."departments" d ON d."id" = c."department_id"
       )
       SELECT (SELECT count(*) FROM candidates)::int AS "selected", (SELECT count(*) FROM reminded)::int AS "changed"`,
      [
        batch.asOf,
        departments.map((department) => department.departmentId),
        departments.map((department) => department.windowMs),
        departments.map((department) => department.remindIfActiveBefore),
        batch.statuses,
        batch.batchSize,
        batch.reminderBeforeMs,
        currentCorrelationId() ?? null,
      ],
    );
    return row;
  }
}
