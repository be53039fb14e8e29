import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tickets, replies and uploads per account per clock hour, for the hourly quotas. */
export class CreateQuotaUsage1796947200002 implements MigrationInterface {
  name = 'CreateQuotaUsage1796947200002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "access"."quota_usage" (
         "account" text NOT NULL,
         "kind" text NOT NULL,
         "hour" timestamptz NOT NULL,
         "used" integer NOT NULL,
         PRIMARY KEY ("account", "kind", "hour")
       )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "access"."quota_usage"`);
  }
}
