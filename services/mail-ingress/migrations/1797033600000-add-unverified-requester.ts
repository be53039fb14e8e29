import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A mail whose sender could not be verified opens a new ticket under an unverified requester
 * (UNVERIFIED_SENDER_POLICY=new_ticket), whatever route matched it: processing must know.
 */
export class AddUnverifiedRequester1797033600000 implements MigrationInterface {
  name = 'AddUnverifiedRequester1797033600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "mail_ingress"."inbound_messages" ADD COLUMN "unverified_requester" boolean NOT NULL DEFAULT false`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mail_ingress"."inbound_messages" DROP COLUMN "unverified_requester"`);
  }
}
