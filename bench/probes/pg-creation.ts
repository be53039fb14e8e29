import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

import { closedLoop } from '../lib/stats';
import { connectMeasured, PgInsertResult } from './pg-insert';

const TABLES = ['tickets', 'messages', 'ticket_search', 'history', 'outbox'];

/**
 * What opening a ticket costs PostgreSQL alone: the statements of one creation (TicketWrites'
 * open command) as one transaction with the `pg` driver, `connections` at a time, into copies of the
 * tickets service's tables with the same indexes and foreign keys. Between this and the single-row
 * insert lies the data model; between this and the scenario, the services and the broker.
 */
export async function probePgCreations(
  databaseUrl: string,
  connections: number,
  durationMs: number,
): Promise<PgInsertResult> {
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  await createScratchTables(admin);
  const department = (await admin.query('SELECT "id", "name" FROM "tickets"."departments" ORDER BY "id" LIMIT 1'))
    .rows[0];
  const { clients, backendCpuMs, end } = await connectMeasured(databaseUrl, connections);
  try {
    const cpuBefore = backendCpuMs();
    const result = await closedLoop(connections, durationMs, (worker) => openTicket(clients[worker], department));
    return {
      connections,
      perSecond: result.perSecond,
      inserted: result.completed,
      seconds: result.seconds,
      postgresCpuMsPerInsert: (backendCpuMs() - cpuBefore) / Math.max(1, result.completed),
    };
  } finally {
    await end();
    await admin.query('DROP SCHEMA IF EXISTS "bench_creation" CASCADE');
    await admin.end();
  }
}

async function createScratchTables(admin: Client): Promise<void> {
  await admin.query('DROP SCHEMA IF EXISTS "bench_creation" CASCADE');
  await admin.query('CREATE SCHEMA "bench_creation"');
  for (const table of TABLES) {
    await admin.query(`CREATE TABLE "bench_creation"."${table}" (LIKE "tickets"."${table}" INCLUDING ALL)`);
  }
  await admin.query(`ALTER TABLE "bench_creation"."tickets"
    ADD FOREIGN KEY ("department_id") REFERENCES "tickets"."departments" ("id")`);
  for (const table of ['messages', 'ticket_search', 'history']) {
    await admin.query(`ALTER TABLE "bench_creation"."${table}"
      ADD FOREIGN KEY ("ticket_id") REFERENCES "bench_creation"."tickets" ("id") ON DELETE CASCADE`);
  }
}

const SUBJECT = 'Invoice 2041 charged twice';
const BODY = 'Hello, my card was charged twice for invoice 2041. Could you refund the second charge? '.repeat(2);

async function openTicket(client: Client, department: { id: number; name: string }): Promise<void> {
  const now = new Date();
  await client.query('BEGIN');
  try {
    await client.query('SELECT * FROM "tickets"."departments" WHERE "id" = $1', [department.id]);
    const ticket = await client.query(
      `INSERT INTO "bench_creation"."tickets" ("subject", "client_id", "client_name", "department_id", "status",
         "priority", "assignee_id", "assignee_name", "created_at", "last_activity_at", "closed_at")
       VALUES ($1, $2, $3, $4, 'open', 'medium', NULL, '', $5, $5, NULL) RETURNING *`,
      [SUBJECT, 1, 'Bench Client', department.id, now],
    );
    const ticketId = ticket.rows[0].id;
    const message = await client.query(
      `INSERT INTO "bench_creation"."messages" ("ticket_id", "author_kind", "author_id", "author_name", "body",
         "internal", "via", "created_at") VALUES ($1, 'client', $2, $3, $4, false, 'web', $5) RETURNING *`,
      [ticketId, 1, 'Bench Client', BODY, now],
    );
    await client.query(
      `INSERT INTO "bench_creation"."ticket_search" ("ticket_id", "document") VALUES ($1, to_tsvector('simple', $2))`,
      [ticketId, `${SUBJECT}\n${BODY}`],
    );
    await client.query(
      `INSERT INTO "bench_creation"."history" ("ticket_id", "actor_kind", "actor_id", "actor_name", "action",
         "details", "created_at") VALUES ($1, 'client', $2, $3, 'opened', $4, $5)`,
      [ticketId, 1, 'Bench Client', JSON.stringify({ messageId: Number(message.rows[0].id) }), now],
    );
    await client.query(
      `INSERT INTO "bench_creation"."outbox" ("event_id", "name", "payload", "correlation_id") VALUES ($1, $2, $3, $4)`,
      [randomUUID(), 'ticket.opened', JSON.stringify({ ticket: ticket.rows[0], message: message.rows[0] }), null],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
