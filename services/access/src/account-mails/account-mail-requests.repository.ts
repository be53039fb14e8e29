import { Injectable } from '@nestjs/common';
import { AccountMailPurpose, AccessEvents, AccountMailRequestedPayload, PrincipalKind } from '@helpdesk/contracts';
import { Outbox } from '@helpdesk/outbox';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

export interface AccountMailRequest {
  purpose: AccountMailPurpose;
  /** Lower-cased, as asked for. */
  email: string;
  remoteAddress: string;
}

/** Who the link is for: absent for an address with no account (or none that may get one). */
export interface LinkRecipient {
  kind: PrincipalKind;
  id: number;
  name: string;
  email: string;
}

export interface RequestCounts {
  forAddress: number;
  fromRemoteAddress: number;
}

const RETENTION_DAYS = 30;

/** A 256-bit random token needs no slow hash: SHA-256 makes a leaked table useless. */
export function hashLinkToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * Requests for confirmation and reset links. Each is a row, also for unknown addresses, so that
 * the limits per address and per remote address count what was asked, not what was sent; a link's
 * token leaves only in the `account.mail-requested` event, written in the same transaction.
 */
@Injectable()
export class AccountMailRequestsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /** Requests in the last hour, with the address's requests serialised so that a burst cannot overrun its limit. */
  async countRecent(manager: EntityManager, request: AccountMailRequest): Promise<RequestCounts> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('account-mail:' || $1))`, [request.email]);
    const [row] = await manager.query<{ for_address: string; from_remote_address: string }[]>(
      `SELECT (SELECT count(*) FROM "access"."account_mail_requests"
                WHERE "email" = $1 AND "created_at" > now() - interval '1 hour') AS "for_address",
              (SELECT count(*) FROM "access"."account_mail_requests"
                WHERE "remote_address" = $2 AND "created_at" > now() - interval '1 hour') AS "from_remote_address"`,
      [request.email, request.remoteAddress],
    );
    return { forAddress: Number(row.for_address), fromRemoteAddress: Number(row.from_remote_address) };
  }

  /** Records the request and, for a recipient, a link valid for `ttlMs` and the event that mails it. */
  async record(
    manager: EntityManager,
    request: AccountMailRequest,
    recipient: LinkRecipient | null,
    ttlMs: number,
  ): Promise<void> {
    if (!recipient) {
      await this.insert(manager, request, null, null, null);
      return;
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + ttlMs);
    await this.insert(manager, request, recipient, hashLinkToken(token), expiresAt);
    const payload: AccountMailRequestedPayload = {
      purpose: request.purpose,
      name: recipient.name,
      email: recipient.email,
      token,
      expiresAt: expiresAt.toISOString(),
    };
    await this.outbox.add(manager, [{ name: AccessEvents.AccountMailRequested, payload }]);
  }

  /**
   * Uses the link once: the subject it was for, or null when it is unknown, expired or used. The
   * subject's other open links of the same purpose end with it.
   */
  async consume(
    manager: EntityManager,
    purpose: AccountMailPurpose,
    token: string,
  ): Promise<{ kind: PrincipalKind; id: number } | null> {
    const [rows]: [{ subject_kind: PrincipalKind; subject_id: number }[], number] = await manager.query(
      `UPDATE "access"."account_mail_requests" SET "used_at" = now()
        WHERE "token_hash" = $1 AND "purpose" = $2 AND "used_at" IS NULL AND "expires_at" > now()
        RETURNING "subject_kind", "subject_id"`,
      [hashLinkToken(token), purpose],
    );
    const used = rows[0];
    if (!used) {
      return null;
    }
    await manager.query(
      `UPDATE "access"."account_mail_requests" SET "used_at" = now()
        WHERE "subject_kind" = $1 AND "subject_id" = $2 AND "purpose" = $3 AND "used_at" IS NULL`,
      [used.subject_kind, used.subject_id, purpose],
    );
    return { kind: used.subject_kind, id: used.subject_id };
  }

  flushSoon(): void {
    this.outbox.flushSoon();
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  private async insert(
    manager: EntityManager,
    request: AccountMailRequest,
    recipient: LinkRecipient | null,
    tokenHash: Buffer | null,
    expiresAt: Date | null,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO "access"."account_mail_requests"
         ("purpose", "email", "remote_address", "subject_kind", "subject_id", "token_hash", "expires_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        request.purpose,
        request.email,
        request.remoteAddress,
        recipient?.kind ?? null,
        recipient?.id ?? null,
        tokenHash,
        expiresAt,
      ],
    );
    // Old requests no longer count against any limit; a few go with every new one.
    await manager.query(
      `DELETE FROM "access"."account_mail_requests" WHERE "id" IN (
         SELECT "id" FROM "access"."account_mail_requests"
          WHERE "created_at" < now() - make_interval(days => $1) ORDER BY "created_at" LIMIT 10)`,
      [RETENTION_DAYS],
    );
  }
}
