import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API tokens: a SHA-256 of each token's random secret, never the secret. Revoked rows stay, so
 * that a revoked token is answered as revoked rather than unknown.
 */
export class CreateApiTokens1797555600000 implements MigrationInterface {
  name = 'CreateApiTokens1797555600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(
      `CREATE TABLE "access"."api_tokens" (
         "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         "kind" text NOT NULL,
         "subject_id" integer NOT NULL,
         "name" text NOT NULL,
         "scopes" text[] NOT NULL,
         "secret_hash" bytea NOT NULL,
         "created_at" timestamptz NOT NULL DEFAULT now(),
         "expires_at" timestamptz,
         "last_used_at" timestamptz,
         "revoked_at" timestamptz
       )`,
    );
    await run(
      `CREATE INDEX "api_tokens_owner" ON "access"."api_tokens" ("kind", "subject_id", "created_at" DESC)
         WHERE "revoked_at" IS NULL`,
    );
    await run(
      `CREATE INDEX "api_tokens_created" ON "access"."api_tokens" ("created_at" DESC) WHERE "revoked_at" IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "access"."api_tokens"`);
  }
}
