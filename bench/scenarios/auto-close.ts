import { Queues, TicketPatterns, TicketRpc } from '../../libs/contracts/src';
import { RpcClient } from '../../libs/messaging/src';
import type { RawSweepRequest } from '../../services/tickets/bench/tickets-sql';
import { BenchChild } from '../lib/child';
import { BenchContext } from '../lib/context';
import { elapsedMs } from '../lib/stats';
import { growTickets } from './dataset';
import { BenchWorld } from './world';

export interface SweepResult {
  tickets: number;
  eligible: number;
  closed: number;
  batches: number;
  /** The sweep command through RabbitMQ, as the scheduler sends it, until it answers. */
  seconds: number;
  /** The same close statement over every eligible ticket at once, on one connection, rolled back. */
  rawSeconds: number;
  /** Tickets left `closed` by the sweep at its moment (must equal `eligible`). */
  verified: number;
  /** CPU ms per closed ticket of each process during the sweep. */
  cpuMsPerTicket: Record<string, number>;
}

/** AUTO_CLOSE_AFTER's default (7 days), as the bench runs the tickets service. */
const WINDOW_MS = 7 * 24 * 3_600_000;

/**
 * The auto-close sweep over the seeded tickets (1M, every 10th answered and idle for months):
 * `tickets.auto-close-sweep` sent to the tickets service, timed until it has closed them all.
 */
export async function runSweepScenario(context: BenchContext, world: BenchWorld): Promise<SweepResult> {
  await growTickets(context, world, context.plan.sweepTickets);
  const asOf = new Date();
  const db = context.db;
  const { rows } = await db.query(
    `SELECT count(*)::int AS eligible FROM "tickets"."tickets" t JOIN "tickets"."departments" d ON d."id" = t."department_id"
      WHERE t."status" = 'answered' AND d."auto_close_days" IS NULL AND t."last_activity_at" <= $1`,
    [new Date(asOf.getTime() - WINDOW_MS)],
  );
  const eligible = rows[0].eligible as number;
  const total = (await db.query('SELECT count(*)::int AS n FROM "tickets"."tickets"')).rows[0].n as number;

  // The raw figure: the repository's own statement with no batch limit, then rolled back.
  context.memory.enter('sweep (raw SQL)');
  const ticketsSql = await BenchChild.start('../services/tickets/bench/tickets-sql');
  const raw = await ticketsSql
    .ask<{ changed: number; seconds: number }>(
      'raw-sweep',
      {
        databaseUrl: context.infra.databaseUrl,
        asOf: asOf.toISOString(),
        windowMs: WINDOW_MS,
        batchSize: eligible + 1,
      } satisfies RawSweepRequest,
      15 * 60_000,
    )
    .finally(() => ticketsSql.stop());
  if (raw.changed !== eligible) {
    context.log(`sweep: the raw statement would close ${raw.changed} of ${eligible}`);
  }
  const rawSeconds = raw.seconds;
  await db.query('VACUUM (ANALYZE) "tickets"."tickets"');
  await db.query('VACUUM "tickets"."history", "tickets"."outbox"');
  await db.query('CHECKPOINT');

  context.memory.enter('sweep');
  const client = new RpcClient<TicketRpc>(Queues.Tickets, { url: context.infra.rabbitmqUrl, timeoutMs: 15 * 60_000 });
  try {
    const cpuBefore = await context.cpu.snapshot();
    const started = process.hrtime.bigint();
    const result = await client.send(TicketPatterns.AutoCloseSweep, { asOf: asOf.toISOString() });
    const seconds = elapsedMs(started) / 1000;
    const cpuMsPerTicket = await context.cpu.perUnit(cpuBefore, result.closed);
    const verified = (
      await db.query(
        `SELECT count(*)::int AS n FROM "tickets"."tickets" WHERE "status" = 'closed' AND "closed_at" = $1`,
        [asOf],
      )
    ).rows[0].n as number;
    context.log(
      `sweep: closed ${result.closed} of ${eligible} eligible (of ${total} tickets) in ${seconds.toFixed(1)} s, ${result.batches} batches; raw ${rawSeconds.toFixed(1)} s`,
    );
    return {
      tickets: total,
      eligible,
      closed: result.closed,
      batches: result.batches,
      seconds,
      rawSeconds,
      verified,
      cpuMsPerTicket,
    };
  } finally {
    await client.onModuleDestroy();
  }
}
