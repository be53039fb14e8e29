import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inbound mail per department: its own address (mail to it from a known client opens a ticket;
 * unique, stored in lower case) and what an email reply to a closed ticket does.
 */
export class AddDepartmentMailSettings1796342400000 implements MigrationInterface {
  name = 'AddDepartmentMailSettings1796342400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(`ALTER TABLE "access"."departments" ADD COLUMN "email" text CHECK ("email" = lower("email"))`);
    await run(
      `CREATE UNIQUE INDEX "departments_email_key" ON "access"."departments" ("email") WHERE "email" IS NOT NULL`,
    );
    await run(
      `ALTER TABLE "access"."departments" ADD COLUMN "reply_to_closed_policy" text NOT NULL DEFAULT 'reopen'
         CHECK ("reply_to_closed_policy" IN ('reopen', 'new_ticket_after_days', 'refuse'))`,
    );
    await run(
      `ALTER TABLE "access"."departments" ADD COLUMN "reopen_within_days" integer CHECK ("reopen_within_days" >= 1)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "access"."departments_email_key"`);
    for (const column of ['reopen_within_days', 'reply_to_closed_policy', 'email']) {
      await queryRunner.query(`ALTER TABLE "access"."departments" DROP COLUMN "${column}"`);
    }
  }
}
