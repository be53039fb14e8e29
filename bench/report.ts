import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { MachineInfo } from './lib/bench-infra';
import { BenchPlan } from './lib/context';
import { RoundsResult } from './lib/http-load';
import { ServiceMemory } from './lib/memory';
import { SmtpDeliverResult, SmtpAcceptResult } from './probes/smtp-probes';
import { HttpNoopResult } from './probes/http-noop';
import { PgInsertResult } from './probes/pg-insert';
import { RpcRateResult } from './probes/amqp-rpc';
import { InboundResult } from './scenarios/inbound-mail';
import { NotificationsResult } from './scenarios/notifications';
import { MailboxResult } from './scenarios/mailbox';
import { WebhooksResult } from './scenarios/webhooks';
import { SweepResult } from './scenarios/auto-close';
import { ListResult, ListSizeResult } from './scenarios/ticket-list';

/** Every figure of one run; written as bench/results/<date>.json. */
export interface BenchResults {
  date: string;
  mode: 'full' | 'quick';
  only: string[] | null;
  command: string;
  machine: MachineInfo;
  loadAverage: { start: number[]; end: number[] };
  seconds: number;
  plan: BenchPlan;
  probes: {
    pgInsert1?: PgInsertResult;
    pgInsert16?: PgInsertResult;
    /** The SQL of one ticket creation as one transaction, 16 connections (probes/pg-creation.ts). */
    pgCreation16?: PgInsertResult;
    rawRpc?: RpcRateResult;
    typedRpc?: RpcRateResult;
    /** The typed client against a real service's system.ping (Nest's RMQ server on the other end). */
    typedRpcService?: RpcRateResult;
    httpNoop?: HttpNoopResult;
    smtpAccept?: SmtpAcceptResult;
    smtpDeliver?: SmtpDeliverResult;
  };
  scenarios: {
    creation?: RoundsResult;
    replies?: RoundsResult;
    list?: ListResult;
    inbound?: InboundResult | { skipped: string };
    notifications?: NotificationsResult;
    sweep?: SweepResult;
    webhooks?: WebhooksResult;
    mailbox?: MailboxResult;
  };
  memory: Record<string, ServiceMemory>;
  /** The cgroup memory limit each service ran under (its deploy/k8s limit); null: unconstrained. */
  memoryLimitsMiB: Record<string, number | null>;
  targets: TargetCheck[];
  notes: string[];
}

export interface TargetCheck {
  target: string;
  figure: string;
  met: boolean | null;
}

/** The issue's 120 MB, in the MiB that RSS is reported in (120 × 10⁶ bytes = 114.4 MiB). */
const IDLE_RSS_LIMIT_MB = 120;
const IDLE_RSS_LIMIT_MIB = (IDLE_RSS_LIMIT_MB * 1e6) / 2 ** 20;
const n0 = (value: number | undefined) =>
  value === undefined || !Number.isFinite(value) ? '–' : Math.round(value).toLocaleString('en');
const ms = (value: number | undefined) =>
  value === undefined || !Number.isFinite(value) ? '–' : value < 10 ? value.toFixed(2) : value.toFixed(1);
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0 ? undefined : a / b;
const x = (value: number | undefined) => (value === undefined ? '–' : `${value.toFixed(2)}×`);
const size = (tickets: number) => (tickets >= 1_000_000 ? `${tickets / 1_000_000}M` : `${tickets / 1_000}k`);

export function evaluateTargets(results: BenchResults): TargetCheck[] {
  const { probes, scenarios } = results;
  const checks: TargetCheck[] = [];
  if (scenarios.creation && probes.pgInsert16) {
    const r = ratio(scenarios.creation.median.perSecond, probes.pgInsert16.perSecond);
    checks.push({
      target: 'ticket creation ≥ 0.4 × raw inserts at 16 connections',
      figure: `${n0(scenarios.creation.median.perSecond)}/s vs ${n0(probes.pgInsert16.perSecond)}/s = ${x(r)}`,
      met: r === undefined ? null : r >= 0.4,
    });
  }
  if (scenarios.creation && probes.pgCreation16) {
    checks.push({
      target: '(context) ticket creation beside its own SQL alone at 16 connections',
      figure: `${n0(scenarios.creation.median.perSecond)}/s vs ${n0(probes.pgCreation16.perSecond)}/s = ${x(ratio(scenarios.creation.median.perSecond, probes.pgCreation16.perSecond))}`,
      met: null,
    });
  }
  const list = scenarios.list;
  if (list && list.sizes.length > 1) {
    const smallest = list.sizes[0];
    const largest = list.sizes[list.sizes.length - 1];
    const overPing = largest.cases.filter((c) => c.gateway.p50 > 2 * largest.ping[c.who].p50);
    checks.push({
      target: `list at ${size(largest.tickets)}, every case: gateway p50 ≤ 2 × no-op RPC p50`,
      figure: `${largest.cases.length - overPing.length} of ${largest.cases.length} cases${
        overPing.length
          ? `; over: ${overPing.map((c) => `${c.name} ${x(c.gateway.p50 / largest.ping[c.who].p50)}`).join(', ')}`
          : ''
      }; worst ${x(Math.max(...largest.cases.map((c) => c.gateway.p50 / largest.ping[c.who].p50)))}`,
      met: overPing.length === 0,
    });
    const growth = largest.cases.map((c) => {
      const small = smallest.cases.find((candidate) => candidate.name === c.name);
      return { name: c.name, growth: small ? c.gateway.p50 / small.gateway.p50 : NaN };
    });
    const grew = growth.filter((g) => g.growth > 1.5);
    checks.push({
      target: `list p50 at ${size(largest.tickets)} ≤ 1.5 × p50 at ${size(smallest.tickets)}, every case`,
      figure: `${growth.length - grew.length} of ${growth.length} cases${grew.length ? `; over: ${grew.map((g) => `${g.name} ${x(g.growth)}`).join(', ')}` : ''}; worst ${x(Math.max(...growth.map((g) => g.growth)))}`,
      met: grew.length === 0,
    });
  }
  const inbound = scenarios.inbound;
  if (inbound && 'smtp' in inbound && probes.smtpAccept) {
    const r = ratio(inbound.smtp.acceptedPerSecond, probes.smtpAccept.acceptedPerSecond);
    checks.push({
      target: 'inbound mail accepted ≥ 0.3 × raw smtp-server + mailparser',
      figure: `${n0(inbound.smtp.acceptedPerSecond)}/s vs ${n0(probes.smtpAccept.acceptedPerSecond)}/s = ${x(r)}`,
      met: r === undefined ? null : r >= 0.3,
    });
    const once =
      inbound.stored === inbound.expected &&
      inbound.distinct === inbound.stored &&
      inbound.smtp.accepted === inbound.expected;
    checks.push({
      target: 'every inbound message stored exactly once',
      figure: `${inbound.smtp.accepted} accepted, ${inbound.stored} stored, ${inbound.distinct} distinct, of ${inbound.expected}`,
      met: once,
    });
    const endToEnd = inbound.storedSeconds ? inbound.stored / inbound.storedSeconds : undefined;
    const e2e = ratio(endToEnd, probes.smtpAccept.acceptedPerSecond);
    checks.push({
      target: 'inbound mail on its ticket ≥ 0.1 × raw smtp-server + mailparser',
      figure: `${endToEnd === undefined ? 'timeout' : `${n0(endToEnd)}/s`} vs ${n0(probes.smtpAccept.acceptedPerSecond)}/s = ${x(e2e)}`,
      met: e2e === undefined ? false : e2e >= 0.1,
    });
    if (inbound.authenticated !== undefined) {
      checks.push({
        target: 'inbound mail sender-authenticated in the measured path (DKIM, SPF, DMARC)',
        figure: `${inbound.authenticated} of ${inbound.smtp.accepted} passed aligned`,
        met: inbound.authenticated === inbound.smtp.accepted,
      });
    }
  }
  if (probes.typedRpc && probes.rawRpc) {
    const r = ratio(probes.typedRpc.perSecond, probes.rawRpc.perSecond);
    checks.push({
      target: `typed RPC client ≥ 0.6 × raw amqplib at ${probes.rawRpc.inFlight} in flight`,
      figure: `${n0(probes.typedRpc.perSecond)}/s vs ${n0(probes.rawRpc.perSecond)}/s = ${x(r)}`,
      met: r === undefined ? null : r >= 0.6,
    });
  }
  const memory = Object.entries(results.memory);
  if (memory.length) {
    const over = memory.filter(([, m]) => (m.idleMiB ?? Infinity) > IDLE_RSS_LIMIT_MIB);
    const [largest, largestMiB] = memory
      .map(([service, m]) => [service, m.idleMiB ?? 0] as const)
      .sort((a, b) => b[1] - a[1])[0];
    checks.push({
      target: `every service ≤ ${IDLE_RSS_LIMIT_MB} MB (${IDLE_RSS_LIMIT_MIB.toFixed(1)} MiB) RSS idle`,
      figure: `largest ${largest} ${largestMiB.toFixed(1)} MiB${over.length ? `; over: ${over.map(([s]) => s).join(', ')}` : ''}`,
      met: over.length === 0,
    });
  }
  return checks;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => (cell ?? '').padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** The run as Markdown tables (printed, and pasted into bench/README.md). */
export function formatTables(results: BenchResults): string {
  const { probes, scenarios } = results;
  const rows: string[][] = [];
  const load = (r: RoundsResult) =>
    `${n0(r.median.perSecond)} req/s, p50 ${r.median.latency.p50} ms, p99 ${r.median.latency.p99} ms`;
  if (scenarios.creation) {
    rows.push([
      '1. ticket creation (64 conns)',
      load(scenarios.creation),
      `PG inserts at 16: ${n0(probes.pgInsert16?.perSecond)}/s`,
      x(ratio(scenarios.creation.median.perSecond, probes.pgInsert16?.perSecond)),
    ]);
    rows.push([
      '',
      '',
      `a creation's SQL alone at 16: ${n0(probes.pgCreation16?.perSecond)}/s`,
      x(ratio(scenarios.creation.median.perSecond, probes.pgCreation16?.perSecond)),
    ]);
    rows.push([
      '',
      '',
      `HTTP no-op (Nest+Fastify): ${n0(probes.httpNoop?.load.median.perSecond)}/s`,
      x(ratio(scenarios.creation.median.perSecond, probes.httpNoop?.load.median.perSecond)),
    ]);
  }
  if (scenarios.replies) {
    rows.push([
      '2. replies, staff/client (64 conns)',
      load(scenarios.replies),
      `PG inserts at 16: ${n0(probes.pgInsert16?.perSecond)}/s`,
      x(ratio(scenarios.replies.median.perSecond, probes.pgInsert16?.perSecond)),
    ]);
  }
  if (scenarios.list) {
    for (const s of scenarios.list.sizes) {
      const worst = [...s.cases].sort((a, b) => b.gateway.p50 - a.gateway.p50)[0];
      const worstRaw = [...s.cases].sort((a, b) => b.raw.p50 - a.raw.p50)[0];
      rows.push([
        `3. list at ${size(s.tickets)} (slowest of ${s.cases.length})`,
        `${worst.name}: p50 ${ms(worst.gateway.p50)} ms, p99 ${ms(worst.gateway.p99)} ms`,
        `no-op RPC p50 ${ms(s.ping[worst.who].p50)} ms; raw SQL ≤ ${ms(worstRaw.raw.p50)} ms`,
        x(ratio(worst.gateway.p50, s.ping[worst.who].p50)),
      ]);
    }
  }
  const inbound = scenarios.inbound;
  if (inbound && 'skipped' in inbound) {
    rows.push(['4. inbound mail', inbound.skipped, '', '']);
  } else if (inbound) {
    rows.push([
      `4. inbound mail (${inbound.expected}, ${results.plan.inboundConnections} conns)`,
      `${n0(inbound.smtp.acceptedPerSecond)} accepted/s; all stored after ${inbound.storedSeconds === null ? 'timeout' : `${inbound.storedSeconds.toFixed(1)} s`} (${inbound.stored}/${inbound.expected})`,
      `smtp-server + mailparser: ${n0(probes.smtpAccept?.acceptedPerSecond)}/s (${ms(probes.smtpAccept?.serverCpuMsPerMessage)} ms CPU/msg)`,
      x(ratio(inbound.smtp.acceptedPerSecond, probes.smtpAccept?.acceptedPerSecond)),
    ]);
  }
  if (scenarios.notifications) {
    const nr = scenarios.notifications;
    rows.push([
      `5. notifications (${nr.events} events)`,
      `${n0(nr.mailsPerSecond)} mails/s (${nr.delivered}/${nr.expectedMails} delivered)`,
      `nodemailer pool → sink: ${n0(probes.smtpDeliver?.perSecond)}/s`,
      x(ratio(nr.mailsPerSecond, probes.smtpDeliver?.perSecond)),
    ]);
  }
  if (scenarios.sweep) {
    const sw = scenarios.sweep;
    rows.push([
      `6. auto-close sweep (${size(sw.tickets)} tickets)`,
      `closed ${n0(sw.closed)} of ${n0(sw.eligible)} in ${sw.seconds.toFixed(1)} s (${n0(sw.closed / sw.seconds)}/s, ${sw.batches} batches)`,
      `one statement, no RPC: ${sw.rawSeconds.toFixed(1)} s`,
      x(ratio(sw.rawSeconds, sw.seconds)),
    ]);
  }
  if (scenarios.webhooks) {
    const wh = scenarios.webhooks;
    rows.push([
      `8. webhooks (${wh.tickets} tickets)`,
      `commit → first attempt p50 ${n0(wh.commitToFirstAttemptMs.p50)} ms, p95 ${n0(wh.commitToFirstAttemptMs.p95)} ms (${wh.delivered} delivered)`,
      '',
      '',
    ]);
  }
  if (scenarios.mailbox) {
    const mb = scenarios.mailbox;
    rows.push([
      `9. mailbox over IMAP IDLE (${mb.messages} mails, one at a time)`,
      `append → on its ticket p50 ${n0(mb.appendToTicketMs.p50)} ms, p95 ${n0(mb.appendToTicketMs.p95)} ms (${mb.onTicket} on tickets)`,
      '',
      '',
    ]);
  }
  if (probes.typedRpc) {
    rows.push([
      `RPC round trips (${probes.typedRpc.inFlight} in flight)`,
      `typed RpcClient: ${n0(probes.typedRpc.perSecond)}/s`,
      `raw amqplib: ${n0(probes.rawRpc?.perSecond)}/s`,
      x(ratio(probes.typedRpc.perSecond, probes.rawRpc?.perSecond)),
    ]);
    if (probes.typedRpcService) {
      rows.push([
        '',
        `typed RpcClient → access (Nest RMQ server): ${n0(probes.typedRpcService.perSecond)}/s`,
        '',
        x(ratio(probes.typedRpcService.perSecond, probes.rawRpc?.perSecond)),
      ]);
    }
  }
  const parts = [table(['scenario', 'figure', 'raw limit (same run)', 'ratio'], rows)];

  const raw: string[][] = [];
  if (probes.pgInsert1) {
    raw.push([
      'PostgreSQL single-row INSERT commits, pg driver',
      `1 conn: ${n0(probes.pgInsert1.perSecond)}/s; 16 conns: ${n0(probes.pgInsert16?.perSecond)}/s (${ms(probes.pgInsert16?.postgresCpuMsPerInsert)} ms backend CPU each)`,
    ]);
  }
  if (probes.pgCreation16) {
    raw.push([
      "PostgreSQL, one ticket creation's statements as one transaction",
      `16 conns: ${n0(probes.pgCreation16.perSecond)}/s (${ms(probes.pgCreation16.postgresCpuMsPerInsert)} ms backend CPU each)`,
    ]);
  }
  if (probes.rawRpc) {
    raw.push([
      'RabbitMQ RPC, amqplib + direct reply-to',
      `${n0(probes.rawRpc.perSecond)}/s at ${probes.rawRpc.inFlight} in flight`,
    ]);
  }
  if (probes.httpNoop) {
    raw.push([
      'HTTP no-op route, Nest on Fastify',
      `${n0(probes.httpNoop.load.median.perSecond)}/s at 64 conns; one at a time p50 ${ms(probes.httpNoop.latency.p50)} ms`,
    ]);
  }
  if (probes.smtpAccept) {
    raw.push([
      'smtp-server + mailparser, parse and discard',
      `${n0(probes.smtpAccept.acceptedPerSecond)} msgs/s on ${results.plan.inboundConnections} conns, ${ms(probes.smtpAccept.serverCpuMsPerMessage)} ms server CPU per message`,
    ]);
  }
  if (probes.smtpDeliver) {
    raw.push([
      'nodemailer pooled transport → SMTP sink',
      `${n0(probes.smtpDeliver.perSecond)} mails/s on ${probes.smtpDeliver.poolSize} conns`,
    ]);
  }
  if (raw.length) {
    parts.push(table(['raw limit (probe)', 'figure'], raw));
  }

  if (scenarios.list) {
    const sizes = scenarios.list.sizes;
    const names = sizes[0]?.cases.map((c) => c.name) ?? [];
    const header = [
      'list case (p50 / p99 ms)',
      ...sizes.map((s) => `gateway ${size(s.tickets)}`),
      `raw SQL ${size(sizes[sizes.length - 1].tickets)}`,
      '÷ no-op',
      `${size(sizes[sizes.length - 1].tickets)} ÷ ${size(sizes[0].tickets)}`,
    ];
    const listRows = [
      [
        'no-op RPC (GET /api/ping), admin',
        ...sizes.map((s) => `${ms(s.ping.admin.p50)} / ${ms(s.ping.admin.p99)}`),
        '',
        '',
        '',
      ],
      [
        'no-op RPC (GET /api/ping), staff',
        ...sizes.map((s) => `${ms(s.ping.staff.p50)} / ${ms(s.ping.staff.p99)}`),
        '',
        '',
        '',
      ],
      ...names.map((name) => {
        const at = (s: ListSizeResult) => s.cases.find((c) => c.name === name);
        const last = at(sizes[sizes.length - 1]);
        const first = at(sizes[0]);
        const pages = sizes.map((s) => at(s)?.page).filter((page) => page !== undefined && page !== 50);
        return [
          `${name}${pages.length ? ` (page ${pages.join('/')} where fewer)` : ''}`,
          ...sizes.map((s) => `${ms(at(s)?.gateway.p50)} / ${ms(at(s)?.gateway.p99)}`),
          ms(last?.raw.p50),
          x(ratio(last?.gateway.p50, last ? sizes[sizes.length - 1].ping[last.who].p50 : undefined)),
          x(ratio(last?.gateway.p50, first?.gateway.p50)),
        ];
      }),
    ];
    parts.push(table(header, listRows));
  }

  const cpuRows: [string, Record<string, number> | undefined][] = [
    ['1. ticket creation, per request', scenarios.creation?.cpuMsPerRequest],
    ['2. reply, per request', scenarios.replies?.cpuMsPerRequest],
    ...(scenarios.list?.sizes.flatMap((s): [string, Record<string, number>][] => [
      [`3. no-op GET /api/ping at ${size(s.tickets)}`, s.cpuMsPerRequest.ping],
      [`3. list page (admin, default) at ${size(s.tickets)}`, s.cpuMsPerRequest.list],
    ]) ?? []),
    ['4. inbound mail, per message', inbound && 'cpuMsPerMessage' in inbound ? inbound.cpuMsPerMessage : undefined],
    ['5. notification, per mail', scenarios.notifications?.cpuMsPerMail],
    ['6. auto-close, per closed ticket', scenarios.sweep?.cpuMsPerTicket],
    ['typed RPC → access ping, per call', probes.typedRpcService?.cpuMsPerCall],
    [
      "raw: a creation's SQL at 16, per creation",
      probes.pgCreation16 ? { postgres: probes.pgCreation16.postgresCpuMsPerInsert } : undefined,
    ],
    [
      'raw: PG single-row insert at 16, per insert',
      probes.pgInsert16 ? { postgres: probes.pgInsert16.postgresCpuMsPerInsert } : undefined,
    ],
  ];
  const presentCpu = cpuRows.filter((row): row is [string, Record<string, number>] => row[1] !== undefined);
  if (presentCpu.length) {
    const columns = [
      'gateway',
      'access',
      'tickets',
      'notifications',
      'mail-ingress',
      'attachments',
      'scheduler',
      'sidecar (S3, SMTP sink)',
      'postgres',
      'rabbitmq (shared)',
    ].filter((name) => presentCpu.some(([, cpu]) => (cpu[name] ?? 0) >= 0.005));
    parts.push(
      table(
        ['CPU ms per unit of work', ...columns, 'sum (w/o broker)', `ceiling on ${results.machine.cpus} cores`],
        presentCpu.map(([label, cpu]) => {
          const own = Object.entries(cpu)
            .filter(([name]) => !name.startsWith('rabbitmq'))
            .reduce((sum, [, value]) => sum + value, 0);
          return [
            label,
            ...columns.map((name) => ms(cpu[name])),
            ms(own),
            `${n0((results.machine.cpus * 1000) / own)}/s`,
          ];
        }),
      ),
    );
  }

  const memory = Object.entries(results.memory);
  if (memory.length) {
    parts.push(
      table(
        ['service', 'RSS idle (MiB)', 'RSS peak (MiB)', 'peak during', 'memory limit (MiB)'],
        memory.map(([service, m]) => [
          service,
          m.idleMiB === null ? '–' : m.idleMiB.toFixed(0),
          m.peakMiB.toFixed(0),
          m.peakDuring,
          String(results.memoryLimitsMiB?.[service] ?? 'none'),
        ]),
      ),
    );
  }
  if (results.targets.length) {
    parts.push(
      table(
        ['target', 'this run', 'met'],
        results.targets.map((t) => [t.target, t.figure, t.met === null ? '–' : t.met ? 'yes' : 'NO']),
      ),
    );
  }
  return parts.join('\n\n');
}

/** Latency (p50) of the list against the number of tickets, as a small hand-written SVG. */
export function listChart(list: ListResult): string {
  const width = 720;
  const height = 400;
  const pad = { left: 60, right: 250, top: 40, bottom: 50 };
  const sizes = list.sizes.map((s) => s.tickets);
  const p50Of = (s: ListSizeResult, pick: (s: ListSizeResult) => number) => pick(s);
  const series: { label: string; color: string; dash?: string; values: number[] }[] = [
    {
      label: 'gateway, admin, slowest case',
      color: '#c0392b',
      values: list.sizes.map((s) => Math.max(...s.cases.filter((c) => c.who === 'admin').map((c) => c.gateway.p50))),
    },
    {
      label: 'gateway, staff (3), slowest case',
      color: '#d35400',
      values: list.sizes.map((s) => Math.max(...s.cases.filter((c) => c.who === 'staff').map((c) => c.gateway.p50))),
    },
    {
      label: 'gateway, admin, default sort',
      color: '#2980b9',
      values: list.sizes.map((s) =>
        p50Of(s, (z) => z.cases.find((c) => c.name === 'admin sort=-lastActivityAt')?.gateway.p50 ?? NaN),
      ),
    },
    {
      label: 'no-op RPC via gateway (ping)',
      color: '#7f8c8d',
      dash: '6 4',
      values: list.sizes.map((s) => s.ping.admin.p50),
    },
    {
      label: 'raw SQL, slowest case',
      color: '#27ae60',
      dash: '2 3',
      values: list.sizes.map((s) => Math.max(...s.cases.map((c) => c.raw.p50))),
    },
  ];
  const maxY = Math.max(1, ...series.flatMap((s) => s.values.filter(Number.isFinite))) * 1.15;
  const logMin = Math.log10(Math.min(...sizes)) - 0.15;
  const logMax = Math.log10(Math.max(...sizes)) + 0.15;
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const px = (tickets: number) => pad.left + ((Math.log10(tickets) - logMin) / (logMax - logMin || 1)) * plotW;
  const py = (value: number) => pad.top + plotH - (value / maxY) * plotH;
  const step = niceStep(maxY / 5);
  const grid: string[] = [];
  for (let y = 0; y <= maxY; y += step) {
    grid.push(
      `<line x1="${pad.left}" y1="${py(y).toFixed(1)}" x2="${pad.left + plotW}" y2="${py(y).toFixed(1)}" stroke="#eee"/>`,
    );
    grid.push(`<text x="${pad.left - 8}" y="${(py(y) + 4).toFixed(1)}" text-anchor="end">${+y.toFixed(2)}</text>`);
  }
  for (const tickets of sizes) {
    grid.push(
      `<line x1="${px(tickets).toFixed(1)}" y1="${pad.top}" x2="${px(tickets).toFixed(1)}" y2="${pad.top + plotH}" stroke="#eee"/>`,
    );
    grid.push(
      `<text x="${px(tickets).toFixed(1)}" y="${pad.top + plotH + 18}" text-anchor="middle">${size(tickets)}</text>`,
    );
  }
  const lines = series.map((s, index) => {
    const points = s.values.map((value, i) => `${px(sizes[i]).toFixed(1)},${py(value).toFixed(1)}`).join(' ');
    const dots = s.values
      .map(
        (value, i) =>
          `<circle cx="${px(sizes[i]).toFixed(1)}" cy="${py(value).toFixed(1)}" r="3.5" fill="${s.color}"/>`,
      )
      .join('');
    const legendY = pad.top + 10 + index * 22;
    return (
      `<polyline points="${points}" fill="none" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>${dots}` +
      `<line x1="${width - pad.right + 20}" y1="${legendY}" x2="${width - pad.right + 44}" y2="${legendY}" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>` +
      `<text x="${width - pad.right + 50}" y="${legendY + 4}">${s.label}</text>`
    );
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${pad.left}" y="22" font-size="14" font-weight="bold">Ticket list: p50 latency (ms) against tickets in the database</text>`,
    ...grid,
    `<line x1="${pad.left}" y1="${pad.top + plotH}" x2="${pad.left + plotW}" y2="${pad.top + plotH}" stroke="#333"/>`,
    `<line x1="${pad.left}" y1="${pad.top}" x2="${pad.left}" y2="${pad.top + plotH}" stroke="#333"/>`,
    `<text x="${pad.left + plotW / 2}" y="${height - 10}" text-anchor="middle">tickets (log scale)</text>`,
    `<text transform="translate(16 ${pad.top + plotH / 2}) rotate(-90)" text-anchor="middle">p50, ms</text>`,
    ...lines,
    '</svg>',
    '',
  ].join('\n');
}

function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}

/** Writes bench/results/<date>[-suffix].json and, with the list, the chart. */
export function writeResults(results: BenchResults, directory: string, suffix: string): { json: string; svg?: string } {
  mkdirSync(directory, { recursive: true });
  const json = join(directory, `${results.date.slice(0, 10)}${suffix}.json`);
  writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  if (results.scenarios.list && results.scenarios.list.sizes.length > 1) {
    const svg = join(directory, `list-latency${suffix}.svg`);
    writeFileSync(svg, listChart(results.scenarios.list));
    return { json, svg };
  }
  return { json };
}
