import { Client } from 'pg';

import { cpuMsOf } from '../lib/cpu';
import { closedLoop } from '../lib/stats';

export interface PgInsertResult {
  connections: number;
  perSecond: number;
  inserted: number;
  seconds: number;
  /** CPU ms per insert of the PostgreSQL backends that served them. */
  postgresCpuMsPerInsert: number;
}

/**
 * PostgreSQL's own ceiling for what a write costs: single-row INSERT transactions (autocommit,
 * one commit each) with the `pg` driver, `connections` at a time, into a scratch table.
 */
export async function probePgInserts(
  databaseUrl: string,
  connections: number,
  durationMs: number,
): Promise<PgInsertResult> {
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query('CREATE SCHEMA IF NOT EXISTS "bench_probe"');
  await admin.query(`
    CREATE TABLE IF NOT EXISTS "bench_probe"."inserts" (
      "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      "ticket_id" bigint NOT NULL,
      "body" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
  const { clients, backendCpuMs, end } = await connectMeasured(databaseUrl, connections);
  const body = 'Thanks, that fixed it. '.repeat(8);
  let sequence = 0;
  try {
    const cpuBefore = backendCpuMs();
    const result = await closedLoop(connections, durationMs, (worker) =>
      clients[worker].query('INSERT INTO "bench_probe"."inserts" ("ticket_id", "body") VALUES ($1, $2)', [
        ++sequence,
        body,
      ]),
    );
    const postgresCpuMsPerInsert = (backendCpuMs() - cpuBefore) / Math.max(1, result.completed);
    return {
      connections,
      perSecond: result.perSecond,
      inserted: result.completed,
      seconds: result.seconds,
      postgresCpuMsPerInsert,
    };
  } finally {
    await end();
    await admin.query('TRUNCATE "bench_probe"."inserts"');
    await admin.end();
  }
}

/** `connections` clients, and the CPU time their PostgreSQL backends have used so far. */
export async function connectMeasured(
  databaseUrl: string,
  connections: number,
): Promise<{ clients: Client[]; backendCpuMs: () => number; end: () => Promise<void> }> {
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      return client;
    }),
  );
  const backends = await Promise.all(
    clients.map(async (client) => (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number),
  );
  return {
    clients,
    backendCpuMs: () => backends.reduce((sum, pid) => sum + (cpuMsOf(pid) ?? 0), 0),
    end: async () => {
      await Promise.all(clients.map((client) => client.end()));
    },
  };
}

export async function dropPgProbe(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('DROP SCHEMA IF EXISTS "bench_probe" CASCADE');
  await client.end();
}
