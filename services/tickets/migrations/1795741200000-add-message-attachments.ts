import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which files each message has. `attachment_id` is unique: an attachment goes to one message
 * only, and a second message taking it fails inside its own transaction, leaving nothing linked.
 * Name, size and type are copied so a ticket is shown without asking the attachments service.
 */
export class AddMessageAttachments1795741200000 implements MigrationInterface {
  name = 'AddMessageAttachments1795741200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "tickets"."message_attachments" (
        "attachment_id" bigint PRIMARY KEY,
        "message_id" bigint NOT NULL REFERENCES "tickets"."messages" ("id") ON DELETE CASCADE,
        "filename" text NOT NULL,
        "size" bigint NOT NULL,
        "content_type" text NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX "message_attachments_message_idx" ON "tickets"."message_attachments" ("message_id", "attachment_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "tickets"."message_attachments"`);
  }
}
