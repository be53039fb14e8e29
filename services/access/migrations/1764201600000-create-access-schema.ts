import { outboxTableSql } from '@helpdesk/outbox';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAccessSchema1764201600000 implements MigrationInterface {
  name = 'CreateAccessSchema1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "access"."departments" (
        "id" integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "name" text NOT NULL,
        "active" boolean NOT NULL DEFAULT true,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "departments_name_key" ON "access"."departments" (lower("name"))`);
    await queryRunner.query(`
      CREATE TABLE "access"."staff" (
        "id" integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "email" text NOT NULL,
        "name" text NOT NULL,
        "role" text NOT NULL CHECK ("role" IN ('admin', 'staff')),
        "active" boolean NOT NULL DEFAULT true,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "access"."staff_departments" (
        "staff_id" integer NOT NULL REFERENCES "access"."staff" ("id") ON DELETE CASCADE,
        "department_id" integer NOT NULL REFERENCES "access"."departments" ("id"),
        PRIMARY KEY ("staff_id", "department_id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "staff_departments_department_idx" ON "access"."staff_departments" ("department_id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "access"."clients" (
        "id" integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "email" text NOT NULL,
        "name" text NOT NULL,
        "active" boolean NOT NULL DEFAULT true,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "access"."credentials" (
        "email" text PRIMARY KEY CHECK ("email" = lower("email")),
        "kind" text NOT NULL CHECK ("kind" IN ('staff', 'client')),
        "subject_id" integer NOT NULL,
        "password_hash" text,
        "failed_attempts" integer NOT NULL DEFAULT 0,
        "locked_until" timestamptz,
        UNIQUE ("kind", "subject_id")
      )`);
    for (const statement of outboxTableSql('access')) {
      await queryRunner.query(statement);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['outbox', 'credentials', 'clients', 'staff_departments', 'staff', 'departments']) {
      await queryRunner.query(`DROP TABLE "access"."${table}"`);
    }
  }
}
