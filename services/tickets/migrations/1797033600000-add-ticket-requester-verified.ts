import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A ticket opened from a mail whose sender could not be verified (UNVERIFIED_SENDER_POLICY=new_ticket)
 * has an unverified requester: nothing is mailed to them until staff verify them. Every other
 * ticket, and every ticket before this, is verified.
 */
export class AddTicketRequesterVerified1797033600000 implements MigrationInterface {
  name = 'AddTicketRequesterVerified1797033600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "tickets"."tickets" ADD COLUMN "requester_verified" boolean NOT NULL DEFAULT true`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tickets"."tickets" DROP COLUMN "requester_verified"`);
  }
}
