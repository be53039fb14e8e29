import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who has a ticket open (issue 20): one row per ticket and staff member, renewed by each
 * heartbeat. Rows past `expires_at` count as gone; the sweep deletes them by the index.
 */
export class CreatePresence1797800000000 implements MigrationInterface {
  name = 'CreatePresence1797800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "tickets"."presence" (
         "ticket_id" bigint NOT NULL REFERENCES "tickets"."tickets" ("id") ON DELETE CASCADE,
         "staff_id" integer NOT NULL,
         "staff_name" text NOT NULL,
         "state" text NOT NULL,
         "since" timestamptz NOT NULL,
         "expires_at" timestamptz NOT NULL,
         PRIMARY KEY ("ticket_id", "staff_id")
       )`,
    );
    await queryRunner.query(`CREATE INDEX "presence_expires_at" ON "tickets"."presence" ("expires_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "tickets"."presence"`);
  }
}
