import { DEFAULT_TICKET_SORT, Page, TICKET_SORTS } from '../../libs/contracts/src';
import type { ListQueryRequest } from '../../services/tickets/bench/tickets-sql';
import { BenchChild } from '../lib/child';
import { BenchContext } from '../lib/context';
import { LatencySampler } from '../lib/http-load';
import { elapsedMs, Latency, summarize } from '../lib/stats';
import { growTickets } from './dataset';
import { BenchWorld } from './world';

type Who = 'admin' | 'staff';

interface ListCase {
  name: string;
  who: Who;
  sort: string;
  filter: ListQueryRequest['filter'];
  /** Page 50: the cursor the gateway gave after 49 pages. */
  page50?: boolean;
}

export interface ListCaseResult {
  name: string;
  who: Who;
  /** The page measured, for the page-50 cases (fewer pages exist for staff at 10k). */
  page?: number;
  gateway: Latency;
  /** The same query as raw SQL over one pg connection. */
  raw: Latency;
}

export interface ListSizeResult {
  tickets: number;
  seedSeconds: number;
  /** GET /api/ping (token check, principal lookup, one no-op RPC) per principal. */
  ping: Record<Who, Latency>;
  cases: ListCaseResult[];
  /** CPU ms per request of each process: the no-op and the admin's default list page. */
  cpuMsPerRequest: { ping: Record<string, number>; list: Record<string, number> };
}

export interface ListResult {
  sizes: ListSizeResult[];
  /** EXPLAIN (ANALYZE, BUFFERS) of the slowest raw queries at the largest size. */
  plans: { name: string; plan: string }[];
}

const PAGE_SIZE = 50;

function listCases(): ListCase[] {
  return (['admin', 'staff'] as const).flatMap((who) => [
    ...TICKET_SORTS.map((sort) => ({ name: `${who} sort=${sort}`, who, sort, filter: {} })),
    { name: `${who} status=open`, who, sort: DEFAULT_TICKET_SORT, filter: { status: 'open' as never } },
    { name: `${who} page 50`, who, sort: DEFAULT_TICKET_SORT, filter: {}, page50: true },
  ]);
}

/**
 * The admin list through the gateway with real tokens at each data size: every sort, a filter
 * and page 50, for an admin and for staff of 3 departments; the same queries as raw SQL beside,
 * and a signed-in no-op (GET /api/ping) as the plumbing's own cost.
 */
export async function runListScenario(context: BenchContext, world: BenchWorld): Promise<ListResult> {
  const sampler = new LatencySampler(context.system.baseUrl);
  const tokens: Record<Who, string> = { admin: world.admin.token, staff: world.staff.token };
  const scopes: Record<Who, ListQueryRequest['scope']> = {
    admin: { departmentIds: undefined },
    staff: { departmentIds: world.staff.departmentIds },
  };
  const cases = listCases();
  const result: ListResult = { sizes: [], plans: [] };
  const ticketsSql = await BenchChild.start('../services/tickets/bench/tickets-sql');
  try {
    for (const size of context.plan.listSizes) {
      context.memory.enter(`list ${size}`);
      const seedSeconds = await growTickets(context, world, size);
      const deep = await page50Cursors(sampler, tokens);
      const cursors = { admin: deep.admin.cursor, staff: deep.staff.cursor };
      const pathOf = (listCase: ListCase) =>
        listCase.page50
          ? `/api/tickets?cursor=${encodeURIComponent(cursors[listCase.who])}`
          : `/api/tickets?sort=${encodeURIComponent(listCase.sort)}${listCase.filter.status ? `&status=${listCase.filter.status}` : ''}`;
      /** The SQL the tickets service runs for the case, from its own code (services/tickets/bench). */
      const rawOf = (listCase: ListCase) =>
        ticketsSql.ask<{ sql: string; params: unknown[] }>('list-query', {
          scope: scopes[listCase.who],
          filter: listCase.filter,
          sort: listCase.sort,
          cursor: listCase.page50 ? cursors[listCase.who] : undefined,
          limit: PAGE_SIZE + 1,
        } satisfies ListQueryRequest);
      const gatewayTimes = new Map<string, number[]>();
      const rawTimes = new Map<string, number[]>();
      const pingTimes: Record<Who, number[]> = { admin: [], staff: [] };
      const perPass = Math.ceil(context.plan.listSamples / context.plan.listPasses);
      const rawPerPass = Math.ceil(context.plan.rawSamples / context.plan.listPasses);
      for (let pass = 0; pass < context.plan.listPasses; pass++) {
        for (const who of ['admin', 'staff'] as const) {
          pingTimes[who].push(...(await samples(sampler, '/api/ping', tokens[who], perPass)));
        }
        for (const listCase of cases) {
          const path = pathOf(listCase);
          gatewayTimes.set(listCase.name, [
            ...(gatewayTimes.get(listCase.name) ?? []),
            ...(await samples(sampler, path, tokens[listCase.who], perPass, (body) =>
              listCase.page50 ? body.items?.length > 0 : body.items?.length === PAGE_SIZE,
            )),
          ]);
          const { sql, params } = await rawOf(listCase);
          const times: number[] = [];
          await context.db.query(sql, params);
          for (let index = 0; index < rawPerPass; index++) {
            const started = process.hrtime.bigint();
            await context.db.query(sql, params);
            times.push(elapsedMs(started));
          }
          rawTimes.set(listCase.name, [...(rawTimes.get(listCase.name) ?? []), ...times]);
        }
      }
      const cpuRequests = context.options.quick ? 40 : 150;
      let cpuBefore = await context.cpu.snapshot();
      await samples(sampler, '/api/ping', tokens.admin, cpuRequests - 3);
      const pingCpu = await context.cpu.perUnit(cpuBefore, cpuRequests);
      cpuBefore = await context.cpu.snapshot();
      await samples(sampler, '/api/tickets', tokens.admin, cpuRequests - 3);
      const listCpu = await context.cpu.perUnit(cpuBefore, cpuRequests);
      const sizeResult: ListSizeResult = {
        tickets: size,
        seedSeconds,
        ping: { admin: summarize(pingTimes.admin), staff: summarize(pingTimes.staff) },
        cases: cases.map((listCase) => ({
          name: listCase.name,
          who: listCase.who,
          ...(listCase.page50 ? { page: deep[listCase.who].page } : {}),
          gateway: summarize(gatewayTimes.get(listCase.name) ?? []),
          raw: summarize(rawTimes.get(listCase.name) ?? []),
        })),
        cpuMsPerRequest: { ping: pingCpu, list: listCpu },
      };
      result.sizes.push(sizeResult);
      const worst = [...sizeResult.cases].sort((a, b) => b.gateway.p50 - a.gateway.p50)[0];
      context.log(
        `list at ${size.toLocaleString('en')}: ping p50 ${sizeResult.ping.admin.p50.toFixed(2)} ms, slowest case ${worst.name} p50 ${worst.gateway.p50.toFixed(2)} ms (raw ${worst.raw.p50.toFixed(2)} ms)`,
      );
      if (size === context.plan.listSizes[context.plan.listSizes.length - 1]) {
        const slowest = [...sizeResult.cases].sort((a, b) => b.raw.p50 - a.raw.p50).slice(0, 3);
        for (const listCase of slowest) {
          const { sql, params } = await rawOf(cases.find((candidate) => candidate.name === listCase.name) as ListCase);
          const { rows } = await context.db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
          result.plans.push({
            name: listCase.name,
            plan: rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n'),
          });
        }
      }
    }
  } finally {
    sampler.close();
    await ticketsSql.stop();
  }
  return result;
}

async function samples(
  sampler: LatencySampler,
  path: string,
  token: string,
  count: number,
  check: (body: Page<unknown>) => boolean = () => true,
): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < count + 3; index++) {
    const { status, body, ms } = await sampler.get<Page<unknown>>(path, token);
    if (status !== 200 || !check(body)) {
      throw new Error(`GET ${path} answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
    }
    if (index >= 3) {
      times.push(ms);
    }
  }
  return times;
}

/**
 * Walks 49 pages of the default sort through the gateway; the cursor then leads to page 50
 * (or to the last page, when there are fewer: staff of 3 departments see 1,500 of 10k tickets).
 */
async function page50Cursors(
  sampler: LatencySampler,
  tokens: Record<Who, string>,
): Promise<Record<Who, { cursor: string; page: number }>> {
  const cursors = {} as Record<Who, { cursor: string; page: number }>;
  for (const who of ['admin', 'staff'] as const) {
    let cursor: string | null = null;
    let page = 1;
    for (; page < 50; page++) {
      const path: string = cursor ? `/api/tickets?cursor=${encodeURIComponent(cursor)}` : '/api/tickets';
      const { status, body } = await sampler.get<Page<unknown>>(path, tokens[who]);
      if (status !== 200) {
        throw new Error(`page ${page} for ${who}: ${status} ${JSON.stringify(body).slice(0, 200)}`);
      }
      if (!body.nextCursor) {
        break;
      }
      cursor = body.nextCursor;
    }
    if (!cursor) {
      throw new Error(`the list of ${who} has a single page`);
    }
    cursors[who] = { cursor, page: Math.min(page, 50) };
  }
  return cursors;
}
