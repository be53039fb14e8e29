import { Logger } from '@nestjs/common';
import { DomainEvent, EventName, TicketEventName, TicketEvents, TicketStatus } from '@helpdesk/contracts';
import { createServiceDataSource, runServiceMigrations } from '@helpdesk/database';
import { parseEvent } from '@helpdesk/messaging';
import { addToOutbox, Outbox } from '@helpdesk/outbox';
import { testDatabase } from '@helpdesk/testing';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';

import { TICKETS_MIGRATIONS } from '../src/app.module';
import { AutoClosePolicy, DAY_MS } from '../src/auto-close/auto-close-policy';
import { AutoCloseRepository } from '../src/auto-close/auto-close.repository';
import { AutoCloseService } from '../src/auto-close/auto-close.service';
import { Clock } from '../src/common/clock';
import { TicketTransactions } from '../src/ticket-writes/ticket-writer';

const NOW = new Date('2026-11-27T12:00:00.000Z');
const ago = (ms: number, from = NOW) => new Date(from.getTime() - ms);
const later = (ms: number, from = NOW) => new Date(from.getTime() + ms);

/** The events the sweep writes through TicketWriter: each row read back is checked against the contract. */
const SWEEP_EVENTS = new Set([TicketEvents.Closed, TicketEvents.AutoCloseReminder]);

class FixedClock extends Clock {
  constructor(public at: Date) {
    super();
  }

  now(): Date {
    return new Date(this.at);
  }
}

describe('auto-close sweep (PostgreSQL)', () => {
  const database = testDatabase('auto_close');
  const databaseUrl = database.url;
  let dataSources: DataSource[] = [];
  let db: Client;
  /** The service's outbox as far as a transaction sees it: rows in "tickets"."outbox", a poke after commit. */
  const outbox = {
    add: <N extends EventName>(manager: EntityManager, events: DomainEvent<N>[]) =>
      addToOutbox(manager, 'tickets', events),
    flushSoon: jest.fn(),
  };

  const policy: AutoClosePolicy = {
    defaultWindowMs: 7 * DAY_MS,
    statuses: [TicketStatus.Answered],
    reminderBeforeMs: 0,
    batchSize: 50,
  };

  async function newDataSource(): Promise<DataSource> {
    const dataSource = createServiceDataSource({
      url: databaseUrl,
      schema: 'tickets',
      entities: [],
      migrations: TICKETS_MIGRATIONS,
      poolSize: 4,
      applicationName: 'auto-close-int-spec',
    });
    await dataSource.initialize();
    dataSources.push(dataSource);
    return dataSource;
  }

  /** A sweeper as one tickets replica would have it: its own pool, the same database. */
  async function sweeper(overrides: Partial<AutoClosePolicy> = {}, clock = new FixedClock(NOW)) {
    const service = new AutoCloseService({ ...policy, ...overrides }, await repository(), clock);
    return { service, clock };
  }

  async function repository(tickets: Pick<Outbox, 'add' | 'flushSoon'> = outbox): Promise<AutoCloseRepository> {
    const dataSource = await newDataSource();
    return new AutoCloseRepository(dataSource, new TicketTransactions(dataSource, tickets as Outbox));
  }

  async function department(id: number, autoCloseDays: number | null): Promise<void> {
    await db.query(`INSERT INTO "tickets"."departments" ("id", "name", "auto_close_days") VALUES ($1, $2, $3)`, [
      id,
      `Department ${id}`,
      autoCloseDays,
    ]);
  }

  async function ticket(departmentId: number, status: TicketStatus, lastActivityAt: Date): Promise<number> {
    const { rows } = await db.query(
      `INSERT INTO "tickets"."tickets" ("subject", "client_id", "client_name", "department_id", "status", "priority",
                                        "assignee_id", "assignee_name", "created_at", "last_activity_at")
       VALUES ('Printer on fire', 7, 'Casey Client', $1, $2, 'high', 11, 'Alex Agent', $3, $3) RETURNING "id"`,
      [departmentId, status, lastActivityAt],
    );
    return Number(rows[0].id);
  }

  async function manyTickets(
    departmentId: number,
    count: number,
    status: TicketStatus,
    lastActivityAt: Date,
  ): Promise<void> {
    await db.query(
      `INSERT INTO "tickets"."tickets" ("subject", "client_id", "client_name", "department_id", "status", "priority",
                                        "assignee_name", "created_at", "last_activity_at")
       SELECT 'Ticket ' || g, 7, 'Casey Client', $1, $2, 'medium', '', $3, $3 FROM generate_series(1, $4) g`,
      [departmentId, status, lastActivityAt, count],
    );
  }

  /** What a reply does to the row (the tickets service's addMessage, as far as the sweep can tell). */
  async function reply(client: Client, id: number, status: TicketStatus, at: Date): Promise<void> {
    await client.query(
      `UPDATE "tickets"."tickets" SET "status" = $2, "last_activity_at" = $3, "closed_at" = NULL WHERE "id" = $1`,
      [id, status, at],
    );
  }

  const statusOf = async (id: number) =>
    (await db.query(`SELECT "status" FROM "tickets"."tickets" WHERE "id" = $1`, [id])).rows[0].status as TicketStatus;
  const historyOf = async (id: number) =>
    (await db.query(`SELECT * FROM "tickets"."history" WHERE "ticket_id" = $1 ORDER BY "id"`, [id])).rows;
  /** The ticket's outbox rows named `name`, as a consumer receives them: validated by parseEvent. */
  const eventsOf = async (id: number, name: TicketEventName = TicketEvents.Closed) => {
    const { rows } = await db.query<{ eventId: string; name: string; payload: unknown; occurredAt: Date }>(
      `SELECT "event_id" AS "eventId", "name", "payload", "occurred_at" AS "occurredAt"
         FROM "tickets"."outbox" WHERE "name" = $2 AND ("payload"->'ticket'->>'id')::bigint = $1`,
      [id, name],
    );
    return rows.map((row) => parseEvent({ ...row, occurredAt: row.occurredAt.toISOString() }, SWEEP_EVENTS));
  };

  beforeAll(async () => {
    Logger.overrideLogger(false);
    await database.create();
    const migrator = await newDataSource();
    await runServiceMigrations(migrator, 'tickets');
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
  }, 60_000);

  afterAll(async () => {
    await db?.end();
    await Promise.all(dataSources.map((dataSource) => dataSource.destroy()));
    await database.drop();
  });

  beforeEach(async () => {
    await db.query(
      `TRUNCATE "tickets"."tickets", "tickets"."departments", "tickets"."outbox" RESTART IDENTITY CASCADE`,
    );
    outbox.flushSoon.mockClear();
  });

  afterEach(async () => {
    await Promise.all(dataSources.slice(1).map((dataSource) => dataSource.destroy()));
    dataSources = dataSources.slice(0, 1);
  });

  it("closes answered tickets past their department's window, and records each close once", async () => {
    await department(1, null);
    await department(2, 3);
    await department(3, 0);
    const old = [
      await ticket(1, TicketStatus.Answered, ago(8 * DAY_MS)),
      await ticket(2, TicketStatus.Answered, ago(8 * DAY_MS)),
    ];
    const midInShortWindow = await ticket(2, TicketStatus.Answered, ago(4 * DAY_MS));
    const midInDefault = await ticket(1, TicketStatus.Answered, ago(4 * DAY_MS));
    const off = await ticket(3, TicketStatus.Answered, ago(400 * DAY_MS));
    const { service } = await sweeper();

    await expect(service.sweep()).resolves.toEqual({ asOf: NOW.toISOString(), closed: 3, reminded: 0, batches: 1 });

    for (const id of [...old, midInShortWindow]) {
      expect(await statusOf(id)).toBe(TicketStatus.Closed);
    }
    expect(await statusOf(midInDefault)).toBe(TicketStatus.Answered);
    expect(await statusOf(off)).toBe(TicketStatus.Answered);
    const [row] = (await db.query(`SELECT * FROM "tickets"."tickets" WHERE "id" = $1`, [midInShortWindow])).rows;
    expect(row.closed_at).toEqual(NOW);
    expect(row.last_activity_at).toEqual(NOW);

    expect(await historyOf(midInShortWindow)).toEqual([
      expect.objectContaining({
        actor_kind: 'system',
        actor_id: null,
        actor_name: 'Auto-close',
        action: 'status_changed',
        details: { status: { from: 'answered', to: 'closed' }, reason: 'auto', windowMs: 3 * DAY_MS, windowDays: 3 },
        created_at: NOW,
      }),
    ]);
    const [event] = await eventsOf(midInShortWindow);
    expect(event.payload).toEqual({
      ticket: {
        id: midInShortWindow,
        subject: 'Printer on fire',
        status: 'closed',
        priority: 'high',
        departmentId: 2,
        departmentName: 'Department 2',
        clientId: 7,
        clientName: 'Casey Client',
        assigneeId: 11,
        assigneeName: 'Alex Agent',
        createdAt: ago(4 * DAY_MS).toISOString(),
        lastActivityAt: NOW.toISOString(),
        requesterVerified: true,
        mergedInto: null,
        writtenTo: null,
      },
      actor: { kind: 'system', id: null, name: 'Auto-close' },
      participants: { ccs: [], followerIds: [] },
      changes: { status: { from: 'answered', to: 'closed' } },
      reason: 'auto',
      autoClose: { windowMs: 3 * DAY_MS, windowDays: 3, closesAt: NOW.toISOString(), daysLeft: 0 },
    });
    expect(outbox.flushSoon).toHaveBeenCalled();

    await expect(service.sweep()).resolves.toMatchObject({ closed: 0 });
    expect(await historyOf(midInShortWindow)).toHaveLength(1);
  });

  it('leaves tickets in statuses that are not waiting on the client, unless configured', async () => {
    await department(1, null);
    const ids = Object.fromEntries(
      await Promise.all(
        [
          TicketStatus.Open,
          TicketStatus.CustomerReply,
          TicketStatus.InProgress,
          TicketStatus.OnHold,
          TicketStatus.Closed,
        ].map(async (status) => [status, await ticket(1, status, ago(30 * DAY_MS))] as const),
      ),
    );
    await expect((await sweeper()).service.sweep()).resolves.toMatchObject({ closed: 0 });
    for (const [status, id] of Object.entries(ids)) {
      expect(await statusOf(id)).toBe(status);
    }
    expect((await db.query(`SELECT count(*)::int AS n FROM "tickets"."history"`)).rows[0].n).toBe(0);

    const withOnHold = await sweeper({ statuses: [TicketStatus.Answered, TicketStatus.OnHold] });
    await expect(withOnHold.service.sweep()).resolves.toMatchObject({ closed: 1 });
    expect(await statusOf(ids[TicketStatus.OnHold])).toBe(TicketStatus.Closed);
    expect((await historyOf(ids[TicketStatus.OnHold]))[0].details.status).toEqual({ from: 'on_hold', to: 'closed' });
  });

  it('closes nothing in departments, or systems, whose auto-close is off', async () => {
    await department(1, null);
    await department(2, 5);
    const inDefault = await ticket(1, TicketStatus.Answered, ago(30 * DAY_MS));
    const inOwnWindow = await ticket(2, TicketStatus.Answered, ago(30 * DAY_MS));
    await expect((await sweeper({ defaultWindowMs: 0 })).service.sweep()).resolves.toMatchObject({ closed: 1 });
    expect(await statusOf(inDefault)).toBe(TicketStatus.Answered);
    expect(await statusOf(inOwnWindow)).toBe(TicketStatus.Closed);
  });

  it('skips a ticket another transaction is changing, and a reply that commits first wins', async () => {
    await department(1, null);
    const replying = await ticket(1, TicketStatus.Answered, ago(8 * DAY_MS));
    const repliedBefore = await ticket(1, TicketStatus.Answered, ago(8 * DAY_MS));
    const untouched = await ticket(1, TicketStatus.Answered, ago(8 * DAY_MS));
    await reply(db, repliedBefore, TicketStatus.CustomerReply, ago(1_000));

    const concurrent = new Client({ connectionString: databaseUrl });
    await concurrent.connect();
    try {
      await concurrent.query('BEGIN');
      await concurrent.query(`SELECT 1 FROM "tickets"."tickets" WHERE "id" = $1 FOR UPDATE`, [replying]);
      const { service } = await sweeper();
      await expect(service.sweep()).resolves.toMatchObject({ closed: 1 });
      expect(await statusOf(untouched)).toBe(TicketStatus.Closed);
      expect(await statusOf(replying)).toBe(TicketStatus.Answered);

      await reply(concurrent, replying, TicketStatus.Answered, NOW);
      await concurrent.query('COMMIT');
      await expect(service.sweep()).resolves.toMatchObject({ closed: 0 });
    } finally {
      await concurrent.end();
    }
    expect(await statusOf(replying)).toBe(TicketStatus.Answered);
    expect(await statusOf(repliedBefore)).toBe(TicketStatus.CustomerReply);
    expect(await historyOf(replying)).toEqual([]);
    expect(await eventsOf(repliedBefore)).toEqual([]);
  });

  it('a reply that waits on the sweep lands after the close, and reopens the ticket', async () => {
    await department(1, null);
    const id = await ticket(1, TicketStatus.Answered, ago(8 * DAY_MS));
    // Hold the sweep's transaction open after its writes: the reply blocks on the row lock, then sees the close.
    let commit = (): void => undefined;
    const committing = new Promise<void>((resolve) => (commit = resolve));
    let written = (): void => undefined;
    const writtenBeforeCommit = new Promise<void>((resolve) => (written = resolve));
    const holding = await repository({
      add: async (manager, events) => {
        await outbox.add(manager, events);
        written();
        await committing;
      },
      flushSoon: outbox.flushSoon,
    });
    const sweeping = new AutoCloseService(policy, holding, new FixedClock(NOW)).sweep();
    await writtenBeforeCommit;
    const replier = new Client({ connectionString: databaseUrl });
    await replier.connect();
    try {
      let repliedAt: number | null = null;
      const replied = replier
        .query(
          `UPDATE "tickets"."tickets" SET "status" = 'customer_reply', "last_activity_at" = $2, "closed_at" = NULL
            WHERE "id" = $1 RETURNING "status"`,
          [id, later(1_000)],
        )
        .finally(() => (repliedAt = Date.now()));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(repliedAt).toBeNull();
      commit();
      await expect(sweeping).resolves.toMatchObject({ closed: 1 });
      await expect(replied.then((result) => result.rows[0].status)).resolves.toBe('customer_reply');
    } finally {
      await replier.end();
    }
    const { service } = await sweeper();
    await expect(service.sweep(later(2_000))).resolves.toMatchObject({ closed: 0 });
    expect(await historyOf(id)).toHaveLength(1);
  });

  it('two sweeps at once close every ticket exactly once, with one history row and one event each', async () => {
    await department(1, null);
    await department(2, 2);
    await manyTickets(1, 600, TicketStatus.Answered, ago(10 * DAY_MS));
    await manyTickets(2, 400, TicketStatus.Answered, ago(3 * DAY_MS));
    await manyTickets(1, 100, TicketStatus.Answered, ago(1 * DAY_MS));
    const [first, second] = [await sweeper({ batchSize: 37 }), await sweeper({ batchSize: 37 })];

    const results = await Promise.all([first.service.sweep(), second.service.sweep(), first.service.sweep()]);

    expect(results.reduce((sum, result) => sum + result.closed, 0)).toBe(1_000);
    const { rows } = await db.query(
      `SELECT (SELECT count(*) FROM "tickets"."tickets" WHERE "status" = 'closed')::int AS "closed",
              (SELECT count(*) FROM "tickets"."history")::int AS "history",
              (SELECT count(DISTINCT "ticket_id") FROM "tickets"."history")::int AS "historyTickets",
              (SELECT count(*) FROM "tickets"."outbox" WHERE "name" = 'ticket.closed')::int AS "events",
              (SELECT count(DISTINCT "payload"->'ticket'->>'id') FROM "tickets"."outbox")::int AS "eventTickets"`,
    );
    expect(rows[0]).toEqual({
      closed: 1_000,
      history: 1_000,
      historyTickets: 1_000,
      events: 1_000,
      eventTickets: 1_000,
    });
    const [unassigned] = await eventsOf(1);
    expect(unassigned.payload.ticket).toMatchObject({ assigneeId: null, assigneeName: null });
  });

  describe('reminders', () => {
    const reminding = { reminderBeforeMs: 2 * DAY_MS };

    it('reminds once, the reminder period before the close, and closes when it said it would', async () => {
      await department(1, null);
      const lastActivity = ago(0);
      const id = await ticket(1, TicketStatus.Answered, lastActivity);
      const { service } = await sweeper(reminding);

      await expect(service.sweep(later(5 * DAY_MS - 1))).resolves.toMatchObject({ closed: 0, reminded: 0 });
      await expect(service.sweep(later(5 * DAY_MS))).resolves.toMatchObject({ closed: 0, reminded: 1 });
      await expect(service.sweep(later(6 * DAY_MS))).resolves.toMatchObject({ closed: 0, reminded: 0 });
      const [reminder] = await eventsOf(id, TicketEvents.AutoCloseReminder);
      expect(reminder.payload).toMatchObject({
        ticket: { id, status: 'answered' },
        actor: { kind: 'system', id: null, name: 'Auto-close' },
        reason: 'auto',
        autoClose: { windowMs: 7 * DAY_MS, windowDays: 7, closesAt: later(7 * DAY_MS).toISOString(), daysLeft: 2 },
      });

      await expect(service.sweep(later(7 * DAY_MS))).resolves.toMatchObject({ closed: 1, reminded: 0 });
      expect(await eventsOf(id, TicketEvents.AutoCloseReminder)).toHaveLength(1);
      expect(await historyOf(id)).toHaveLength(1);
    });

    it('a reply after the reminder cancels the close; the next quiet stretch gets a reminder of its own', async () => {
      await department(1, null);
      const id = await ticket(1, TicketStatus.Answered, NOW);
      const { service } = await sweeper(reminding);
      await expect(service.sweep(later(5 * DAY_MS))).resolves.toMatchObject({ reminded: 1 });

      const replyAt = later(6 * DAY_MS);
      await reply(db, id, TicketStatus.Answered, replyAt);
      await expect(service.sweep(later(8 * DAY_MS))).resolves.toMatchObject({ closed: 0, reminded: 0 });
      expect(await statusOf(id)).toBe(TicketStatus.Answered);

      await expect(service.sweep(later(5 * DAY_MS, replyAt))).resolves.toMatchObject({ closed: 0, reminded: 1 });
      await expect(service.sweep(later(7 * DAY_MS, replyAt))).resolves.toMatchObject({ closed: 1 });
      expect(await eventsOf(id, TicketEvents.AutoCloseReminder)).toHaveLength(2);
    });

    it('never closes sooner than the reminder said, even when the sweep ran late', async () => {
      await department(1, null);
      const id = await ticket(1, TicketStatus.Answered, ago(30 * DAY_MS));
      const { service } = await sweeper(reminding);
      await expect(service.sweep()).resolves.toMatchObject({ closed: 0, reminded: 1 });
      const [reminder] = await eventsOf(id, TicketEvents.AutoCloseReminder);
      expect(reminder.payload.autoClose).toMatchObject({ closesAt: later(2 * DAY_MS).toISOString(), daysLeft: 2 });
      await expect(service.sweep(later(2 * DAY_MS - 1))).resolves.toMatchObject({ closed: 0 });
      await expect(service.sweep(later(2 * DAY_MS))).resolves.toMatchObject({ closed: 1 });
    });

    it('does not remind in a department whose window is not longer than the reminder period', async () => {
      await department(1, 1);
      const id = await ticket(1, TicketStatus.Answered, ago(DAY_MS));
      await expect((await sweeper(reminding)).service.sweep()).resolves.toMatchObject({ closed: 1, reminded: 0 });
      expect(await statusOf(id)).toBe(TicketStatus.Closed);
    });

    it('two sweeps at once remind each ticket once', async () => {
      await department(1, null);
      await manyTickets(1, 300, TicketStatus.Answered, ago(6 * DAY_MS));
      const [first, second] = [
        await sweeper({ ...reminding, batchSize: 20 }),
        await sweeper({ ...reminding, batchSize: 20 }),
      ];
      const results = await Promise.all([first.service.sweep(), second.service.sweep()]);
      expect(results[0].reminded + results[1].reminded).toBe(300);
      const { rows } = await db.query(
        `SELECT count(*)::int AS "events", count(DISTINCT "payload"->'ticket'->>'id')::int AS "tickets"
           FROM "tickets"."outbox" WHERE "name" = 'ticket.auto-close-reminder'`,
      );
      expect(rows[0]).toEqual({ events: 300, tickets: 300 });
    });
  });
});
