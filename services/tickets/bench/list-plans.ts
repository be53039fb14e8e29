// Prints EXPLAIN (ANALYZE, BUFFERS) and the latency of every list query on N generated tickets:
//   node dist/services/tickets/bench/list-plans.js [tickets=1000000]
import { Client } from 'pg';

import { ensureDatabase } from '@helpdesk/database';
import { explainListQuery, listCases, runListQuery } from './list-queries';
import { prepareBenchDatabase } from './bench-database';
import { seedTickets } from '../../../bench/seed-tickets';

async function main(): Promise<void> {
  const tickets = Number(process.argv[2] ?? 1_000_000);
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/helpdesk_bench';
  await ensureDatabase(url);
  await prepareBenchDatabase(url);
  // As the services' connections (libs/database/src/data-source.ts).
  const client = new Client({ connectionString: url, options: '-c jit=off -c random_page_cost=1.1' });
  await client.connect();
  const started = Date.now();
  await seedTickets(client, { tickets, departments: 20, clients: 5_000, staff: 60 });
  console.log(`seeded ${tickets} tickets in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const listCase of listCases()) {
    await runListQuery(client, listCase);
    const times = [];
    for (let i = 0; i < 20; i++) {
      times.push(await runListQuery(client, listCase));
    }
    times.sort((a, b) => a - b);
    const plan = await explainListQuery(client, listCase);
    const seqScan = /Seq Scan on tickets/.test(plan) ? '  SEQ SCAN' : '';
    console.log(`${listCase.name.padEnd(28)} p50 ${times[10].toFixed(2)} ms  p95 ${times[18].toFixed(2)} ms${seqScan}`);
    if (process.env.SHOW_PLANS) {
      console.log(plan);
    }
  }
  await client.end();
}

void main();
