import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Messages that came by email carry their inbound mail's key: unique, so a mail delivered or
 * processed twice (a retry after a crash, a duplicate delivery) becomes one message only.
 */
export class AddMessageExternalId1796342400000 implements MigrationInterface {
  name = 'AddMessageExternalId1796342400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tickets"."messages" ADD COLUMN "external_id" text`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "messages_external_id_key" ON "tickets"."messages" ("external_id") WHERE "external_id" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "tickets"."messages_external_id_key"`);
    await queryRunner.query(`ALTER TABLE "tickets"."messages" DROP COLUMN "external_id"`);
  }
}
