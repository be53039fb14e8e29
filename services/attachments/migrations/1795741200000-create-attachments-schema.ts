import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAttachmentsSchema1795741200000 implements MigrationInterface {
  name = 'CreateAttachmentsSchema1795741200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // A row is written before its object (status 'pending'), so every object the service may
    // have put in S3 is on record and a failed or interrupted upload can always be swept.
    await queryRunner.query(`
      CREATE TABLE "attachments"."attachments" (
        "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "owner_kind" text NOT NULL CHECK ("owner_kind" IN ('staff', 'client')),
        "owner_id" integer NOT NULL,
        "filename" text NOT NULL,
        "content_type" text NOT NULL,
        "size" bigint,
        "sha256" char(64),
        "object_key" text NOT NULL UNIQUE,
        "status" text NOT NULL CHECK ("status" IN ('pending', 'stored')),
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "claimed_at" timestamptz(3),
        "ticket_id" bigint,
        "message_id" bigint,
        "linked_at" timestamptz(3),
        CHECK ("status" = 'pending' OR ("size" IS NOT NULL AND "sha256" IS NOT NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX "attachments_unlinked_idx" ON "attachments"."attachments" ("created_at") WHERE "message_id" IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "attachments_message_idx" ON "attachments"."attachments" ("message_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "attachments"."attachments"`);
  }
}
