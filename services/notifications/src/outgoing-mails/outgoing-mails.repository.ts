import { Injectable } from '@nestjs/common';
import { EmailKind, EmailState } from '@helpdesk/contracts';
import { DataSource, EntityManager, In } from 'typeorm';

import { notificationHeaders } from '../composing/mail-headers';
import { continueThread, ThreadState } from '../composing/threading';
import { Person } from '../ticket-events/notification-rules';
import { MailThread } from './mail-thread.entity';
import { OutgoingMail } from './outgoing-mail.entity';

/** A rendered mail for one recipient, before it is threaded and recorded. */
export interface MailDraft {
  kind: EmailKind;
  ticketId: number;
  departmentId: number;
  recipient: Person;
  subject: string;
  text: string;
  html: string;
  replyTo: string;
  /** The ticket's `writtenTo`; null: MAIL_FROM. */
  fromAddress: string | null;
  messageId: string;
  /** Identifies the ticket's conversation across mails (Outlook's Thread-Index). */
  threadKey: string;
}

@Injectable()
export class OutgoingMailsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async isProcessed(eventId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM "notifications"."processed_events" WHERE "event_id" = $1`,
      [eventId],
    );
    return rows.length > 0;
  }

  /**
   * Marks the event processed and records its mails (pending), each threaded after the last
   * mail its recipient got about the ticket, in one transaction. Returns how many it recorded:
   * 0 when the event had been processed before.
   */
  async record(event: { eventId: string; name: string }, drafts: MailDraft[]): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const fresh: unknown[] = await manager.query(
        `INSERT INTO "notifications"."processed_events" ("event_id") VALUES ($1) ON CONFLICT DO NOTHING RETURNING 1`,
        [event.eventId],
      );
      if (fresh.length === 0) {
        return 0;
      }
      for (const draft of drafts) {
        await this.insertThreaded(manager, event, draft);
      }
      return drafts.length;
    });
  }

  /**
   * Leases up to `limit` due mails for `leaseMs`: a replica that dies while sending gives them
   * back when the lease ends (then they may go out twice, never zero times). Skips mails
   * another replica holds.
   */
  async claimDue(limit: number, leaseMs: number): Promise<OutgoingMail[]> {
    const [rows]: [{ id: string }[], number] = await this.dataSource.query(
      `UPDATE "notifications"."outgoing_mails"
          SET "attempts" = "attempts" + 1, "next_attempt_at" = now() + make_interval(secs => $2)
        WHERE "id" IN (SELECT "id" FROM "notifications"."outgoing_mails"
                        WHERE "state" = 'pending' AND "next_attempt_at" <= now()
                        ORDER BY "next_attempt_at", "id" LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING "id"`,
      [limit, leaseMs / 1000],
    );
    if (rows.length === 0) {
      return [];
    }
    return this.dataSource
      .getRepository(OutgoingMail)
      .find({ where: { id: In(rows.map((row) => row.id)) }, order: { id: 'ASC' } });
  }

  async markSent(id: number): Promise<void> {
    await this.dataSource
      .getRepository(OutgoingMail)
      .update(id, { state: EmailState.Sent, sentAt: new Date(), lastError: null });
  }

  async markRetry(id: number, error: string, nextAttemptAt: Date): Promise<void> {
    await this.dataSource.getRepository(OutgoingMail).update(id, { lastError: error, nextAttemptAt });
  }

  async markFailed(id: number, error: string): Promise<void> {
    await this.dataSource.getRepository(OutgoingMail).update(id, { state: EmailState.Failed, lastError: error });
  }

  async markSkipped(id: number, reason: string): Promise<void> {
    await this.dataSource
      .getRepository(OutgoingMail)
      .update(id, { state: EmailState.Skipped, skipReason: reason, lastError: null });
  }

  listForTicket(ticketId: number): Promise<OutgoingMail[]> {
    return this.dataSource.getRepository(OutgoingMail).find({ where: { ticketId }, order: { id: 'ASC' } });
  }

  /** Dedupe rows older than any redelivery can be are no longer needed. */
  async purgeProcessedEvents(olderThanMs: number): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM "notifications"."processed_events" WHERE "processed_at" < now() - make_interval(secs => $1)`,
      [olderThanMs / 1000],
    );
  }

  private async insertThreaded(
    manager: EntityManager,
    event: { eventId: string; name: string },
    draft: MailDraft,
  ): Promise<void> {
    const key = { ticketId: draft.ticketId, recipientKind: draft.recipient.kind, recipientId: draft.recipient.id };
    // Concurrent events of one ticket chain their mails to a recipient in turn, even the first.
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `notifications-thread:${key.ticketId}:${key.recipientKind}:${key.recipientId}`,
    ]);
    const existing = await manager.getRepository(MailThread).findOneBy(key);
    const now = new Date();
    const { headers, thread } = continueThread(
      existing && toThreadState(existing),
      draft.messageId,
      draft.threadKey,
      now,
    );
    await manager.getRepository(OutgoingMail).insert({
      eventId: event.eventId,
      eventName: event.name,
      kind: draft.kind,
      ticketId: draft.ticketId,
      departmentId: draft.departmentId,
      recipientKind: draft.recipient.kind,
      recipientId: draft.recipient.id,
      recipientName: draft.recipient.name,
      recipientEmail: draft.recipient.email,
      subject: draft.subject,
      messageId: draft.messageId,
      inReplyTo: headers.inReplyTo,
      referenceIds: headers.references,
      replyTo: draft.replyTo,
      fromAddress: draft.fromAddress,
      headers: notificationHeaders(draft.subject, draft.ticketId, headers.threadIndex),
      textBody: draft.text,
      htmlBody: draft.html,
      state: EmailState.Pending,
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      skipReason: null,
      createdAt: now,
      sentAt: null,
    });
    await manager.getRepository(MailThread).upsert({ ...key, ...thread }, ['ticketId', 'recipientKind', 'recipientId']);
  }
}

function toThreadState(thread: MailThread): ThreadState {
  return {
    rootMessageId: thread.rootMessageId,
    recentMessageIds: thread.recentMessageIds,
    mailCount: thread.mailCount,
    startedAt: thread.startedAt,
  };
}
