import { Injectable } from '@nestjs/common';
import { AutoCloseFacts, EventActor, TicketPriority, TicketStatus } from '@helpdesk/contracts';
import { DataSource } from 'typeorm';

import { autoClosed, autoCloseReminded, Happening } from '../ticket-writes/ticket-happenings';
import { TicketRecord, TicketTransactions } from '../ticket-writes/ticket-writer';
import { DAY_MS, DepartmentSweep, DepartmentWindowSource } from './auto-close-policy';

/** The actor history and events name for what the sweep does. */
export const AUTO_CLOSE_ACTOR_NAME = 'Auto-close';
const AUTO_CLOSE_ACTOR: EventActor = { kind: 'system', id: null, name: AUTO_CLOSE_ACTOR_NAME };

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

/**
 * One row of a batch statement: how many candidates it locked, and (when it changed one) the
 * ticket as it is now, in the columns its events name. A batch that changed nothing is one row
 * of nulls besides `selected`.
 */
interface SweptRow {
  selected: number;
  id: string | null;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  departmentId: number;
  departmentName: string;
  clientId: number;
  clientName: string;
  assigneeId: number | null;
  assigneeName: string;
  requesterVerified: boolean;
  createdAt: Date;
  lastActivityAt: Date;
  writtenTo: string | null;
  previousStatus: TicketStatus;
  windowMs: string;
  /** Reminders only: when the ticket will close. */
  closesAt?: Date;
}

/* The columns of a changed row `c` (and its department `d`) that SweptRow reads. */
const SWEPT_COLUMNS = `c."id", c."subject", c."status", c."priority", c."department_id" AS "departmentId",
  d."name" AS "departmentName", c."client_id" AS "clientId", c."client_name" AS "clientName",
  c."assignee_id" AS "assigneeId", c."assignee_name" AS "assigneeName", c."requester_verified" AS "requesterVerified",
  c."created_at" AS "createdAt", c."last_activity_at" AS "lastActivityAt", c."written_to" AS "writtenTo",
  c."previous_status" AS "previousStatus", c."window_ms" AS "windowMs"`;

/**
 * The sweep's statements. Each batch is one transaction of three statements, whatever its size:
 * one that locks candidates with SKIP LOCKED (a ticket another transaction is changing is left
 * for the next sweep, and two sweeps never take the same ticket) and changes only rows unchanged
 * since they were selected; the rows its UPDATE … RETURNING gives feed TicketWriter.recordAll,
 * which writes their history (one INSERT) and outbox events (one INSERT) as it does for every
 * other write to a ticket.
 * Each (department, status) pair is walked on its own range of `tickets_auto_close_idx`
 * (department_id, status, last_activity_at), oldest first, by a plain index scan that stops at
 * the batch size: tickets that are not due (a longer window, auto-close off) are never read,
 * and the entries of rows closed by earlier batches are marked dead as the scan passes them.
 */
@Injectable()
export class AutoCloseRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TicketTransactions,
  ) {}

  departments(): Promise<DepartmentWindowSource[]> {
    return this.dataSource.query(`SELECT "id", "auto_close_days" AS "autoCloseDays" FROM "tickets"."departments"`);
  }

  /** Closes up to `batchSize` tickets that are due: status_changed history and `ticket.closed` for each. */
  closeBatch(batch: SweepBatch): Promise<BatchOutcome> {
    const departments = batch.departments;
    return this.sweepBatch(
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
       )
       SELECT n."selected", ${SWEPT_COLUMNS}
         FROM (SELECT count(*)::int AS "selected" FROM candidates) n
         LEFT JOIN (closed c JOIN "tickets"."departments" d ON d."id" = c."department_id") ON true`,
      [
        batch.asOf,
        departments.map((department) => department.departmentId),
        departments.map((department) => department.windowMs),
        departments.map((department) => department.closeIfActiveBefore),
        departments.map((department) => department.remind),
        batch.statuses,
        new Date(batch.asOf.getTime() - batch.reminderBeforeMs),
        batch.batchSize,
      ],
      batch.asOf,
      (row) => autoClosed(row.previousStatus, autoCloseFacts(Number(row.windowMs), batch.asOf, batch.asOf)),
    );
  }

  /**
   * Marks up to `batchSize` tickets entering their reminder period, not reminded since their
   * last activity, and queues `ticket.auto-close-reminder` for each (no history entry: a
   * reminder changes nothing on the ticket).
   */
  remindBatch(batch: SweepBatch): Promise<BatchOutcome> {
    const departments = batch.departments.filter((department) => department.remind);
    return this.sweepBatch(
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
         RETURNING t.*, k."status" AS "previous_status", k."window_ms",
                   greatest(t."last_activity_at" + k."window_ms" * interval '1 millisecond',
                            $1::timestamptz + $7::bigint * interval '1 millisecond') AS "closes_at"
       )
       SELECT n."selected", ${SWEPT_COLUMNS}, c."closes_at" AS "closesAt"
         FROM (SELECT count(*)::int AS "selected" FROM candidates) n
         LEFT JOIN (reminded c JOIN "tickets"."departments" d ON d."id" = c."department_id") ON true`,
      [
        batch.asOf,
        departments.map((department) => department.departmentId),
        departments.map((department) => department.windowMs),
        departments.map((department) => department.remindIfActiveBefore),
        batch.statuses,
        batch.batchSize,
        batch.reminderBeforeMs,
      ],
      batch.asOf,
      (row) => autoCloseReminded(autoCloseFacts(Number(row.windowMs), row.closesAt as Date, batch.asOf)),
    );
  }

  /** One batch in one transaction: the statement, then history and events through the one write path. */
  private sweepBatch(
    sql: string,
    parameters: unknown[],
    at: Date,
    happening: (row: SweptRow & { id: string }) => Happening,
  ): Promise<BatchOutcome> {
    return this.transactions.run(async (writer) => {
      const rows: SweptRow[] = await writer.manager.query(sql, parameters);
      const changed = rows.filter((row): row is SweptRow & { id: string } => row.id !== null);
      const records: TicketRecord[] = changed.map((row) => ({
        ticket: { ...row, id: Number(row.id) },
        departmentName: row.departmentName,
        happenings: [happening(row)],
      }));
      await writer.recordAll(records, { principal: AUTO_CLOSE_ACTOR, at });
      return { selected: rows[0]?.selected ?? 0, changed: changed.length };
    });
  }
}

/** The window that applied, as events carry it; `daysLeft` counts whole days from `asOf`, rounded up. */
function autoCloseFacts(windowMs: number, closesAt: Date, asOf: Date): AutoCloseFacts {
  return {
    windowMs,
    windowDays: Math.round((windowMs / DAY_MS) * 1000) / 1000,
    closesAt: closesAt.toISOString(),
    daysLeft: Math.max(0, Math.ceil((closesAt.getTime() - asOf.getTime()) / DAY_MS)),
  };
}
