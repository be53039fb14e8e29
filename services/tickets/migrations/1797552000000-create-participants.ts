import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People on a ticket besides its client and assignee: CCs (an address, always backed by a client
 * account so that each has its own reply token) and followers (staff). Removing one stamps
 * `removed_at` and keeps the row; at most one current row per CC address or follower. Mentions
 * of staff in notes, for GET /api/me/mentions.
 */
export class CreateParticipants1797552000000 implements MigrationInterface {
  name = 'CreateParticipants1797552000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(`
      CREATE TABLE "tickets"."participants" (
        "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "ticket_id" bigint NOT NULL REFERENCES "tickets"."tickets" ("id") ON DELETE CASCADE,
        "kind" text NOT NULL CHECK ("kind" IN ('cc', 'follower')),
        "email" text CHECK ("email" = lower("email")),
        "name" text NOT NULL,
        "client_id" integer,
        "staff_id" integer,
        "added_by_kind" text NOT NULL,
        "added_by_id" integer,
        "added_by_name" text NOT NULL,
        "added_via" text NOT NULL CHECK ("added_via" IN ('web', 'email', 'api')),
        "added_at" timestamptz NOT NULL,
        "removed_at" timestamptz,
        CHECK (("kind" = 'cc' AND "email" IS NOT NULL AND "client_id" IS NOT NULL)
            OR ("kind" = 'follower' AND "staff_id" IS NOT NULL))
      )`);
    await run(
      `CREATE UNIQUE INDEX "participants_current_cc_key" ON "tickets"."participants" ("ticket_id", "email")
         WHERE "kind" = 'cc' AND "removed_at" IS NULL`,
    );
    await run(
      `CREATE UNIQUE INDEX "participants_current_follower_key" ON "tickets"."participants" ("ticket_id", "staff_id")
         WHERE "kind" = 'follower' AND "removed_at" IS NULL`,
    );
    await run(
      `CREATE INDEX "participants_cc_client_idx" ON "tickets"."participants" ("client_id", "ticket_id")
         WHERE "kind" = 'cc' AND "removed_at" IS NULL`,
    );
    await run(`
      CREATE TABLE "tickets"."mentions" (
        "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "ticket_id" bigint NOT NULL REFERENCES "tickets"."tickets" ("id") ON DELETE CASCADE,
        "message_id" bigint NOT NULL REFERENCES "tickets"."messages" ("id") ON DELETE CASCADE,
        "staff_id" integer NOT NULL,
        "by_name" text NOT NULL,
        "created_at" timestamptz NOT NULL,
        UNIQUE ("message_id", "staff_id")
      )`);
    await run(`CREATE INDEX "mentions_staff_idx" ON "tickets"."mentions" ("staff_id", "created_at" DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "tickets"."mentions"`);
    await queryRunner.query(`DROP TABLE "tickets"."participants"`);
  }
}
