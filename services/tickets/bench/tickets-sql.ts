// A helper process of `npm run bench`, owned here because it runs the tickets service's own SQL:
// the benchmark times the list queries raw beside the same requests through the gateway, and
// the auto-close statement beside the sweep command, without compiling against tickets' code.
// Speaks bench/lib/child.ts's protocol: `{ ready }` once, then `{ request, ... }` → `{ reply, body }`.
import { TicketStatus } from '@helpdesk/contracts';
import { Client } from 'pg';

import { departmentSweeps } from '../src/auto-close/auto-close-policy';
import { oneConnectionTransactions } from './one-connection';
import { AutoCloseRepository } from '../src/auto-close/auto-close.repository';
import {
  buildTicketListQuery,
  decodeCursor,
  parseSort,
  TicketListFilter,
  TicketListScope,
} from '../src/tickets/ticket-list.query';

export interface ListQueryRequest {
  scope: TicketListScope;
  filter: TicketListFilter;
  sort: string;
  /** A nextCursor from the gateway, for a deep page. */
  cursor?: string;
  limit: number;
}

export interface RawSweepRequest {
  databaseUrl: string;
  asOf: string;
  windowMs: number;
  batchSize: number;
}

function listQuery(request: ListQueryRequest): { sql: string; params: unknown[] } {
  const sort = parseSort(request.sort);
  const cursor = request.cursor ? decodeCursor(request.cursor, sort) : undefined;
  return buildTicketListQuery(request.scope, request.filter, sort, cursor, request.limit);
}

/** The repository's close statement over every due answered ticket at once, on one connection, rolled back. */
async function rawSweep(request: RawSweepRequest): Promise<{ changed: number; seconds: number }> {
  const db = new Client({ connectionString: request.databaseUrl, options: '-c jit=off -c random_page_cost=1.1' });
  await db.connect();
  try {
    const asOf = new Date(request.asOf);
    const { rows } = await db.query<{ id: number; autoCloseDays: number | null }>(
      `SELECT "id", "auto_close_days" AS "autoCloseDays" FROM "tickets"."departments"`,
    );
    const departments = departmentSweeps(rows, { defaultWindowMs: request.windowMs, reminderBeforeMs: 0 }, asOf);
    const direct = { query: async (sql: string, params: unknown[]) => (await db.query(sql, params)).rows };
    await db.query('BEGIN');
    const started = process.hrtime.bigint();
    try {
      const outcome = await new AutoCloseRepository(
        direct as never,
        oneConnectionTransactions(direct.query),
      ).closeBatch({
        departments,
        statuses: [TicketStatus.Answered],
        asOf,
        reminderBeforeMs: 0,
        batchSize: request.batchSize,
      });
      return { changed: outcome.changed, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
    } finally {
      await db.query('ROLLBACK');
    }
  } finally {
    await db.end();
  }
}

const handlers: Record<string, (message: never) => unknown> = {
  'list-query': (message: ListQueryRequest) => listQuery(message),
  'raw-sweep': (message: RawSweepRequest) => rawSweep(message),
};

process.on('message', (message: { request?: string }) => {
  const handler = message.request ? handlers[message.request] : undefined;
  if (handler) {
    Promise.resolve(handler(message as never)).then(
      (body) => process.send?.({ reply: message.request, body }),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  }
});
process.on('SIGTERM', () => process.exit(0));
process.send?.({ ready: { pid: process.pid } });
