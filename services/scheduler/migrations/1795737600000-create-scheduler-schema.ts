import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The scheduler's own record of its jobs: one row per job (claims and totals, shared by the
 * replicas) and one per run (the recent log, pruned after JOB_RUNS_RETAIN).
 */
export class CreateSchedulerSchema1795737600000 implements MigrationInterface {
  name = 'CreateSchedulerSchema1795737600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "scheduler"."jobs" (
        "name" text PRIMARY KEY,
        "last_started_at" timestamptz,
        "last_succeeded_at" timestamptz,
        "runs" bigint NOT NULL DEFAULT 0,
        "succeeded" bigint NOT NULL DEFAULT 0,
        "failed" bigint NOT NULL DEFAULT 0,
        "counts" jsonb NOT NULL DEFAULT '{}'
      )`);
    await queryRunner.query(`
      CREATE TABLE "scheduler"."job_runs" (
        "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "job" text NOT NULL,
        "replica" text NOT NULL,
        "started_at" timestamptz NOT NULL,
        "finished_at" timestamptz,
        "outcome" text NOT NULL CHECK ("outcome" IN ('running', 'ok', 'failed')),
        "message" text,
        "counts" jsonb NOT NULL DEFAULT '{}'
      )`);
    await queryRunner.query(`CREATE INDEX "job_runs_job_idx" ON "scheduler"."job_runs" ("job", "started_at")`);
    await queryRunner.query(`CREATE INDEX "job_runs_started_idx" ON "scheduler"."job_runs" ("started_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "scheduler"."job_runs"`);
    await queryRunner.query(`DROP TABLE "scheduler"."jobs"`);
  }
}
