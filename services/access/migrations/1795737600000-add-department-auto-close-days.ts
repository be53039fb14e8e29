import { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-department auto-close window: null uses the tickets service's AUTO_CLOSE_AFTER, 0 turns it off. */
export class AddDepartmentAutoCloseDays1795737600000 implements MigrationInterface {
  name = 'AddDepartmentAutoCloseDays1795737600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "access"."departments" ADD COLUMN "auto_close_days" integer CHECK ("auto_close_days" >= 0)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "access"."departments" DROP COLUMN "auto_close_days"`);
  }
}
