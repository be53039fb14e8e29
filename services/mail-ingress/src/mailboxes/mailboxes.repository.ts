import { Injectable } from '@nestjs/common';
import { MailboxState } from '@helpdesk/contracts';
import { DataSource, EntityManager, Repository } from 'typeorm';

import { Mailbox } from './mailbox.entity';

const TAKEN = '"mail_ingress"."mailbox_messages"';
const MAILBOXES = '"mail_ingress"."mailboxes"';

export type MailboxSettings = Pick<
  Mailbox,
  | 'departmentId'
  | 'address'
  | 'aliases'
  | 'host'
  | 'port'
  | 'tls'
  | 'username'
  | 'passwordSealed'
  | 'folder'
  | 'afterImport'
  | 'importSince'
  | 'paused'
>;

/** What the fetcher reports after talking to the server. */
export type MailboxProgress = Partial<
  Pick<Mailbox, 'state' | 'lastCheckedAt' | 'backlog' | 'lastError' | 'lastErrorAt' | 'failingSince' | 'alertedAt'>
>;

@Injectable()
export class MailboxesRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(): Promise<Mailbox[]> {
    return this.repository().find({ order: { id: 'ASC' } });
  }

  /** Every mailbox address and alias: ours, so never a CC of a ticket. */
  async allAddresses(): Promise<string[]> {
    const rows = await this.repository().find({ select: { address: true, aliases: true } });
    return rows.flatMap((mailbox) => [mailbox.address, ...mailbox.aliases]);
  }

  find(id: number): Promise<Mailbox | null> {
    return this.repository().findOneBy({ id });
  }

  /**
   * Runs `work` while no other create or update of a mailbox runs, so that two admins cannot
   * give the same address to two mailboxes at once.
   */
  exclusively<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('mail_ingress.mailboxes'))`);
      return work(manager);
    });
  }

  /** The mailbox other than `exceptId` that has `addresses` among its address and aliases. */
  async holderOf(manager: EntityManager, addresses: string[], exceptId: number | null): Promise<Mailbox | null> {
    const [row] = await manager.query<{ id: number }[]>(
      `SELECT "id" FROM ${MAILBOXES}
        WHERE "id" <> $2 AND (lower("address") = ANY($1) OR "aliases" && $1::text[]) LIMIT 1`,
      [addresses, exceptId ?? 0],
    );
    return row ? this.find(row.id) : null;
  }

  insert(manager: EntityManager, settings: MailboxSettings): Promise<Mailbox> {
    const now = new Date();
    return manager.getRepository(Mailbox).save(
      manager.getRepository(Mailbox).create({
        ...settings,
        uidValidity: null,
        lastUid: 0,
        state: settings.paused ? MailboxState.Paused : MailboxState.Idle,
        backlog: 0,
        imported: 0,
        createdAt: now,
        updatedAt: now,
      }),
    );
  }

  async update(manager: EntityManager, id: number, changes: Partial<MailboxSettings>): Promise<void> {
    await manager.getRepository(Mailbox).update({ id }, { ...changes, updatedAt: new Date() });
  }

  async delete(id: number): Promise<boolean> {
    const result = await this.repository().delete({ id });
    return (result.affected ?? 0) > 0;
  }

  async report(id: number, progress: MailboxProgress): Promise<void> {
    await this.repository().update({ id }, progress);
  }

  /** The addresses of those of `ids` that are failing and not paused. */
  async failingAmong(ids: number[]): Promise<string[]> {
    const rows: { address: string }[] = await this.dataSource.query(
      `SELECT "address" FROM ${MAILBOXES} WHERE "id" = ANY($1) AND "state" = $2 AND NOT "paused"`,
      [ids, MailboxState.Failing],
    );
    return rows.map((row) => row.address);
  }

  /** A new UIDVALIDITY: the old UIDs mean nothing any more; the Message-ID still finds duplicates. */
  async restartAt(id: number, uidValidity: number): Promise<void> {
    await this.repository().update({ id }, { uidValidity, lastUid: 0 });
  }

  /** The UIDs among `uids` already taken from this folder (a crash between taking and acting on the server). */
  async takenAmong(mailboxId: number, uidValidity: number, uids: number[]): Promise<Set<number>> {
    const rows = await this.dataSource.query<{ uid: string }[]>(
      `SELECT "uid" FROM ${TAKEN} WHERE "mailbox_id" = $1 AND "uid_validity" = $2 AND "uid" = ANY($3::bigint[])`,
      [mailboxId, uidValidity, uids],
    );
    return new Set(rows.map((row) => Number(row.uid)));
  }

  async markTaken(mailboxId: number, uidValidity: number, uid: number, inboundMailId: number | null): Promise<void> {
    // One statement: the count moves with the record, and only when the UID was not taken before.
    await this.dataSource.query(
      `WITH "taken" AS (
         INSERT INTO ${TAKEN} ("mailbox_id", "uid_validity", "uid", "inbound_mail_id") VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING 1)
       UPDATE ${MAILBOXES} SET "imported" = "imported" + (SELECT count(*) FROM "taken"), "last_message_at" = now()
        WHERE "id" = $1`,
      [mailboxId, uidValidity, uid, inboundMailId],
    );
  }

  /** Every message up to `uid` is dealt with on the server too; never moves backwards. */
  async advance(mailboxId: number, uidValidity: number, uid: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${MAILBOXES} SET "last_uid" = GREATEST("last_uid", $3) WHERE "id" = $1 AND "uid_validity" = $2`,
      [mailboxId, uidValidity, uid],
    );
  }

  private repository(): Repository<Mailbox> {
    return this.dataSource.getRepository(Mailbox);
  }
}
