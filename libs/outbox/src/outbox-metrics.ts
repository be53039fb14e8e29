import { Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';

interface OutboxBacklog {
  pending: number;
  oldestAgeSeconds: number;
}

const outboxes = new Map<string, () => Promise<OutboxBacklog>>();

async function readAll(): Promise<[string, OutboxBacklog][]> {
  return Promise.all([...outboxes].map(async ([schema, read]) => [schema, await read()] as [string, OutboxBacklog]));
}

new Gauge({
  name: 'helpdesk_outbox_pending_events',
  help: 'Events written to the outbox and not yet published to the broker, by schema',
  labelNames: ['schema'],
  async collect() {
    for (const [schema, backlog] of await readAll()) {
      this.set({ schema }, backlog.pending);
    }
  },
});

new Gauge({
  name: 'helpdesk_outbox_oldest_pending_age_seconds',
  help: 'Age of the oldest unpublished outbox event (0 when none waits), by schema',
  labelNames: ['schema'],
  async collect() {
    for (const [schema, backlog] of await readAll()) {
      this.set({ schema }, backlog.oldestAgeSeconds);
    }
  },
});

/** Reports the outbox of `schema` (its unpublished rows and the age of the oldest) at each scrape. */
export function trackOutboxBacklog(dataSource: DataSource, schema: string): void {
  outboxes.set(schema, async () => {
    const [row] = await dataSource.query<OutboxBacklog[]>(
      `SELECT count(*)::int AS "pending",
              COALESCE(EXTRACT(EPOCH FROM now() - min("occurred_at")), 0)::float AS "oldestAgeSeconds"
         FROM "${schema}"."outbox" WHERE "published_at" IS NULL`,
    );
    return row;
  });
}
