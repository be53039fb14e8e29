import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A mail about a ticket written to a support mailbox address (or alias) goes out From that
 * address: kept with the mail when it is recorded, so a retry sends it alike. Null: MAIL_FROM.
 */
export class AddOutgoingMailFromAddress1797701000000 implements MigrationInterface {
  name = 'AddOutgoingMailFromAddress1797701000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications"."outgoing_mails" ADD COLUMN "from_address" text NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications"."outgoing_mails" DROP COLUMN "from_address"`);
  }
}
