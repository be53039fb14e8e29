import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A ticket opened from mail fetched from a mailbox remembers the address (the mailbox's or an
 * alias) it was written to: its mails go out From that address. Null for every other ticket.
 */
export class AddTicketWrittenTo1797701000000 implements MigrationInterface {
  name = 'AddTicketWrittenTo1797701000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tickets"."tickets" ADD COLUMN "written_to" text NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tickets"."tickets" DROP COLUMN "written_to"`);
  }
}
