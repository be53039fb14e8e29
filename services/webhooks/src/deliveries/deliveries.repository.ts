import { Injectable } from '@nestjs/common';
import { DeliveryStatus, WebhookDeliveryDetail, WebhookDeliveryView, WebhookServiceEvents } from '@helpdesk/contracts';
import { Outbox } from '@helpdesk/outbox';
import { DataSource } from 'typeorm';

import { WebhookRow } from '../webhooks/webhooks.repository';

export interface DeliveryRow {
  id: string;
  seq: string;
  webhook_id: number;
  event: string;
  ticket_id: number | null;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date | null;
  retry_window_started_at: Date;
  last_attempt_at: Date | null;
  response_code: number | null;
  response_body: string | null;
  duration_ms: number | null;
  error: string | null;
  request_headers: Record<string, string> | null;
  occurred_at: Date;
  created_at: Date;
}

/** A due delivery with what sending it needs from its webhook. */
export type ClaimedDelivery = DeliveryRow &
  Pick<WebhookRow, 'url' | 'secret' | 'previous_secret' | 'previous_secret_expires_at'>;

export interface NewDelivery {
  id: string;
  webhookId: number;
  /** The internal event it came from: the same event twice records one delivery. */
  sourceEventId: string | null;
  event: string;
  ticketId: number | null;
  body: string;
  occurredAt: string;
}

export interface AttemptRecord {
  status: DeliveryStatus;
  nextAttemptAt: Date | null;
  responseCode: number | null;
  responseBody: string | null;
  durationMs: number;
  error: string | null;
  requestHeaders: Record<string, string>;
}

const OPEN = `('pending', 'failed')`;

@Injectable()
export class DeliveriesRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /** Records deliveries once: an event delivered again by the broker adds nothing. */
  async insert(deliveries: NewDelivery[]): Promise<void> {
    if (deliveries.length === 0) {
      return;
    }
    await this.dataSource.query(
      `INSERT INTO "webhooks"."deliveries"
         ("id", "webhook_id", "source_event_id", "event", "ticket_id", "body", "status", "next_attempt_at",
          "retry_window_started_at", "occurred_at")
       SELECT d."id", d."webhook_id", d."source_event_id", d."event", d."ticket_id", d."body", 'pending', now(), now(),
              d."occurred_at"
         FROM jsonb_to_recordset($1::jsonb) AS d("id" uuid, "webhook_id" int, "source_event_id" text, "event" text,
              "ticket_id" int, "body" text, "occurred_at" timestamptz)
       ON CONFLICT ("webhook_id", "source_event_id") DO NOTHING`,
      [
        JSON.stringify(
          deliveries.map((delivery) => ({
            id: delivery.id,
            webhook_id: delivery.webhookId,
            source_event_id: delivery.sourceEventId,
            event: delivery.event,
            ticket_id: delivery.ticketId,
            body: delivery.body,
            occurred_at: delivery.occurredAt,
          })),
        ),
      ],
    );
  }

  /**
   * Takes up to `limit` due deliveries of active webhooks for `leaseMs`. A delivery waits while
   * an earlier one of the same webhook and ticket is still open, so each ticket's events arrive
   * in order; replicas skip each other's rows.
   */
  claimDue(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    return this.dataSource.query<ClaimedDelivery[]>(
      `WITH due AS (
         SELECT d."id" FROM "webhooks"."deliveries" d
           JOIN "webhooks"."webhooks" w ON w."id" = d."webhook_id" AND w."active"
          WHERE d."status" IN ${OPEN} AND d."next_attempt_at" <= now()
            AND (d."leased_until" IS NULL OR d."leased_until" < now())
            AND NOT EXISTS (
              SELECT 1 FROM "webhooks"."deliveries" e
               WHERE e."webhook_id" = d."webhook_id" AND e."ticket_id" = d."ticket_id"
                 AND e."status" IN ${OPEN} AND e."seq" < d."seq")
          ORDER BY d."next_attempt_at", d."seq"
          LIMIT $1
            FOR UPDATE OF d SKIP LOCKED
       ), leased AS (
         UPDATE "webhooks"."deliveries" d SET "leased_until" = now() + make_interval(secs => $2)
           FROM due WHERE d."id" = due."id" RETURNING d.*
       )
       SELECT leased.*, w."url", w."secret", w."previous_secret", w."previous_secret_expires_at"
         FROM leased JOIN "webhooks"."webhooks" w ON w."id" = leased."webhook_id"
        ORDER BY leased."seq"`,
      [limit, leaseMs / 1000],
    );
  }

  /**
   * Records an attempt and keeps the webhook's count of dead deliveries in a row: reset by a
   * success, raised by a death, and at `disableAfterDead` the webhook is turned off, with a
   * `webhook.disabled` event in the same transaction. Answers true when this attempt turned it off.
   */
  async recordAttempt(delivery: DeliveryRow, attempt: AttemptRecord, disableAfterDead: number): Promise<boolean> {
    const disabled = await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE "webhooks"."deliveries"
            SET "status" = $2, "attempts" = "attempts" + 1, "next_attempt_at" = $3, "leased_until" = NULL,
                "last_attempt_at" = now(), "response_code" = $4, "response_body" = $5, "duration_ms" = $6,
                "error" = $7, "request_headers" = $8
          WHERE "id" = $1`,
        [
          delivery.id,
          attempt.status,
          attempt.nextAttemptAt,
          attempt.responseCode,
          attempt.responseBody,
          attempt.durationMs,
          attempt.error,
          JSON.stringify(attempt.requestHeaders),
        ],
      );
      if (attempt.status === DeliveryStatus.Succeeded) {
        await manager.query(
          `UPDATE "webhooks"."webhooks" SET "consecutive_dead" = 0 WHERE "id" = $1 AND "consecutive_dead" > 0`,
          [delivery.webhook_id],
        );
        return false;
      }
      if (attempt.status !== DeliveryStatus.Dead) {
        return false;
      }
      const [webhook] = await manager.query<Pick<WebhookRow, 'active' | 'consecutive_dead' | 'url'>[]>(
        `SELECT "active", "consecutive_dead", "url" FROM "webhooks"."webhooks" WHERE "id" = $1 FOR UPDATE`,
        [delivery.webhook_id],
      );
      if (!webhook) {
        return false;
      }
      const dead = webhook.consecutive_dead + 1;
      const disables = webhook.active && dead >= disableAfterDead;
      const reason = `${dead} deliveries in a row were dead`;
      await manager.query(
        `UPDATE "webhooks"."webhooks"
            SET "consecutive_dead" = $2, "active" = "active" AND NOT $3,
                "disabled_reason" = CASE WHEN $3 THEN $4 ELSE "disabled_reason" END, "updated_at" = now()
          WHERE "id" = $1`,
        [delivery.webhook_id, dead, disables, reason],
      );
      if (disables) {
        await this.outbox.add(manager, [
          {
            name: WebhookServiceEvents.Disabled,
            payload: { webhookId: delivery.webhook_id, url: webhook.url, reason },
          },
        ]);
      }
      return disables;
    });
    if (disabled) {
      this.outbox.flushSoon();
    }
    return disabled;
  }

  list(webhookId: number, status: DeliveryStatus | undefined, limit: number): Promise<DeliveryRow[]> {
    return this.dataSource.query<DeliveryRow[]>(
      `SELECT * FROM "webhooks"."deliveries"
        WHERE "webhook_id" = $1 AND ($2::text IS NULL OR "status" = $2)
        ORDER BY "created_at" DESC, "seq" DESC LIMIT $3`,
      [webhookId, status ?? null, limit],
    );
  }

  async findById(webhookId: number, id: string): Promise<DeliveryRow | null> {
    const rows = await this.dataSource.query<DeliveryRow[]>(
      `SELECT * FROM "webhooks"."deliveries" WHERE "webhook_id" = $1 AND "id" = $2`,
      [webhookId, id],
    );
    return rows[0] ?? null;
  }

  /** Due again now, with a fresh retry window; the id (and so X-Helpdesk-Delivery) stays. */
  async redeliver(webhookId: number, id: string): Promise<DeliveryRow | null> {
    const [rows] = await this.dataSource.query<[DeliveryRow[], number]>(
      `UPDATE "webhooks"."deliveries"
          SET "status" = CASE WHEN "attempts" = 0 THEN 'pending' ELSE 'failed' END,
              "next_attempt_at" = now(), "retry_window_started_at" = now(), "leased_until" = NULL
        WHERE "webhook_id" = $1 AND "id" = $2 RETURNING *`,
      [webhookId, id],
    );
    return rows[0] ?? null;
  }

  /** Deletes finished deliveries older than `retainMs`; answers how many. */
  async purgeFinished(retainMs: number): Promise<number> {
    const [, count] = await this.dataSource.query<[unknown, number]>(
      `DELETE FROM "webhooks"."deliveries"
        WHERE "status" IN ('succeeded', 'dead') AND "created_at" < now() - make_interval(secs => $1)`,
      [retainMs / 1000],
    );
    return count;
  }
}

export function toDeliveryView(row: DeliveryRow): WebhookDeliveryView {
  const open = row.status === DeliveryStatus.Pending || row.status === DeliveryStatus.Failed;
  return {
    id: row.id,
    webhookId: row.webhook_id,
    event: row.event,
    ticketId: row.ticket_id,
    status: row.status,
    attempts: row.attempts,
    responseCode: row.response_code,
    durationMs: row.duration_ms,
    error: row.error,
    nextAttemptAt: open && row.next_attempt_at ? row.next_attempt_at.toISOString() : null,
    lastAttemptAt: row.last_attempt_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

export function toDeliveryDetail(row: DeliveryRow, url: string): WebhookDeliveryDetail {
  return {
    ...toDeliveryView(row),
    request: { url, headers: row.request_headers ?? {}, body: row.body },
    responseBody: row.response_body,
  };
}
