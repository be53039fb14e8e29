import { MigrationInterface, QueryRunner } from 'typeorm';

/** The From header's display name, read on receipt, so that processing never parses the header again. */
export class AddHeaderFromName1796400000000 implements MigrationInterface {
  name = 'AddHeaderFromName1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mail_ingress"."inbound_messages" ADD COLUMN "header_from_name" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mail_ingress"."inbound_messages" DROP COLUMN "header_from_name"`);
  }
}
