import { MigrationInterface, QueryRunner } from 'typeorm';

const T = '"mail_ingress"."inbound_messages"';

/**
 * Sender authentication (issue 13): each mail keeps its verdict (DKIM, SPF, DMARC, the From
 * domain, which evidence); a mail from a sender that could not be verified may be `held` for
 * staff to release; and a note says why it is one (`note_reason` replaces `as_note`).
 */
export class AddSenderAuthentication1796403600000 implements MigrationInterface {
  name = 'AddSenderAuthentication1796403600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(`ALTER TABLE ${T} ADD COLUMN "sender_verdict" jsonb`);
    await run(
      `ALTER TABLE ${T} ADD COLUMN "note_reason" text
        CHECK ("note_reason" IN ('sender_mismatch', 'unverified', 'note_token'))`,
    );
    await run(`UPDATE ${T} SET "note_reason" = 'sender_mismatch' WHERE "as_note"`);
    await run(`ALTER TABLE ${T} DROP COLUMN "as_note"`);
    await run(`ALTER TABLE ${T} DROP CONSTRAINT "inbound_messages_state_check"`);
    await run(
      `ALTER TABLE ${T} ADD CONSTRAINT "inbound_messages_state_check"
        CHECK ("state" IN ('received', 'processing', 'added', 'ignored', 'refused', 'failed', 'held'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(`UPDATE ${T} SET "state" = 'refused' WHERE "state" = 'held'`);
    await run(`ALTER TABLE ${T} DROP CONSTRAINT "inbound_messages_state_check"`);
    await run(
      `ALTER TABLE ${T} ADD CONSTRAINT "inbound_messages_state_check"
        CHECK ("state" IN ('received', 'processing', 'added', 'ignored', 'refused', 'failed'))`,
    );
    await run(`ALTER TABLE ${T} ADD COLUMN "as_note" boolean NOT NULL DEFAULT false`);
    await run(`UPDATE ${T} SET "as_note" = "note_reason" IS NOT NULL`);
    await run(`ALTER TABLE ${T} DROP COLUMN "note_reason"`);
    await run(`ALTER TABLE ${T} DROP COLUMN "sender_verdict"`);
  }
}
