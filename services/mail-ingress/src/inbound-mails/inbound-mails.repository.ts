import { Injectable } from '@nestjs/common';
import {
  DroppedAttachment,
  InboundMailReason,
  InboundMailRoute,
  InboundMailState,
  PrincipalKind,
  SenderVerdict,
} from '@helpdesk/contracts';
import { DataSource } from 'typeorm';

import { NoteReason } from '../mail/mail-types';
import { InboundMail } from './inbound-mail.entity';
import { InboundBacklog, inboundMails, trackInboundBacklog } from './inbound-mail-metrics';

export interface NewInboundMail {
  remoteAddress: string | null;
  envelopeFrom: string;
  envelopeTo: string[];
  headerFrom: string | null;
  headerFromName: string | null;
  subject: string | null;
  messageId: string | null;
  /** The Message-ID (or the SHA-256) of an accepted message; null for a refusal. */
  dedupeKey: string | null;
  route: InboundMailRoute;
  routeKey: string | null;
  ticketId: number | null;
  departmentId: number | null;
  author: { kind: PrincipalKind; id: number } | null;
  noteReason: NoteReason | null;
  noteFrom: string | null;
  /** Opens a new ticket under an unverified requester; false when absent. */
  unverifiedRequester?: boolean;
  /** The mailbox it was fetched from; absent for SMTP. */
  mailboxId?: number | null;
  /** The mailbox address or alias it was written to; absent for SMTP. */
  writtenTo?: string | null;
  /** Mailbox mail from before the mailbox was added; false when absent. */
  backlog?: boolean;
  senderVerdict: SenderVerdict | null;
  rawKey: string | null;
  size: number;
  sha256: string | null;
  state: InboundMailState;
  reason: InboundMailReason | null;
  detail: string | null;
}

export interface InboundMailOutcome {
  state: InboundMailState.Added | InboundMailState.Ignored | InboundMailState.Refused | InboundMailState.Failed;
  reason: InboundMailReason;
  detail: string | null;
  ticketId?: number;
  departmentId?: number;
  addedMessageId?: number;
}

export interface InboundMailFilter {
  ticketId?: number;
  state?: InboundMailState;
  beforeId?: number;
  /** Only mails that reached a ticket, and no refusals: what staff other than admins may see. */
  ticketMailsOnly: boolean;
  limit: number;
}

const T = '"mail_ingress"."inbound_messages"';
const RAW = '"mail_ingress"."raw_messages"';
const PENDING_STATES = `('received', 'processing', 'added', 'failed', 'held')`;

@Injectable()
export class InboundMailsRepository {
  constructor(private readonly dataSource: DataSource) {
    trackInboundBacklog(() => this.backlog());
  }

  /**
   * Records a message; an accepted message already recorded under the same (dedupe key, route
   * key) is not recorded again: `duplicate` then says the existing row is returned. With `raw`,
   * a small message's bytes are saved by the same statement, so both commit together.
   */
  async record(
    mail: NewInboundMail,
    raw?: { key: string; body: Buffer },
  ): Promise<{ mail: InboundMail; duplicate: boolean }> {
    const { author, ...columns } = mail;
    const [insert, parameters] = this.dataSource
      .createQueryBuilder()
      .insert()
      .into(InboundMail)
      .values({
        ...columns,
        authorKind: author?.kind ?? null,
        authorId: author?.id ?? null,
        droppedAttachments: [],
        attempts: 0,
        receivedAt: () => 'now()',
        updatedAt: () => 'now()',
      })
      .orIgnore()
      .returning('*')
      .getQueryAndParameters() as [string, unknown[]];
    const withRaw = raw
      ? `WITH "raw" AS (INSERT INTO ${RAW} ("key", "body") VALUES ($${parameters.length + 1}, $${parameters.length + 2})) `
      : '';
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      withRaw + insert,
      raw ? [...parameters, raw.key, raw.body] : parameters,
    );
    const [inserted] = rows;
    inboundMails.inc({ outcome: mail.state === InboundMailState.Refused ? 'refused' : 'accepted' });
    if (inserted) {
      return { mail: this.hydrate(inserted), duplicate: false };
    }
    const existing = await this.repository().findOneBy({
      dedupeKey: mail.dedupeKey ?? '',
      routeKey: mail.routeKey ?? '',
    });
    if (!existing) {
      throw new Error(`Inbound mail with dedupe key '${mail.dedupeKey}' was neither inserted nor found`);
    }
    return { mail: existing, duplicate: true };
  }

  findById(id: number): Promise<InboundMail | null> {
    return this.repository().findOneBy({ id });
  }

  /** Accepted mails of a route (token and recipient, or department and sender) in the last `windowMs`. */
  async countRecent(routeKey: string, windowMs: number): Promise<number> {
    const [row]: { count: string }[] = await this.dataSource.query(
      `SELECT count(*) AS "count" FROM ${T}
        WHERE "route_key" = $1 AND "received_at" > now() - make_interval(secs => $2) AND "state" IN ${PENDING_STATES}`,
      [routeKey, windowMs / 1000],
    );
    return Number(row.count);
  }

  /**
   * Takes a mail for processing for `leaseMs`: one that waits, or one whose worker's lease ran
   * out (it crashed). Null when it is done or another worker holds it. A small message's bytes
   * come with it (`inlineRaw`), read by the same statement.
   */
  async claim(id: number, leaseMs: number): Promise<{ mail: InboundMail; inlineRaw: Buffer | null } | null> {
    const [rows]: [Record<string, unknown>[], number] = await this.dataSource.query(
      `UPDATE ${T} SET "state" = 'processing', "attempts" = "attempts" + 1,
              "lease_until" = now() + make_interval(secs => $2), "updated_at" = now()
        WHERE "id" = $1 AND ("state" = 'received' OR ("state" = 'processing' AND "lease_until" < now()))
        RETURNING *, (SELECT r."body" FROM ${RAW} r WHERE r."key" = "raw_key") AS "inline_raw"`,
      [id, leaseMs / 1000],
    );
    return rows.length > 0
      ? { mail: this.hydrate(rows[0]), inlineRaw: (rows[0].inline_raw as Buffer | null) ?? null }
      : null;
  }

  /** A held mail made ready for processing; null when it is not held (any more). */
  async releaseHeld(id: number): Promise<InboundMail | null> {
    const [rows]: [Record<string, unknown>[], number] = await this.dataSource.query(
      `UPDATE ${T} SET "state" = 'received', "updated_at" = now() WHERE "id" = $1 AND "state" = 'held' RETURNING *`,
      [id],
    );
    return rows.length > 0 ? this.hydrate(rows[0]) : null;
  }

  /** Gives a mail back after a failure that a later attempt may not have. */
  async release(id: number, detail: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${T} SET "state" = 'received', "lease_until" = NULL, "detail" = $2, "updated_at" = now()
        WHERE "id" = $1 AND "state" = 'processing'`,
      [id, detail.slice(0, 2000)],
    );
  }

  async saveAttachments(id: number, attachmentIds: number[], dropped: DroppedAttachment[]): Promise<void> {
    await this.repository().update(id, { attachmentIds, droppedAttachments: dropped, updatedAt: new Date() });
  }

  async finish(id: number, outcome: InboundMailOutcome): Promise<void> {
    if (outcome.state === InboundMailState.Failed) {
      inboundMails.inc({ outcome: 'failed' });
    }
    await this.repository().update(id, {
      state: outcome.state,
      reason: outcome.reason,
      detail: outcome.detail?.slice(0, 2000) ?? null,
      leaseUntil: null,
      updatedAt: new Date(),
      ...(outcome.ticketId !== undefined ? { ticketId: outcome.ticketId } : {}),
      ...(outcome.departmentId !== undefined ? { departmentId: outcome.departmentId } : {}),
      ...(outcome.addedMessageId !== undefined ? { addedMessageId: outcome.addedMessageId } : {}),
    });
  }

  /** Accepted mails not processed yet, and how long the oldest has waited. */
  async backlog(): Promise<InboundBacklog> {
    const [row] = await this.dataSource.query<InboundBacklog[]>(
      `SELECT count(*)::int AS "waiting",
              COALESCE(EXTRACT(EPOCH FROM now() - min("received_at")), 0)::float AS "oldestAgeSeconds"
         FROM ${T} WHERE "state" IN ('received', 'processing')`,
    );
    return row;
  }

  /** Mails waiting longer than `staleMs` (their job was lost or dead-lettered) or held past their lease. */
  async findStalled(staleMs: number, limit: number, afterId = 0): Promise<number[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT "id" FROM ${T}
        WHERE "id" > $3
          AND (("state" = 'received' AND "updated_at" < now() - make_interval(secs => $1))
               OR ("state" = 'processing' AND "lease_until" < now()))
        ORDER BY "id" LIMIT $2`,
      [staleMs / 1000, limit, afterId],
    );
    return rows.map((row) => Number(row.id));
  }

  /**
   * Raw keys whose every mail added nothing (refused or ignored; a message can have several
   * targets) and was received more than `retentionMs` ago.
   */
  async findExpiredRawKeys(retentionMs: number, limit: number): Promise<string[]> {
    const rows: { raw_key: string }[] = await this.dataSource.query(
      `SELECT "raw_key" FROM ${T}
        WHERE "raw_key" IS NOT NULL
        GROUP BY "raw_key"
       HAVING bool_and("state" IN ('refused', 'ignored'))
          AND max("received_at") < now() - make_interval(secs => $1)
        LIMIT $2`,
      [retentionMs / 1000, limit],
    );
    return rows.map((row) => row.raw_key);
  }

  async forgetRawKeys(keys: string[]): Promise<void> {
    await this.dataSource.query(`UPDATE ${T} SET "raw_key" = NULL WHERE "raw_key" = ANY($1)`, [keys]);
  }

  /** Newest first, `limit + 1` rows so the caller knows whether another page follows. */
  listPage(filter: InboundMailFilter): Promise<InboundMail[]> {
    const query = this.repository()
      .createQueryBuilder('mail')
      .orderBy('mail.id', 'DESC')
      .limit(filter.limit + 1);
    if (filter.ticketId !== undefined) {
      query.andWhere('mail.ticketId = :ticketId', { ticketId: filter.ticketId });
    }
    if (filter.state !== undefined) {
      query.andWhere('mail.state = :state', { state: filter.state });
    }
    if (filter.beforeId !== undefined) {
      query.andWhere('mail.id < :beforeId', { beforeId: filter.beforeId });
    }
    if (filter.ticketMailsOnly) {
      query.andWhere('mail.ticketId IS NOT NULL').andWhere('mail.state <> :refused', {
        refused: InboundMailState.Refused,
      });
    }
    return query.getMany();
  }

  private repository() {
    return this.dataSource.getRepository(InboundMail);
  }

  /** A row that an INSERT or UPDATE returned, as the entity a find would have read (one query fewer). */
  private hydrate(row: Record<string, unknown>): InboundMail {
    const metadata = this.repository().metadata;
    const mail = metadata.create() as InboundMail;
    for (const column of metadata.columns) {
      column.setEntityValue(mail, this.dataSource.driver.prepareHydratedValue(row[column.databaseName], column));
    }
    return mail;
  }
}
