// Times the auto-close sweep on N generated tickets and prints the plan of one batch:
//   node dist/services/tickets/bench/auto-close-sweep.js [tickets=1000000]
import { Logger } from '@nestjs/common';
import { Client } from 'pg';

import { TicketStatus } from '@helpdesk/contracts';
import { createServiceDataSource, ensureDatabase } from '@helpdesk/database';
import { addToOutbox, Outbox } from '@helpdesk/outbox';
import type { EntityManager } from 'typeorm';
import { AutoClosePolicy, DAY_MS, departmentSweeps } from '../src/auto-close/auto-close-policy';
import { AutoCloseRepository } from '../src/auto-close/auto-close.repository';
import { AutoCloseService } from '../src/auto-close/auto-close.service';
import { Clock } from '../src/common/clock';
import { TicketTransactions } from '../src/ticket-writes/ticket-writer';
import { prepareBenchDatabase } from './bench-database';
import { oneConnectionTransactions } from './one-connection';
import { seedTickets } from '../../../bench/seed-tickets';

const AS_OF = new Date('2027-01-01T00:00:00Z');

async function main(): Promise<void> {
  Logger.overrideLogger(['error', 'warn']);
  const tickets = Number(process.argv[2] ?? 1_000_000);
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/helpdesk_bench';
  await ensureDatabase(url);
  await prepareBenchDatabase(url);
  const client = new Client({ connectionString: url });
  await client.connect();
  const seeded = Date.now();
  await seedTickets(client, { tickets, departments: 20, clients: 5_000, staff: 60 });
  // Mixed windows: four departments never auto-close (their old answered tickets stay), four wait 60 days.
  await client.query(
    `UPDATE "tickets"."departments" SET "auto_close_days" = CASE WHEN "id" <= 4 THEN 0 WHEN "id" <= 8 THEN 60 END`,
  );
  await client.query('ANALYZE "tickets"."tickets"');
  console.log(`seeded ${tickets} tickets in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);

  const policy: AutoClosePolicy = {
    defaultWindowMs: 7 * DAY_MS,
    statuses: [TicketStatus.Answered],
    reminderBeforeMs: 0,
    batchSize: 500,
  };
  const plan = await explainFirstBatch(client, policy);
  console.log(`one batch of ${policy.batchSize}:\n${plan}`);

  const { rows } = await client.query(`SELECT count(*)::int AS n FROM "tickets"."tickets" WHERE "status" = 'answered'`);
  const dataSource = createServiceDataSource({
    url,
    schema: 'tickets',
    entities: [],
    migrations: [],
    poolSize: 2,
    applicationName: 'helpdesk-bench',
  });
  await dataSource.initialize();
  const clock = new (class extends Clock {
    now = () => new Date(AS_OF);
  })();
  const outbox = { add: addToOutboxOfTickets, flushSoon: () => undefined } as unknown as Outbox;
  const service = new AutoCloseService(
    policy,
    new AutoCloseRepository(dataSource, new TicketTransactions(dataSource, outbox)),
    clock,
  );
  for (const label of ['first sweep (closes the backlog)', 'next sweep (nothing due)', 'next sweep (nothing due)']) {
    const started = process.hrtime.bigint();
    const result = await service.sweep();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(
      `${label.padEnd(34)} ${ms.toFixed(1).padStart(9)} ms  closed ${result.closed} of ${rows[0].n} answered in ${result.batches} batches`,
    );
  }
  await dataSource.destroy();
  await client.end();
}

/** The sweep's events go to the bench database's outbox, as in the service (nothing relays them). */
function addToOutboxOfTickets(manager: EntityManager, events: Parameters<typeof addToOutbox>[2]): Promise<void> {
  return addToOutbox(manager, 'tickets', events);
}

/** EXPLAIN (ANALYZE, BUFFERS) of the first close batch, rolled back. */
async function explainFirstBatch(client: Client, policy: AutoClosePolicy): Promise<string> {
  const departments = departmentSweeps(
    (await client.query(`SELECT "id", "auto_close_days" AS "autoCloseDays" FROM "tickets"."departments"`)).rows,
    policy,
    AS_OF,
  );
  let plan = '';
  const explaining = {
    query: async (sql: string, params: unknown[]) => {
      const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      plan = rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
      return [{ selected: 0, id: null }];
    },
  };
  await client.query('BEGIN');
  try {
    await new AutoCloseRepository(explaining as never, oneConnectionTransactions(explaining.query)).closeBatch({
      departments,
      statuses: policy.statuses,
      asOf: AS_OF,
      reminderBeforeMs: 0,
      batchSize: policy.batchSize,
    });
  } finally {
    await client.query('ROLLBACK');
  }
  return plan;
}

void main();
