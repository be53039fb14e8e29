import { Injectable } from '@nestjs/common';
import { WebhookEventName, WebhookView } from '@helpdesk/contracts';
import { DataSource } from 'typeorm';

import { isSealed, SecretBox } from '@helpdesk/config';

export interface WebhookRow {
  id: number;
  url: string;
  events: WebhookEventName[];
  department_ids: number[];
  include_notes: boolean;
  active: boolean;
  disabled_reason: string | null;
  consecutive_dead: number;
  /** Sealed (SecretBox): open it to sign. */
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface WebhookSettings {
  url: string;
  events: WebhookEventName[];
  departmentIds: number[];
  includeNotes: boolean;
  active: boolean;
}

@Injectable()
export class WebhooksRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly secrets: SecretBox,
  ) {}

  async create(settings: WebhookSettings, secret: string): Promise<WebhookRow> {
    const [row] = await this.dataSource.query<WebhookRow[]>(
      `INSERT INTO "webhooks"."webhooks" ("url", "events", "department_ids", "include_notes", "active", "secret")
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [
        settings.url,
        settings.events,
        settings.departmentIds,
        settings.includeNotes,
        settings.active,
        this.secrets.seal(secret),
      ],
    );
    return row;
  }

  async findById(id: number): Promise<WebhookRow | null> {
    const rows = await this.dataSource.query<WebhookRow[]>(`SELECT * FROM "webhooks"."webhooks" WHERE "id" = $1`, [id]);
    return rows[0] ?? null;
  }

  list(): Promise<WebhookRow[]> {
    return this.dataSource.query<WebhookRow[]>(`SELECT * FROM "webhooks"."webhooks" ORDER BY "id"`);
  }

  /** The active webhooks that may want an event; the caller filters by event and department. */
  listActive(): Promise<WebhookRow[]> {
    return this.dataSource.query<WebhookRow[]>(`SELECT * FROM "webhooks"."webhooks" WHERE "active" ORDER BY "id"`);
  }

  /** Turning a webhook (back) on clears why it was turned off and its count of dead deliveries. */
  async update(id: number, settings: WebhookSettings): Promise<WebhookRow | null> {
    const rows = await this.dataSource.query<[WebhookRow[], number]>(
      `UPDATE "webhooks"."webhooks"
          SET "url" = $2, "events" = $3, "department_ids" = $4, "include_notes" = $5, "active" = $6,
              "disabled_reason" = CASE WHEN $6 THEN NULL ELSE "disabled_reason" END,
              "consecutive_dead" = CASE WHEN $6 AND NOT "active" THEN 0 ELSE "consecutive_dead" END,
              "updated_at" = now()
        WHERE "id" = $1 RETURNING *`,
      [id, settings.url, settings.events, settings.departmentIds, settings.includeNotes, settings.active],
    );
    return rows[0][0] ?? null;
  }

  async delete(id: number): Promise<boolean> {
    const [, count] = await this.dataSource.query<[unknown, number]>(
      `DELETE FROM "webhooks"."webhooks" WHERE "id" = $1`,
      [id],
    );
    return count > 0;
  }

  /** The current secret becomes the previous one, signing alongside the new one until `overlapMs` passes. */
  async rotateSecret(id: number, secret: string, overlapMs: number): Promise<WebhookRow | null> {
    const rows = await this.dataSource.query<[WebhookRow[], number]>(
      `UPDATE "webhooks"."webhooks"
          SET "previous_secret" = "secret", "secret" = $2,
              "previous_secret_expires_at" = now() + make_interval(secs => $3), "updated_at" = now()
        WHERE "id" = $1 RETURNING *`,
      [id, this.secrets.seal(secret), overlapMs / 1000],
    );
    return rows[0][0] ?? null;
  }

  /**
   * Seals the secrets stored in plain text before WEBHOOK_SECRET_KEY existed. Each update names
   * the value it replaces, so a rotation or another replica sealing at the same time wins.
   */
  async sealPlaintextSecrets(): Promise<number> {
    const rows = await this.dataSource.query<Pick<WebhookRow, 'id' | 'secret' | 'previous_secret'>[]>(
      `SELECT "id", "secret", "previous_secret" FROM "webhooks"."webhooks"
        WHERE "secret" NOT LIKE 'v1.%' OR "previous_secret" NOT LIKE 'v1.%'`,
    );
    for (const row of rows) {
      const seal = (value: string | null) => (value === null || isSealed(value) ? value : this.secrets.seal(value));
      await this.dataSource.query(
        `UPDATE "webhooks"."webhooks" SET "secret" = $4, "previous_secret" = $5
          WHERE "id" = $1 AND "secret" = $2 AND "previous_secret" IS NOT DISTINCT FROM $3`,
        [row.id, row.secret, row.previous_secret, seal(row.secret), seal(row.previous_secret)],
      );
    }
    return rows.length;
  }
}

export function toWebhookView(row: WebhookRow, now: Date = new Date()): WebhookView {
  const overlapEnds = row.previous_secret_expires_at;
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    departmentIds: row.department_ids,
    includeNotes: row.include_notes,
    active: row.active,
    disabledReason: row.disabled_reason,
    consecutiveDead: row.consecutive_dead,
    previousSecretExpiresAt: overlapEnds && overlapEnds > now ? overlapEnds.toISOString() : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The (sealed) secrets that sign a request now: the current one, and the previous one during its overlap. */
export function signingSecrets(
  row: Pick<WebhookRow, 'secret' | 'previous_secret' | 'previous_secret_expires_at'>,
  now: Date,
): string[] {
  const previousValid = row.previous_secret && row.previous_secret_expires_at && row.previous_secret_expires_at > now;
  return previousValid ? [row.secret, row.previous_secret as string] : [row.secret];
}
