import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each account's session version: tokens issued at an older one are refused. */
export class AddCredentialSessionVersion1796947200000 implements MigrationInterface {
  name = 'AddCredentialSessionVersion1796947200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "access"."credentials" ADD COLUMN "session_version" integer NOT NULL DEFAULT 0`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "access"."credentials" DROP COLUMN "session_version"`);
  }
}
