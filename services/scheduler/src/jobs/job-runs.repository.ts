import { Injectable } from '@nestjs/common';
import { JobOutcome } from '@helpdesk/contracts';
import { DataSource } from 'typeorm';

import { RunSummary } from './job-counts';

export interface JobRow {
  name: string;
  runs: string;
  succeeded: string;
  failed: string;
  counts: Record<string, number>;
  last_succeeded_at: Date | null;
  run_started_at: Date | null;
  run_finished_at: Date | null;
  run_outcome: JobOutcome | null;
  run_message: string | null;
  run_counts: Record<string, number> | null;
  run_replica: string | null;
  running_since: Date | null;
}

export const ABANDONED_MESSAGE = 'abandoned: the scheduler replica running it stopped before it finished';

/** `scheduler.jobs` (claims and totals) and `scheduler.job_runs` (the log). Call with the job's lock held. */
@Injectable()
export class JobRunsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records the start of a run, unless one started less than `minGapMs` ago (on any replica:
   * the replicas' timers are not aligned, and each tick of the schedule needs one run only).
   * Runs still marked running belong to a replica that died holding the lock: they are closed
   * as failed. Returns the new run's id, or null when it is not due.
   */
  async start(job: string, replica: string, minGapMs: number): Promise<string | null> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO "scheduler"."jobs" ("name") VALUES ($1) ON CONFLICT ("name") DO NOTHING`, [job]);
      const [{ due }]: { due: boolean }[] = await manager.query(
        `SELECT ("last_started_at" IS NULL OR "last_started_at" <= clock_timestamp() - $2 * interval '1 millisecond') AS "due"
           FROM "scheduler"."jobs" WHERE "name" = $1 FOR UPDATE`,
        [job, minGapMs],
      );
      if (!due) {
        return null;
      }
      // UPDATE answers [rows, affected].
      const [, abandoned]: [unknown, number] = await manager.query(
        `UPDATE "scheduler"."job_runs" SET "outcome" = 'failed', "finished_at" = clock_timestamp(), "message" = $2
          WHERE "job" = $1 AND "outcome" = 'running'`,
        [job, ABANDONED_MESSAGE],
      );
      const [[run]]: [{ id: string }[], number] = await manager.query(
        `WITH run AS (
           INSERT INTO "scheduler"."job_runs" ("job", "replica", "started_at", "outcome")
           VALUES ($1, $2, clock_timestamp(), 'running') RETURNING "id", "started_at"
         )
         UPDATE "scheduler"."jobs" j
            SET "last_started_at" = run."started_at", "runs" = j."runs" + 1, "failed" = j."failed" + $3
           FROM run WHERE j."name" = $1
         RETURNING run."id"`,
        [job, replica, abandoned],
      );
      return String(run.id);
    });
  }

  /** Records how the run ended and adds it to the job's totals. */
  async finish(job: string, runId: string, summary: RunSummary): Promise<void> {
    await this.dataSource.query(
      `WITH run AS (
         UPDATE "scheduler"."job_runs" SET "finished_at" = clock_timestamp(), "outcome" = $3, "message" = $4, "counts" = $5
          WHERE "id" = $2 RETURNING "finished_at"
       )
       UPDATE "scheduler"."jobs" j
          SET "succeeded" = j."succeeded" + CASE WHEN $3 = 'ok' THEN 1 ELSE 0 END,
              "failed" = j."failed" + CASE WHEN $3 = 'ok' THEN 0 ELSE 1 END,
              "last_succeeded_at" = CASE WHEN $3 = 'ok' THEN run."finished_at" ELSE j."last_succeeded_at" END,
              "counts" = (SELECT COALESCE(jsonb_object_agg("key", "total"), '{}'::jsonb)
                            FROM (SELECT "key", sum("value"::numeric) AS "total"
                                    FROM (SELECT * FROM jsonb_each_text(j."counts")
                                          UNION ALL SELECT * FROM jsonb_each_text($5::jsonb)) e
                                   GROUP BY "key") s)
         FROM run
        WHERE j."name" = $1`,
      [job, runId, summary.ok ? JobOutcome.Ok : JobOutcome.Failed, summary.message, JSON.stringify(summary.counts)],
    );
  }

  /** Every job's totals, latest finished run, and the start of a run in progress. */
  list(): Promise<JobRow[]> {
    return this.dataSource.query(
      `SELECT j."name", j."runs", j."succeeded", j."failed", j."counts", j."last_succeeded_at",
              r."started_at" AS "run_started_at", r."finished_at" AS "run_finished_at", r."outcome" AS "run_outcome",
              r."message" AS "run_message", r."counts" AS "run_counts", r."replica" AS "run_replica",
              running."started_at" AS "running_since"
         FROM "scheduler"."jobs" j
         LEFT JOIN LATERAL (
              SELECT * FROM "scheduler"."job_runs" r
               WHERE r."job" = j."name" AND r."outcome" <> 'running' ORDER BY r."started_at" DESC LIMIT 1) r ON true
         LEFT JOIN LATERAL (
              SELECT "started_at" FROM "scheduler"."job_runs" r
               WHERE r."job" = j."name" AND r."outcome" = 'running' ORDER BY r."started_at" DESC LIMIT 1) running ON true`,
    );
  }

  /** Deletes runs that started more than `retainMs` ago; totals keep counting them. */
  async prune(retainMs: number): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM "scheduler"."job_runs" WHERE "started_at" < clock_timestamp() - $1 * interval '1 millisecond'`,
      [retainMs],
    );
  }
}
