import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Self-registered addresses are confirmed before the account signs in: credentials gain
 * `email_verified_at` (every existing account counts as confirmed: staff and admins created
 * them, or they predate confirmation). Each confirmation or password-reset request is a row,
 * also those for unknown addresses (nothing is mailed, but they count against the limits per
 * address and per remote address); a mailed link keeps only a SHA-256 of its token.
 */
export class CreateAccountMailRequests1797600000000 implements MigrationInterface {
  name = 'CreateAccountMailRequests1797600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(`ALTER TABLE "access"."credentials" ADD COLUMN "email_verified_at" timestamptz`);
    await run(`UPDATE "access"."credentials" SET "email_verified_at" = now()`);
    await run(
      `CREATE TABLE "access"."account_mail_requests" (
         "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
         "purpose" text NOT NULL,
         "email" text NOT NULL,
         "remote_address" text NOT NULL,
         "subject_kind" text,
         "subject_id" integer,
         "token_hash" bytea,
         "expires_at" timestamptz,
         "used_at" timestamptz,
         "created_at" timestamptz NOT NULL DEFAULT now()
       )`,
    );
    await run(
      `CREATE UNIQUE INDEX "account_mail_requests_token" ON "access"."account_mail_requests" ("token_hash")
         WHERE "token_hash" IS NOT NULL`,
    );
    await run(`CREATE INDEX "account_mail_requests_email" ON "access"."account_mail_requests" ("email", "created_at")`);
    await run(
      `CREATE INDEX "account_mail_requests_remote_address" ON "access"."account_mail_requests" ("remote_address", "created_at")`,
    );
    await run(`CREATE INDEX "account_mail_requests_created" ON "access"."account_mail_requests" ("created_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "access"."account_mail_requests"`);
    await queryRunner.query(`ALTER TABLE "access"."credentials" DROP COLUMN "email_verified_at"`);
  }
}
