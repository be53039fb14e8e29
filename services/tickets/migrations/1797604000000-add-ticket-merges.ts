import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Merging: a source ticket points at the ticket it was merged into, and each message it held
 * moves to that ticket remembering where it was written (so mail and downloads follow it, and an
 * unmerge knows what to move back, and which status to give back). No index on `merged_into_id`: merged tickets are looked up
 * by their own id, and the list's filter on it is a cheap check on rows it reads anyway.
 */
export class AddTicketMerges1797604000000 implements MigrationInterface {
  name = 'AddTicketMerges1797604000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "tickets"."tickets"
         ADD COLUMN "merged_into_id" bigint REFERENCES "tickets"."tickets" ("id"),
         ADD COLUMN "merged_at" timestamptz,
         ADD COLUMN "status_before_merge" "tickets"."ticket_status"`,
    );
    await queryRunner.query(`ALTER TABLE "tickets"."messages" ADD COLUMN "merged_from_ticket_id" bigint`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tickets"."messages" DROP COLUMN "merged_from_ticket_id"`);
    await queryRunner.query(
      `ALTER TABLE "tickets"."tickets" DROP COLUMN "merged_into_id", DROP COLUMN "merged_at", DROP COLUMN "status_before_merge"`,
    );
  }
}
