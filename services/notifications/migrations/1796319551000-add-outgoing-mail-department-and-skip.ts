import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff mail is checked again right before it is sent: each mail keeps the department its ticket
 * was in (null on mails recorded before), and a mail whose recipient lost access is `skipped`
 * with the reason.
 */
export class AddOutgoingMailDepartmentAndSkip1796319551000 implements MigrationInterface {
  name = 'AddOutgoingMailDepartmentAndSkip1796319551000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(`ALTER TABLE "notifications"."outgoing_mails" ADD COLUMN "department_id" integer`);
    await run(`ALTER TABLE "notifications"."outgoing_mails" ADD COLUMN "skip_reason" text`);
    await run(`ALTER TABLE "notifications"."outgoing_mails" DROP CONSTRAINT "outgoing_mails_state_check"`);
    await run(
      `ALTER TABLE "notifications"."outgoing_mails" ADD CONSTRAINT "outgoing_mails_state_check"
         CHECK ("state" IN ('pending', 'sent', 'failed', 'skipped'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(`DELETE FROM "notifications"."outgoing_mails" WHERE "state" = 'skipped'`);
    await run(`ALTER TABLE "notifications"."outgoing_mails" DROP CONSTRAINT "outgoing_mails_state_check"`);
    await run(
      `ALTER TABLE "notifications"."outgoing_mails" ADD CONSTRAINT "outgoing_mails_state_check"
         CHECK ("state" IN ('pending', 'sent', 'failed'))`,
    );
    await run(`ALTER TABLE "notifications"."outgoing_mails" DROP COLUMN "skip_reason"`);
    await run(`ALTER TABLE "notifications"."outgoing_mails" DROP COLUMN "department_id"`);
  }
}
