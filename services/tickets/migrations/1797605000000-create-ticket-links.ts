import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Links between tickets, one row per direction (so a ticket's links are one index range): staff
 * mark two as related; a split links the original (`split_to`) and the new one (`split_from`).
 */
export class CreateTicketLinks1797605000000 implements MigrationInterface {
  name = 'CreateTicketLinks1797605000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "tickets"."ticket_links" (
         "ticket_id" bigint NOT NULL REFERENCES "tickets"."tickets" ("id"),
         "linked_ticket_id" bigint NOT NULL REFERENCES "tickets"."tickets" ("id"),
         "type" text NOT NULL,
         "created_by_kind" text NOT NULL,
         "created_by_id" integer NOT NULL,
         "created_by_name" text NOT NULL,
         "created_at" timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY ("ticket_id", "linked_ticket_id", "type")
       )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "tickets"."ticket_links"`);
  }
}
