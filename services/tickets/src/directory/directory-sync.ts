import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AccessEvents, EventEnvelope } from '@helpdesk/contracts';
import { EventConsumer } from '@helpdesk/messaging';
import { DataSource, EntityManager } from 'typeorm';

import { saveDepartmentCopy } from './department-copy';

export const DIRECTORY_SYNC_OPTIONS = Symbol('DIRECTORY_SYNC_OPTIONS');
export const DIRECTORY_SYNC_QUEUE = 'tickets.directory-sync';

/** The access events that rename what tickets keeps copies of; account mails are not its business. */
const DIRECTORY_EVENTS = [AccessEvents.DepartmentUpdated, AccessEvents.StaffUpdated, AccessEvents.ClientUpdated];
type DirectoryEventName = (typeof DIRECTORY_EVENTS)[number];

/**
 * Follows renames in the access service, so the names the ticket list shows and sorts by
 * (copied onto each ticket) stay current. Idempotent per event id.
 */
@Injectable()
export class DirectorySync implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer?: EventConsumer<DirectoryEventName>;

  constructor(
    @Inject(DIRECTORY_SYNC_OPTIONS) private readonly options: { url: string },
    private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    this.consumer = new EventConsumer(
      {
        url: this.options.url,
        queue: DIRECTORY_SYNC_QUEUE,
        events: DIRECTORY_EVENTS,
        prefetch: 8,
        maxAttempts: 10,
        retryDelayMs: 1_000,
      },
      (event) => this.apply(event),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.close();
  }

  async apply(event: EventEnvelope<DirectoryEventName>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const fresh = await manager.query<unknown[]>(
        `INSERT INTO "tickets"."processed_events" ("event_id") VALUES ($1) ON CONFLICT DO NOTHING RETURNING 1`,
        [event.eventId],
      );
      if (fresh.length === 0) {
        return;
      }
      await this.applyChange(manager, event);
    });
  }

  private async applyChange(manager: EntityManager, event: EventEnvelope<DirectoryEventName>): Promise<void> {
    switch (event.name) {
      case AccessEvents.DepartmentUpdated: {
        // Departments without tickets are copied too, so a ticket opened from an older
        // DepartmentView cannot bring back a window changed meanwhile.
        const { id, name, autoCloseDays, updatedAt } = event.payload;
        await saveDepartmentCopy(manager, { id, name, autoCloseDays, updatedAt });
        return;
      }
      case AccessEvents.StaffUpdated: {
        const { id, name } = event.payload;
        await manager.query(
          `UPDATE "tickets"."tickets" SET "assignee_name" = $2 WHERE "assignee_id" = $1 AND "assignee_name" <> $2`,
          [id, name],
        );
        return;
      }
      case AccessEvents.ClientUpdated: {
        const { id, name } = event.payload;
        await manager.query(
          `UPDATE "tickets"."tickets" SET "client_name" = $2 WHERE "client_id" = $1 AND "client_name" <> $2`,
          [id, name],
        );
        return;
      }
    }
  }
}
