import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Small raw messages kept in PostgreSQL beside their record instead of in S3 (issue 16): a 2 KB
 * reply cost an S3 PUT and two GETs (the S3 server's CPU, the client's, an HTTP round trip each),
 * where one row costs a fraction of that. Stored uncompressed: the bytes are mail, mostly text
 * that pglz compresses poorly per row, and compressing every insert costs CPU on the hot path.
 */
export class AddInlineRawMessages1796500000000 implements MigrationInterface {
  name = 'AddInlineRawMessages1796500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "mail_ingress"."raw_messages" (
         "key" text PRIMARY KEY,
         "body" bytea NOT NULL,
         "created_at" timestamptz NOT NULL DEFAULT now()
       )`,
    );
    await queryRunner.query(`ALTER TABLE "mail_ingress"."raw_messages" ALTER COLUMN "body" SET STORAGE EXTERNAL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "mail_ingress"."raw_messages"`);
  }
}
