import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A message that came by email keeps what sender authentication said of its mail (DKIM, SPF,
 * DMARC, the From domain, which evidence), so staff see on the message itself who vouched for it.
 */
export class AddMessageSenderVerdict1796947200000 implements MigrationInterface {
  name = 'AddMessageSenderVerdict1796947200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tickets"."messages" ADD COLUMN "sender_verdict" jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tickets"."messages" DROP COLUMN "sender_verdict"`);
  }
}
