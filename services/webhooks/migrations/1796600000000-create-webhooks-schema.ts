import { outboxTableSql } from '@helpdesk/outbox';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks and their delivery log. A delivery's body is stored as sent (the signature covers
 * those exact bytes); `seq` orders the deliveries of one ticket, which go out one at a time.
 * The outbox carries `webhook.disabled`, committed with the change that turns a webhook off.
 */
export class CreateWebhooksSchema1796600000000 implements MigrationInterface {
  name = 'CreateWebhooksSchema1796600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "webhooks"."webhooks" (
        "id" integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "url" text NOT NULL,
        "events" text[] NOT NULL,
        "department_ids" integer[] NOT NULL DEFAULT '{}',
        "include_notes" boolean NOT NULL DEFAULT false,
        "active" boolean NOT NULL DEFAULT true,
        "disabled_reason" text,
        "consecutive_dead" integer NOT NULL DEFAULT 0,
        "secret" text NOT NULL,
        "previous_secret" text,
        "previous_secret_expires_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "webhooks"."deliveries" (
        "id" uuid PRIMARY KEY,
        "seq" bigint GENERATED ALWAYS AS IDENTITY,
        "webhook_id" integer NOT NULL REFERENCES "webhooks"."webhooks" ("id") ON DELETE CASCADE,
        "source_event_id" text,
        "event" text NOT NULL,
        "ticket_id" integer,
        "body" text NOT NULL,
        "status" text NOT NULL CHECK ("status" IN ('pending', 'succeeded', 'failed', 'dead')),
        "attempts" integer NOT NULL DEFAULT 0,
        "next_attempt_at" timestamptz,
        "leased_until" timestamptz,
        "retry_window_started_at" timestamptz NOT NULL,
        "last_attempt_at" timestamptz,
        "response_code" integer,
        "response_body" text,
        "duration_ms" integer,
        "error" text,
        "request_headers" jsonb,
        "occurred_at" timestamptz NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        UNIQUE ("webhook_id", "source_event_id")
      )`);
    await queryRunner.query(`
      CREATE INDEX "deliveries_due_idx" ON "webhooks"."deliveries" ("next_attempt_at")
        WHERE "status" IN ('pending', 'failed')`);
    await queryRunner.query(`
      CREATE INDEX "deliveries_ticket_open_idx" ON "webhooks"."deliveries" ("webhook_id", "ticket_id", "seq")
        WHERE "status" IN ('pending', 'failed')`);
    await queryRunner.query(`
      CREATE INDEX "deliveries_log_idx" ON "webhooks"."deliveries" ("webhook_id", "created_at" DESC, "seq" DESC)`);
    for (const statement of outboxTableSql('webhooks')) {
      await queryRunner.query(statement);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "webhooks"."outbox"`);
    await queryRunner.query(`DROP TABLE "webhooks"."deliveries"`);
    await queryRunner.query(`DROP TABLE "webhooks"."webhooks"`);
  }
}
