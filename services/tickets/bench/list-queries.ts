import { Client } from 'pg';

import { TicketSortKey } from '@helpdesk/contracts';
import { buildTicketListQuery, parseSort, TicketListScope } from '../src/tickets/ticket-list.query';

export interface ListCase {
  name: string;
  scope: TicketListScope;
  sort: string;
  filter?: Record<string, unknown>;
}

/** Every sort for admin and for staff of 3 departments, plus a filter. */
export function listCases(): ListCase[] {
  const sorts = Object.values(TicketSortKey).flatMap((key) => [`-${key}`, key]);
  const admin = sorts.map((sort) => ({ name: `admin ${sort}`, scope: { departmentIds: undefined }, sort }));
  const staff = sorts.map((sort) => ({ name: `staff(3) ${sort}`, scope: { departmentIds: [2, 7, 13] }, sort }));
  return [
    ...admin,
    ...staff,
    {
      name: 'staff(3) status=open',
      scope: { departmentIds: [2, 7, 13] },
      sort: '-lastActivityAt',
      filter: { status: 'open' },
    },
    { name: 'client own', scope: { clientId: 42 }, sort: '-lastActivityAt' },
  ];
}

export async function runListQuery(client: Client, listCase: ListCase, limit = 50): Promise<number> {
  const { sql, params } = buildTicketListQuery(
    listCase.scope,
    listCase.filter ?? {},
    parseSort(listCase.sort),
    undefined,
    limit + 1,
  );
  const started = process.hrtime.bigint();
  await client.query(sql, params);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export async function explainListQuery(client: Client, listCase: ListCase, limit = 50): Promise<string> {
  const { sql, params } = buildTicketListQuery(
    listCase.scope,
    listCase.filter ?? {},
    parseSort(listCase.sort),
    undefined,
    limit + 1,
  );
  const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
  return rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
}
