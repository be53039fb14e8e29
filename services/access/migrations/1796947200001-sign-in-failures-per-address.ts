import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed sign-ins counted per account and address instead of per account: someone guessing
 * from one address can no longer lock the account's owner out everywhere else.
 */
export class SignInFailuresPerAddress1796947200001 implements MigrationInterface {
  name = 'SignInFailuresPerAddress1796947200001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(
      `CREATE TABLE "access"."sign_in_failures" (
         "email" text NOT NULL,
         "address" text NOT NULL,
         "failures" integer NOT NULL,
         "last_failed_at" timestamptz NOT NULL,
         "locked_until" timestamptz,
         PRIMARY KEY ("email", "address")
       )`,
    );
    await run(`CREATE INDEX "sign_in_failures_address" ON "access"."sign_in_failures" ("address", "last_failed_at")`);
    await run(`ALTER TABLE "access"."credentials" DROP COLUMN "failed_attempts", DROP COLUMN "locked_until"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "access"."credentials" ADD COLUMN "failed_attempts" integer NOT NULL DEFAULT 0,
         ADD COLUMN "locked_until" timestamptz`,
    );
    await queryRunner.query(`DROP TABLE "access"."sign_in_failures"`);
  }
}
