import { Client } from 'pg';

import { BenchContext } from '../lib/context';
import { appendTickets } from '../seed-tickets';
import { BenchWorld } from './world';

/** Seeded tickets: every 10th is `answered` and idle for months, so it is due for auto-close. */
export const ANSWERED_EVERY = 10;
const BULK_ROWS = 50_000;

/**
 * Grows the seeded tickets to `target` rows in the run's 20 departments (5,000 clients, 60
 * assignees, a year of activity ending six months ago). Large steps load without the secondary
 * indexes and rebuild them after (two at a time), as a bulk load should; then VACUUM ANALYZE and
 * a CHECKPOINT, so that neither autovacuum nor a checkpoint lands in the middle of a measurement.
 */
export async function growTickets(context: BenchContext, world: BenchWorld, target: number): Promise<number> {
  if (context.seeded >= target) {
    return 0;
  }
  const started = Date.now();
  const shape = {
    from: context.seeded,
    to: target,
    departmentIds: world.departments.map((department) => department.id),
    clients: 5_000,
    staff: 60,
    answeredEvery: ANSWERED_EVERY,
    activitySince: new Date(Date.now() - 548 * 86_400_000).toISOString(),
  };
  const db = context.db;
  if (target - context.seeded >= BULK_ROWS) {
    const { rows: indexes } = await db.query<{ name: string; definition: string }>(
      `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = '"tickets"."tickets"'::regclass
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
    );
    for (const index of indexes) {
      await db.query(`DROP INDEX "tickets"."${index.name}"`);
    }
    await appendTickets(db, shape);
    let next = 0;
    await Promise.all(
      [0, 1].map(async () => {
        const builder = new Client({ connectionString: context.infra.databaseUrl });
        await builder.connect();
        await builder.query(`SET maintenance_work_mem = '256MB'`);
        while (next < indexes.length) {
          await builder.query(indexes[next++].definition);
        }
        await builder.end();
      }),
    );
  } else {
    await appendTickets(db, shape);
  }
  await db.query('VACUUM (ANALYZE) "tickets"."tickets"');
  await db.query('CHECKPOINT');
  context.seeded = target;
  const seconds = (Date.now() - started) / 1000;
  context.log(`seeded tickets up to ${target.toLocaleString('en')} in ${seconds.toFixed(1)} s`);
  return seconds;
}
