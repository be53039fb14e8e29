import { outboxTableSql } from '@helpdesk/outbox';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** Indexes of the list: one per sort key, led by department_id (see ticket-list.query.ts). */
const LIST_SORT_COLUMNS = ['last_activity_at', 'subject', 'client_name', 'status', 'priority', 'assignee_name'];

export class CreateTicketsSchema1764201600000 implements MigrationInterface {
  name = 'CreateTicketsSchema1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(
      `CREATE TYPE "tickets"."ticket_status" AS ENUM ('open', 'answered', 'customer_reply', 'in_progress', 'on_hold', 'closed')`,
    );
    await run(`CREATE TYPE "tickets"."ticket_priority" AS ENUM ('low', 'medium', 'high', 'urgent')`);
    await run(`
      CREATE TABLE "tickets"."departments" (
        "id" integer PRIMARY KEY,
        "name" text NOT NULL
      )`);
    // Sequential ids that are never reused: an identity sequence does not roll back.
    await run(`
      CREATE TABLE "tickets"."tickets" (
        "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "subject" text NOT NULL,
        "client_id" integer NOT NULL,
        "client_name" text NOT NULL,
        "department_id" integer NOT NULL REFERENCES "tickets"."departments" ("id"),
        "status" "tickets"."ticket_status" NOT NULL DEFAULT 'open',
        "priority" "tickets"."ticket_priority" NOT NULL DEFAULT 'medium',
        "assignee_id" integer,
        "assignee_name" text NOT NULL DEFAULT '',
        "created_at" timestamptz(3) NOT NULL,
        "last_activity_at" timestamptz(3) NOT NULL,
        "closed_at" timestamptz(3)
      )`);
    await run(`CREATE INDEX "tickets_department_id_idx" ON "tickets"."tickets" ("department_id", "id")`);
    for (const column of LIST_SORT_COLUMNS) {
      await run(
        `CREATE INDEX "tickets_department_${column}_idx" ON "tickets"."tickets" ("department_id", "${column}", "id")`,
      );
    }
    await run(`CREATE INDEX "tickets_client_idx" ON "tickets"."tickets" ("client_id", "last_activity_at", "id")`);
    await run(
      `CREATE INDEX "tickets_assignee_idx" ON "tickets"."tickets" ("assignee_id", "last_activity_at", "id") WHERE "assignee_id" IS NOT NULL`,
    );
    await run(`
      CREATE TABLE "tickets"."ticket_search" (
        "ticket_id" bigint PRIMARY KEY REFERENCES "tickets"."tickets" ("id") ON DELETE CASCADE,
        "document" tsvector NOT NULL
      )`);
    await run(`CREATE INDEX "ticket_search_document_idx" ON "tickets"."ticket_search" USING gin ("document")`);
    await run(`
      CREATE TABLE "tickets"."messages" (
        "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "ticket_id" bigint NOT NULL REFERENCES "tickets"."tickets" ("id") ON DELETE CASCADE,
        "author_kind" text NOT NULL CHECK ("author_kind" IN ('staff', 'client')),
        "author_id" integer NOT NULL,
        "author_name" text NOT NULL,
        "body" text NOT NULL,
        "internal" boolean NOT NULL DEFAULT false,
        "via" text NOT NULL CHECK ("via" IN ('web', 'email')),
        "created_at" timestamptz(3) NOT NULL
      )`);
    await run(`CREATE INDEX "messages_ticket_idx" ON "tickets"."messages" ("ticket_id", "id")`);
    await run(`
      CREATE TABLE "tickets"."history" (
        "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "ticket_id" bigint NOT NULL REFERENCES "tickets"."tickets" ("id") ON DELETE CASCADE,
        "actor_kind" text NOT NULL,
        "actor_id" integer,
        "actor_name" text NOT NULL,
        "action" text NOT NULL,
        "details" jsonb NOT NULL DEFAULT '{}',
        "created_at" timestamptz(3) NOT NULL
      )`);
    await run(`CREATE INDEX "history_ticket_idx" ON "tickets"."history" ("ticket_id", "id")`);
    await run(`
      CREATE TABLE "tickets"."canned_responses" (
        "id" integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "title" text NOT NULL,
        "body" text NOT NULL,
        "department_id" integer,
        "created_by" integer NOT NULL,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await run(`
      CREATE TABLE "tickets"."processed_events" (
        "event_id" uuid PRIMARY KEY,
        "processed_at" timestamptz NOT NULL DEFAULT now()
      )`);
    for (const statement of outboxTableSql('tickets')) {
      await run(statement);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'outbox',
      'processed_events',
      'canned_responses',
      'history',
      'messages',
      'ticket_search',
      'tickets',
      'departments',
    ]) {
      await queryRunner.query(`DROP TABLE "tickets"."${table}"`);
    }
    await queryRunner.query(`DROP TYPE "tickets"."ticket_priority"`);
    await queryRunner.query(`DROP TYPE "tickets"."ticket_status"`);
  }
}
