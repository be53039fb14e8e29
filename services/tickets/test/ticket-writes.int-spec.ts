import { Logger } from '@nestjs/common';
import {
  DomainEvent,
  ErrorCode,
  HistoryAction,
  MessageVia,
  Principal,
  PrincipalKind,
  ReplyToClosedPolicy,
  StaffRole,
  TicketEvents,
  TicketStatus,
} from '@helpdesk/contracts';
import { createServiceDataSource, runServiceMigrations } from '@helpdesk/database';
import { AttachmentsClient } from '@helpdesk/messaging';
import { addToOutbox, Outbox } from '@helpdesk/outbox';
import { TEST_POSTGRES_URL } from '@helpdesk/testing';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';

import { TICKETS_MIGRATIONS } from '../src/app.module';
import { MessageAttachment } from '../src/attachments/message-attachment.entity';
import { MessageAttachments } from '../src/attachments/message-attachments';
import { Clock } from '../src/common/clock';
import { DepartmentRef } from '../src/directory/department-ref.entity';
import { Directory } from '../src/directory/directory';
import { ClosedTicketDecision } from '../src/ticket-writes/closed-ticket-policy';
import { TicketChangeChecks } from '../src/ticket-writes/ticket-change-checks';
import { TicketTransactions } from '../src/ticket-writes/ticket-writer';
import { POLICY_UNKNOWN } from '../src/ticket-writes/ticket-commands';
import { TicketMerges } from '../src/ticket-writes/ticket-merge';
import { TicketSplits } from '../src/ticket-writes/ticket-split';
import { TicketUnmerges } from '../src/ticket-writes/ticket-unmerge';
import { TicketWrites } from '../src/ticket-writes/ticket-writes';
import { HistoryEntry } from '../src/tickets/history-entry.entity';
import { Message } from '../src/tickets/message.entity';
import { Ticket } from '../src/tickets/ticket.entity';
import { Mention, Participant } from '../src/participants/participant.entity';
import { ParticipantsRepository } from '../src/participants/participants.repository';
import { ParticipantsService } from '../src/participants/participants.service';
import { TicketsRepository } from '../src/tickets/tickets.repository';

const casey: Principal = {
  kind: PrincipalKind.Client,
  id: 7,
  name: 'Casey',
  email: 'casey@client.test',
  departmentIds: [],
};
const alex: Principal = {
  kind: PrincipalKind.Staff,
  id: 11,
  role: StaffRole.Staff,
  name: 'Alex',
  email: 'alex@helpdesk.test',
  departmentIds: [1],
};
const billing = { id: 1, name: 'Billing', active: true, autoCloseDays: null };

describe('ticket writes (PostgreSQL)', () => {
  const databaseName = `helpdesk_test_ticket_writes_${randomBytes(4).toString('hex')}`;
  let dataSource: DataSource;
  let db: Client;
  let writes: TicketWrites;
  let participants: ParticipantsService;
  const flushSoon = jest.fn();

  const historyOf = async (id: number) =>
    (
      await db.query(
        `SELECT "action", "actor_name", "details" FROM "tickets"."history" WHERE "ticket_id" = $1 ORDER BY "id"`,
        [id],
      )
    ).rows as { action: HistoryAction; actor_name: string; details: Record<string, unknown> }[];
  const eventsOf = async (id: number) =>
    (
      await db.query(
        `SELECT "name", "payload" FROM "tickets"."outbox" WHERE ("payload"->'ticket'->>'id')::bigint = $1 ORDER BY "id"`,
        [id],
      )
    ).rows as {
      name: string;
      payload: {
        actor: { name: string };
        ticket: { departmentName: string; writtenTo?: string | null };
        changes?: unknown;
        reason?: string;
      };
    }[];
  const messageCount = async (id: number) =>
    Number(
      (await db.query<{ count: string }>(`SELECT count(*) FROM "tickets"."messages" WHERE "ticket_id" = $1`, [id]))
        .rows[0].count,
    );

  const open = async () =>
    (
      await writes.execute({
        kind: 'open',
        principal: casey,
        body: { departmentId: 1, subject: 'Invoice', message: 'Charged twice' },
        via: MessageVia.Web,
      })
    ).id;
  const reply = (principal: Principal, ticketId: number) =>
    writes.execute({
      kind: 'add-message',
      principal,
      ticketId,
      text: 'Refunded',
      internal: false,
      via: MessageVia.Web,
    });

  beforeAll(async () => {
    Logger.overrideLogger(false);
    const admin = new Client({ connectionString: `${TEST_POSTGRES_URL}/postgres` });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${databaseName}"`);
    await admin.end();
    dataSource = createServiceDataSource({
      url: `${TEST_POSTGRES_URL}/${databaseName}`,
      schema: 'tickets',
      entities: [Ticket, Message, HistoryEntry, DepartmentRef, MessageAttachment, Participant, Mention],
      migrations: TICKETS_MIGRATIONS,
      poolSize: 4,
      applicationName: 'ticket-writes-int-spec',
    });
    await dataSource.initialize();
    await runServiceMigrations(dataSource, 'tickets');
    db = new Client({ connectionString: `${TEST_POSTGRES_URL}/${databaseName}` });
    await db.connect();
    const outbox = {
      add: (manager: EntityManager, events: DomainEvent[]) => addToOutbox(manager, 'tickets', events),
      flushSoon,
    } as unknown as Outbox;
    const directory = {
      activeDepartment: () => Promise.resolve(billing),
      client: () => Promise.resolve(casey),
      departments: () => Promise.resolve([]),
    } as unknown as Directory;
    const transactions = new TicketTransactions(dataSource, outbox);
    const clock = new Clock();
    participants = new ParticipantsService(
      { maxCcs: 20, replyDomain: 'help.example.test', mailFrom: 'support@example.test' },
      new ParticipantsRepository(dataSource),
      new TicketsRepository(dataSource),
      directory,
      dataSource,
      clock,
    );
    writes = new TicketWrites(
      transactions,
      directory,
      new MessageAttachments({} as AttachmentsClient, dataSource),
      new TicketChangeChecks(new TicketsRepository(dataSource), directory),
      clock,
      participants,
      new TicketMerges(dataSource, transactions, directory, participants, clock),
      new TicketUnmerges(dataSource, transactions, clock),
      new TicketSplits(transactions, directory, clock),
    );
  }, 60_000);

  afterAll(async () => {
    await db?.end();
    await dataSource?.destroy();
    const admin = new Client({ connectionString: `${TEST_POSTGRES_URL}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    await admin.end();
  });

  beforeEach(() => flushSoon.mockClear());

  it('records each write as history and outbox events from one description, in the same order', async () => {
    const id = await open();
    await reply(alex, id);
    expect((await historyOf(id)).map((entry) => [entry.action, entry.actor_name])).toEqual([
      [HistoryAction.Opened, 'Casey'],
      [HistoryAction.Replied, 'Alex'],
      [HistoryAction.StatusChanged, 'Alex'],
    ]);
    const events = await eventsOf(id);
    expect(events.map((event) => [event.name, event.payload.actor.name])).toEqual([
      [TicketEvents.Opened, 'Casey'],
      [TicketEvents.Replied, 'Alex'],
      [TicketEvents.StatusChanged, 'Alex'],
    ]);
    const statusChange = { status: { from: TicketStatus.Open, to: TicketStatus.Answered } };
    expect((await historyOf(id))[2].details).toEqual(statusChange);
    expect(events[2].payload.changes).toEqual(statusChange);
    expect(events.map((event) => event.payload.ticket.departmentName)).toEqual(Array(3).fill(billing.name));
    expect(flushSoon).toHaveBeenCalledTimes(2);
  });

  it("stops a reply to a closed ticket whose department's policy it does not know, writing nothing", async () => {
    const id = await open();
    const emailReply = { kind: 'add-message', principal: casey, ticketId: id, text: 'Again', internal: false } as const;
    const policyUnknown = { ...emailReply, via: MessageVia.Email, closedTicketPolicy: POLICY_UNKNOWN };
    await expect(writes.execute(policyUnknown)).resolves.toMatchObject({ kind: 'added' });
    await writes.execute({ kind: 'change', principal: alex, ticketId: id, changes: { status: TicketStatus.Closed } });
    const before = { history: await historyOf(id), messages: await messageCount(id) };
    await expect(writes.execute(policyUnknown)).resolves.toMatchObject({
      kind: 'policy-needed',
      ticket: { status: TicketStatus.Closed },
    });
    expect({ history: await historyOf(id), messages: await messageCount(id) }).toEqual(before);
  });

  it('returns a reply the closed-ticket policy refuses as declined, having written nothing', async () => {
    const id = await open();
    await writes.execute({ kind: 'change', principal: alex, ticketId: id, changes: { status: TicketStatus.Closed } });
    const before = { history: await historyOf(id), events: await eventsOf(id), messages: await messageCount(id) };
    flushSoon.mockClear();
    const outcome = await writes.execute({
      kind: 'add-message',
      principal: casey,
      ticketId: id,
      text: 'One more thing',
      internal: false,
      via: MessageVia.Email,
      closedTicketPolicy: { replyToClosedPolicy: ReplyToClosedPolicy.Refuse, reopenWithinDays: null },
    });
    expect(outcome).toMatchObject({ kind: 'declined', decision: ClosedTicketDecision.Refuse });
    expect({ history: await historyOf(id), events: await eventsOf(id), messages: await messageCount(id) }).toEqual(
      before,
    );
    expect(flushSoon).not.toHaveBeenCalled();
  });

  it('announces a close by hand as ticket.closed, and a change that changes nothing writes nothing', async () => {
    const id = await open();
    await writes.execute({ kind: 'change', principal: alex, ticketId: id, changes: { status: TicketStatus.Closed } });
    await writes.execute({ kind: 'change', principal: alex, ticketId: id, changes: { status: TicketStatus.Closed } });
    expect((await historyOf(id)).map((entry) => entry.action)).toEqual([
      HistoryAction.Opened,
      HistoryAction.StatusChanged,
    ]);
    expect((await eventsOf(id)).map((event) => [event.name, event.payload.reason])).toEqual([
      [TicketEvents.Opened, undefined],
      [TicketEvents.Closed, 'manual'],
    ]);
  });

  it('keeps the address a ticket was written to: in its view and events, on a split, and never as its CC', async () => {
    const opened = await writes.execute({
      kind: 'open',
      principal: casey,
      body: { departmentId: 1, subject: 'Invoice', message: 'Charged twice' },
      via: MessageVia.Email,
      writtenTo: 'help@company.test',
    });
    expect(opened.writtenTo).toBe('help@company.test');
    const { message: second } = await reply(casey, opened.id);
    const splitId = await writes.execute({
      kind: 'split',
      principal: alex,
      ticketId: opened.id,
      messageIds: [second.id],
    });
    const tickets = new TicketsRepository(dataSource);
    for (const id of [opened.id, splitId]) {
      expect((await eventsOf(id)).map((event) => event.payload.ticket.writtenTo)).toContain('help@company.test');
      expect((await tickets.findById(id))?.writtenTo).toBe('help@company.test');
    }
    const split = (await tickets.findById(splitId)) as Ticket;
    await expect(participants.ccsFor(alex, split, ['Help@Company.test'], 'strict')).rejects.toMatchObject({
      code: ErrorCode.CcIsSystemAddress,
    });
    expect((await tickets.findById(await open()))?.writtenTo).toBeNull();
  });
});
