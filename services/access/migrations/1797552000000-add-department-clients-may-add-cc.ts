import { MigrationInterface, QueryRunner } from 'typeorm';

/** Whether a ticket's client may put others on Cc of the department's tickets (issue 19). */
export class AddDepartmentClientsMayAddCc1797552000000 implements MigrationInterface {
  name = 'AddDepartmentClientsMayAddCc1797552000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "access"."departments" ADD COLUMN "clients_may_add_cc" boolean NOT NULL DEFAULT false`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "access"."departments" DROP COLUMN "clients_may_add_cc"`);
  }
}
