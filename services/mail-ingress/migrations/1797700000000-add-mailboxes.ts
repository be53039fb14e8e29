import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mailboxes fetched over IMAP: their settings (the password sealed with MAILBOX_SECRET_KEY),
 * where fetching stands (UIDVALIDITY and the last UID taken), its state for admins, and one row
 * per message taken, so a message is never taken twice. An inbound mail remembers the mailbox it
 * came from, the address it was written to (replies go out from it), and whether it is backlog
 * (on the server before the mailbox was added: it opens a ticket without an acknowledgement).
 */
export class AddMailboxes1797700000000 implements MigrationInterface {
  name = 'AddMailboxes1797700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "mail_ingress"."mailboxes" (
        "id" integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "department_id" integer NOT NULL,
        "address" text NOT NULL,
        "aliases" text[] NOT NULL DEFAULT '{}',
        "host" text NOT NULL,
        "port" integer NOT NULL,
        "tls" boolean NOT NULL,
        "username" text NOT NULL,
        "password_sealed" text NOT NULL,
        "folder" text NOT NULL,
        "after_import" text NOT NULL,
        "import_since" timestamptz NOT NULL,
        "paused" boolean NOT NULL DEFAULT false,
        "uid_validity" bigint,
        "last_uid" bigint NOT NULL DEFAULT 0,
        "state" text NOT NULL DEFAULT 'idle',
        "last_message_at" timestamptz,
        "last_error" text,
        "last_error_at" timestamptz,
        "last_checked_at" timestamptz,
        "backlog" integer NOT NULL DEFAULT 0,
        "imported" bigint NOT NULL DEFAULT 0,
        "failing_since" timestamptz,
        "alerted_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "mailboxes_address" ON "mail_ingress"."mailboxes" (lower("address"))`);
    await queryRunner.query(`
      CREATE TABLE "mail_ingress"."mailbox_messages" (
        "mailbox_id" integer NOT NULL REFERENCES "mail_ingress"."mailboxes" ("id") ON DELETE CASCADE,
        "uid_validity" bigint NOT NULL,
        "uid" bigint NOT NULL,
        "inbound_mail_id" bigint,
        "taken_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("mailbox_id", "uid_validity", "uid")
      )`);
    await queryRunner.query(
      `ALTER TABLE "mail_ingress"."inbound_messages" ADD COLUMN "mailbox_id" integer, ADD COLUMN "written_to" text,
        ADD COLUMN "backlog" boolean NOT NULL DEFAULT false`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "mail_ingress"."inbound_messages" DROP COLUMN "mailbox_id", DROP COLUMN "written_to", DROP COLUMN "backlog"`,
    );
    await queryRunner.query(`DROP TABLE "mail_ingress"."mailbox_messages"`);
    await queryRunner.query(`DROP TABLE "mail_ingress"."mailboxes"`);
  }
}
