import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per inbound message and target (a message to two tickets' addresses is two rows), from
 * the SMTP answer to what became of it. The raw source is in S3 (`raw_key`). A message is
 * recognised when delivered again by (`dedupe_key`, `route_key`): its Message-ID (or SHA-256)
 * and where it goes; refusals carry no dedupe key, so a refused message may be sent again.
 */
export class CreateMailIngressSchema1796342400000 implements MigrationInterface {
  name = 'CreateMailIngressSchema1796342400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(`
      CREATE TABLE "mail_ingress"."inbound_messages" (
        "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "received_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        "remote_address" text,
        "envelope_from" text NOT NULL,
        "envelope_to" text[] NOT NULL,
        "header_from" text,
        "subject" text,
        "message_id" text,
        "dedupe_key" text,
        "route" text NOT NULL CHECK ("route" IN ('token', 'thread', 'subject_tag', 'department', 'none')),
        "route_key" text,
        "ticket_id" bigint,
        "department_id" integer,
        "author_kind" text CHECK ("author_kind" IN ('staff', 'client')),
        "author_id" integer,
        "as_note" boolean NOT NULL DEFAULT false,
        "note_from" text,
        "raw_key" text,
        "size" bigint NOT NULL DEFAULT 0,
        "sha256" text,
        "state" text NOT NULL
          CHECK ("state" IN ('received', 'processing', 'added', 'ignored', 'refused', 'failed')),
        "reason" text,
        "detail" text,
        "added_message_id" bigint,
        "attachment_ids" bigint[],
        "dropped_attachments" jsonb NOT NULL DEFAULT '[]',
        "attempts" integer NOT NULL DEFAULT 0,
        "lease_until" timestamptz(3),
        CONSTRAINT "inbound_messages_dedupe_key" UNIQUE ("dedupe_key", "route_key")
      )`);
    await run(`CREATE INDEX "inbound_messages_ticket_idx" ON "mail_ingress"."inbound_messages" ("ticket_id", "id")`);
    await run(`CREATE INDEX "inbound_messages_state_idx" ON "mail_ingress"."inbound_messages" ("state", "id")`);
    await run(
      `CREATE INDEX "inbound_messages_route_recent_idx" ON "mail_ingress"."inbound_messages" ("route_key", "received_at")
        WHERE "route_key" IS NOT NULL`,
    );
    await run(
      `CREATE INDEX "inbound_messages_pending_idx" ON "mail_ingress"."inbound_messages" ("updated_at")
        WHERE "state" IN ('received', 'processing')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "mail_ingress"."inbound_messages"`);
  }
}
