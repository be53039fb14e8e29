import { PollLoop } from '@helpdesk/config';
import { AnyEvent, EventEnvelope } from '@helpdesk/contracts';
import { EventPublisher } from '@helpdesk/messaging';
import type { DataSource } from 'typeorm';

/** A row as addToOutbox wrote it: a name and the payload the contract gives that name. */
type OutboxRow = AnyEvent & {
  id: string;
  event_id: string;
  correlation_id: string | null;
  occurred_at: Date;
};

export interface OutboxRelayOptions {
  schema: string;
  pollIntervalMs: number;
  batchSize: number;
  /** Published rows older than this are deleted. */
  retainPublishedMs: number;
}

/**
 * Publishes committed outbox rows in id order. Replicas share the work through
 * `FOR UPDATE SKIP LOCKED`; a row is marked published only after the broker confirmed it, so
 * a crash or a broker outage delays events but never drops them (consumers dedupe on eventId).
 */
export class OutboxRelay {
  private readonly loop: PollLoop;
  private lastPurgeAt = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: EventPublisher,
    private readonly options: OutboxRelayOptions,
  ) {
    this.loop = new PollLoop({
      name: 'Outbox relay',
      pollIntervalMs: options.pollIntervalMs,
      pass: () => this.relayPending().then(() => this.purgeOccasionally()),
    });
  }

  start(): void {
    this.loop.start();
  }

  /** Asks for a pass soon, e.g. right after a transaction that wrote events committed. */
  poke(): void {
    this.loop.poke();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One pass over what is pending; returns how many events it published. */
  async relayPending(): Promise<number> {
    let published = 0;
    for (;;) {
      const count = await this.relayBatch();
      published += count;
      if (count < this.options.batchSize || this.loop.stopping) {
        return published;
      }
    }
  }

  private async relayBatch(): Promise<number> {
    const { schema, batchSize } = this.options;
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT "id", "event_id", "name", "payload", "correlation_id", "occurred_at"
           FROM "${schema}"."outbox" WHERE "published_at" IS NULL
          ORDER BY "id" LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batchSize],
      );
      if (rows.length === 0) {
        return 0;
      }
      await Promise.all(rows.map((row) => this.publisher.publish(toEnvelope(row), row.correlation_id ?? undefined)));
      await manager.query(`UPDATE "${schema}"."outbox" SET "published_at" = now() WHERE "id" = ANY($1)`, [
        rows.map((row) => row.id),
      ]);
      return rows.length;
    });
  }

  private async purgeOccasionally(): Promise<void> {
    if (Date.now() - this.lastPurgeAt < 60_000) {
      return;
    }
    this.lastPurgeAt = Date.now();
    await this.dataSource.query(
      `DELETE FROM "${this.options.schema}"."outbox"
        WHERE "published_at" IS NOT NULL AND "published_at" < now() - make_interval(secs => $1)`,
      [this.options.retainPublishedMs / 1000],
    );
  }
}

function toEnvelope(row: OutboxRow): EventEnvelope {
  // The rest keeps each row's name and payload paired, as the contract types them.
  const { id: _id, correlation_id: _correlationId, event_id, occurred_at, ...event } = row;
  return { ...event, eventId: event_id, occurredAt: occurred_at.toISOString() };
}
