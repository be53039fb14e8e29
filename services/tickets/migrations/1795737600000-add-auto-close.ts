import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Auto-close: each department's window in the projection of departments, when the ticket was
 * last reminded, and the index the sweep walks (one range per department and status, oldest
 * activity first; partial, so it holds only tickets that are still open in some way).
 */
export class AddAutoClose1795737600000 implements MigrationInterface {
  name = 'AddAutoClose1795737600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(
      `ALTER TABLE "tickets"."departments" ADD COLUMN "auto_close_days" integer CHECK ("auto_close_days" >= 0)`,
    );
    // The access service's updatedAt of the copy, so an older department.updated never overwrites a newer one.
    await run(`ALTER TABLE "tickets"."departments" ADD COLUMN "source_updated_at" timestamptz`);
    await run(`ALTER TABLE "tickets"."tickets" ADD COLUMN "auto_close_reminded_at" timestamptz(3)`);
    await run(
      `CREATE INDEX "tickets_auto_close_idx" ON "tickets"."tickets" ("department_id", "status", "last_activity_at")
        WHERE "status" <> 'closed'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "tickets"."tickets_auto_close_idx"`);
    await queryRunner.query(`ALTER TABLE "tickets"."tickets" DROP COLUMN "auto_close_reminded_at"`);
    await queryRunner.query(`ALTER TABLE "tickets"."departments" DROP COLUMN "source_updated_at"`);
    await queryRunner.query(`ALTER TABLE "tickets"."departments" DROP COLUMN "auto_close_days"`);
  }
}
