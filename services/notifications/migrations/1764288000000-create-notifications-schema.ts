import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateNotificationsSchema1764288000000 implements MigrationInterface {
  name = 'CreateNotificationsSchema1764288000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(`
      CREATE TABLE "notifications"."processed_events" (
        "event_id" uuid PRIMARY KEY,
        "processed_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await run(`
      CREATE TABLE "notifications"."mail_threads" (
        "ticket_id" bigint NOT NULL,
        "recipient_kind" text NOT NULL CHECK ("recipient_kind" IN ('staff', 'client')),
        "recipient_id" integer NOT NULL,
        "root_message_id" text NOT NULL,
        "recent_message_ids" text[] NOT NULL,
        "mail_count" integer NOT NULL,
        "started_at" timestamptz(3) NOT NULL,
        PRIMARY KEY ("ticket_id", "recipient_kind", "recipient_id")
      )`);
    await run(`
      CREATE TABLE "notifications"."outgoing_mails" (
        "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "event_id" uuid NOT NULL,
        "event_name" text NOT NULL,
        "kind" text NOT NULL,
        "ticket_id" bigint NOT NULL,
        "recipient_kind" text NOT NULL CHECK ("recipient_kind" IN ('staff', 'client')),
        "recipient_id" integer NOT NULL,
        "recipient_name" text NOT NULL,
        "recipient_email" text NOT NULL,
        "subject" text NOT NULL,
        "message_id" text NOT NULL UNIQUE,
        "in_reply_to" text,
        "reference_ids" text[] NOT NULL DEFAULT '{}',
        "reply_to" text NOT NULL,
        "headers" jsonb NOT NULL DEFAULT '{}',
        "text_body" text NOT NULL,
        "html_body" text NOT NULL,
        "state" text NOT NULL DEFAULT 'pending' CHECK ("state" IN ('pending', 'sent', 'failed')),
        "attempts" integer NOT NULL DEFAULT 0,
        "next_attempt_at" timestamptz(3) NOT NULL DEFAULT now(),
        "last_error" text,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "sent_at" timestamptz(3),
        CONSTRAINT "outgoing_mails_event_recipient_key" UNIQUE ("event_id", "recipient_kind", "recipient_id")
      )`);
    await run(
      `CREATE INDEX "outgoing_mails_due_idx" ON "notifications"."outgoing_mails" ("next_attempt_at") WHERE "state" = 'pending'`,
    );
    await run(`CREATE INDEX "outgoing_mails_ticket_idx" ON "notifications"."outgoing_mails" ("ticket_id", "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['outgoing_mails', 'mail_threads', 'processed_events']) {
      await queryRunner.query(`DROP TABLE "notifications"."${table}"`);
    }
  }
}
