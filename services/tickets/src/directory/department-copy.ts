import { EntityManager } from 'typeorm';

/** A department as access describes it (DepartmentView, department.updated). */
export interface DepartmentCopy {
  id: number;
  name: string;
  /** Absent (events older than auto-close): keep what the copy holds. */
  autoCloseDays?: number | null;
  /** Absent: apply regardless of age. */
  updatedAt?: string;
}

/**
 * Inserts or refreshes the tickets service's copy of a department. A description older than
 * the copy is ignored (events can arrive out of order, and a ticket may be created from a
 * DepartmentView fetched before a change). The upsert locks the row even when it writes
 * nothing: callers on a hot path check the copy first (TicketWriter.rememberDepartment).
 */
export async function saveDepartmentCopy(manager: EntityManager, department: DepartmentCopy): Promise<void> {
  const hasWindow = department.autoCloseDays !== undefined;
  await manager.query(
    `INSERT INTO "tickets"."departments" AS d ("id", "name", "auto_close_days", "source_updated_at")
     VALUES ($1, $2, $3, $4)
     ON CONFLICT ("id") DO UPDATE SET
       "name" = EXCLUDED."name",
       "auto_close_days" = CASE WHEN $5::boolean THEN EXCLUDED."auto_close_days" ELSE d."auto_close_days" END,
       "source_updated_at" = COALESCE(EXCLUDED."source_updated_at", d."source_updated_at")
     WHERE (d."source_updated_at" IS NULL OR EXCLUDED."source_updated_at" IS NULL
            OR d."source_updated_at" <= EXCLUDED."source_updated_at")
       AND (d."name" <> EXCLUDED."name"
            OR ($5::boolean AND d."auto_close_days" IS DISTINCT FROM EXCLUDED."auto_close_days")
            OR d."source_updated_at" IS DISTINCT FROM COALESCE(EXCLUDED."source_updated_at", d."source_updated_at"))`,
    [
      department.id,
      department.name,
      hasWindow ? department.autoCloseDays : null,
      department.updatedAt ?? null,
      hasWindow,
    ],
  );
}
