import { currentCorrelationId } from '@helpdesk/config';
import { DomainEvent, EventName } from '@helpdesk/contracts';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/**
 * The transactional outbox: the DDL each owning service puts in a migration of its schema.
 * An event row commits or rolls back with the change that caused it.
 */
export function outboxTableSql(schema: string): string[] {
  return [
    `CREATE TABLE "${schema}"."outbox" (
      "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      "event_id" uuid NOT NULL UNIQUE,
      "name" text NOT NULL,
      "payload" jsonb NOT NULL,
      "correlation_id" text,
      "occurred_at" timestamptz NOT NULL DEFAULT now(),
      "published_at" timestamptz
    )`,
    `CREATE INDEX "outbox_unpublished_idx" ON "${schema}"."outbox" ("id") WHERE "published_at" IS NULL`,
  ];
}

/** Adds events to the outbox inside the caller's transaction; each payload is typed by its name. */
export async function addToOutbox<N extends EventName>(
  manager: EntityManager,
  schema: string,
  events: DomainEvent<N>[],
): Promise<void> {
  if (events.length === 0) {
    return;
  }
  // Arrays, not a VALUES list: four parameters whatever the number of events (PostgreSQL takes 65,535).
  await manager.query(
    `INSERT INTO "${schema}"."outbox" ("event_id", "name", "payload", "correlation_id")
     SELECT e."event_id", e."name", e."payload", $4 FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) AS e("event_id", "name", "payload")`,
    [
      events.map(() => randomUUID()),
      events.map((event) => event.name),
      events.map((event) => JSON.stringify(event.payload)),
      currentCorrelationId() ?? null,
    ],
  );
}
