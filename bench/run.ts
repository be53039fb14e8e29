// `npm run bench [-- --quick] [-- --only=list,creation] [-- --profile=tickets]`: starts the system
// as production runs it against a fresh database and vhost, runs each scenario with the raw
// limit of what lies underneath measured beside it, prints the table and writes the results.
import 'reflect-metadata';

import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

import { Queues } from '../libs/contracts/src';
import { BenchInfra, createBenchInfra, machineInfo } from './lib/bench-infra';
import { BenchSystem, serviceBuilt } from './lib/bench-system';
import { BenchChild } from './lib/child';
import { CpuMeter } from './lib/cpu';
import { ROOT } from './lib/paths';
import { BenchContext, BenchOptions, FULL_PLAN, QUICK_PLAN, ScenarioName, SCENARIOS, selected } from './lib/context';
import { MemorySampler } from './lib/memory';
import { SidecarReady } from './lib/sidecar';
import { medianOfRuns, medianRound, sleep } from './lib/stats';
import { ECHO_QUEUE, probeRawRpc, probeTypedRpc } from './probes/amqp-rpc';
import { probeHttpNoop } from './probes/http-noop';
import { probePgCreations } from './probes/pg-creation';
import { probePgInserts } from './probes/pg-insert';
import { probeSmtpAccept, probeSmtpDeliver } from './probes/smtp-probes';
import { BenchResults, evaluateTargets, formatTables, writeResults } from './report';
import { runSweepScenario } from './scenarios/auto-close';
import { inboundMessages, runInboundScenario } from './scenarios/inbound-mail';
import { pauseNotifications, runNotificationsScenario } from './scenarios/notifications';
import { runRepliesScenario } from './scenarios/replies';
import { runCreationScenario } from './scenarios/ticket-creation';
import { runListScenario } from './scenarios/ticket-list';
import { runMailboxScenario } from './scenarios/mailbox';
import { runWebhooksScenario } from './scenarios/webhooks';
import { createWorld } from './scenarios/world';

const started = Date.now();
const log = (line: string) =>
  process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

function parseOptions(argv: string[]): BenchOptions {
  const options: BenchOptions = { quick: false, only: null, profile: [], memoryLimits: true };
  for (const arg of argv) {
    const [flag, value = ''] = arg.split('=', 2);
    if (flag === '--quick') {
      options.quick = true;
    } else if (flag === '--only') {
      const names = value.split(',').filter(Boolean);
      const unknown = names.filter((name) => !SCENARIOS.includes(name as ScenarioName));
      if (unknown.length || names.length === 0) {
        throw new Error(`--only takes some of ${SCENARIOS.join(', ')}; not ${unknown.join(', ') || '(nothing)'}`);
      }
      options.only = names as ScenarioName[];
    } else if (flag === '--no-memory-limits') {
      options.memoryLimits = false;
    } else if (flag === '--profile') {
      options.profile = value.split(',').filter(Boolean);
    } else {
      throw new Error(
        `unknown option ${arg} (use --quick, --only=<${SCENARIOS.join('|')}>[,…], --profile=<service>[,…], --no-memory-limits)`,
      );
    }
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const plan = options.quick ? QUICK_PLAN : FULL_PLAN;
  const machine = await machineInfo();
  log(
    `${options.quick ? 'quick' : 'full'} run on ${machine.cpus} cores, load average ${machine.loadAverage.join(' ')}`,
  );
  const results: BenchResults = {
    date: new Date().toISOString(),
    mode: options.quick ? 'quick' : 'full',
    only: options.only,
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    machine,
    loadAverage: { start: machine.loadAverage, end: [] },
    seconds: 0,
    plan,
    probes: {},
    scenarios: {},
    memory: {},
    memoryLimitsMiB: {},
    targets: [],
    notes: [],
  };

  let infra: BenchInfra | undefined;
  let sidecar: BenchChild<SidecarReady> | undefined;
  let system: BenchSystem | undefined;
  let db: Client | undefined;
  let memory: MemorySampler | undefined;
  try {
    infra = await createBenchInfra();
    log(`database and vhost ${infra.name}`);
    sidecar = await BenchChild.start<SidecarReady>('lib/sidecar');
    system = await BenchSystem.start(infra, sidecar.ready, {
      profile: options.profile,
      memoryLimits: options.memoryLimits,
    });
    results.memoryLimitsMiB = system.memoryLimits();
    log(`services ready: ${[...system.processes.keys()].join(', ')}`);
    db = new Client({ connectionString: infra.databaseUrl });
    await db.connect();
    // The raw SQL beside the list runs as the services' connections do (libs/database: no JIT,
    // random_page_cost 1.1).
    await db.query('SET jit = off');
    await db.query('SET random_page_cost = 1.1');
    const runningSystem = system;
    memory = new MemorySampler(() => runningSystem.pids());
    memory.start();
    const sidecarPid = sidecar.pid;
    const cpu = new CpuMeter(
      () => new Map([...runningSystem.pids(), ['sidecar (S3, SMTP sink)', sidecarPid]]),
      db,
      infra.name,
    );
    const context: BenchContext = { options, plan, infra, system, sidecar, memory, cpu, db, seeded: 0, log };

    await sleep(options.quick ? 2_000 : 5_000);
    await memory.recordIdle();
    const world = await createWorld(context);
    log(
      `world: ${world.departments.length} departments, staff of ${world.staff.departmentIds.length}, ${world.clients.length} clients`,
    );

    if (selected(options, 'list')) {
      results.scenarios.list = await runListScenario(context, world);
    }

    if (selected(options, 'rpc')) {
      memory.enter('probes: RPC');
      const echo = await BenchChild.start('probes/rpc-echo-server', { RABBITMQ_URL: infra.rabbitmqUrl });
      try {
        const url = infra.rabbitmqUrl;
        // Warmed up (the echo server's JIT, the broker's channels), then alternated round by
        // round, so that both clients see the same machine.
        await probeRawRpc(url, plan.rpcInFlight, plan.rpcWarmupMs);
        await probeTypedRpc(url, plan.rpcInFlight, plan.rpcWarmupMs);
        const raws = [];
        const typeds = [];
        for (let round = 0; round < plan.rounds; round++) {
          raws.push(await probeRawRpc(url, plan.rpcInFlight, plan.probeMs, ECHO_QUEUE));
          typeds.push(await probeTypedRpc(url, plan.rpcInFlight, plan.probeMs, ECHO_QUEUE));
        }
        const raw = medianRound(raws, (run) => run.perSecond);
        const typed = medianRound(typeds, (run) => run.perSecond);
        await probeTypedRpc(url, plan.rpcInFlight, plan.rpcWarmupMs, Queues.Access);
        const cpuBefore = await cpu.snapshot();
        const service = await probeTypedRpc(url, plan.rpcInFlight, plan.probeMs, Queues.Access);
        service.cpuMsPerCall = await cpu.perUnit(cpuBefore, service.completed);
        results.probes.rawRpc = raw;
        results.probes.typedRpc = typed;
        results.probes.typedRpcService = service;
        log(
          `RPC: raw ${raw.perSecond.toFixed(0)}/s, typed ${typed.perSecond.toFixed(0)}/s, typed→access ${service.perSecond.toFixed(0)}/s`,
        );
      } finally {
        await echo.stop();
      }
    }

    if (selected(options, 'creation') || selected(options, 'replies') || selected(options, 'inbound')) {
      await pauseNotifications(context);
      results.notes.push(
        'notifications was stopped during scenarios 1, 2 and 4 (their events were discarded), so each figure is its own job; scenario 5 measures it alone.',
      );
    }
    if (selected(options, 'creation') || selected(options, 'replies')) {
      memory.enter('probes: PostgreSQL, HTTP');
      const url = infra.databaseUrl;
      const one = await medianOfRuns(plan.rounds, () => probePgInserts(url, 1, plan.probeMs));
      const sixteen = await medianOfRuns(plan.rounds, () => probePgInserts(url, 16, plan.probeMs));
      results.probes.pgInsert1 = one;
      results.probes.pgInsert16 = sixteen;
      log(`PostgreSQL inserts: ${one.perSecond.toFixed(0)}/s at 1, ${sixteen.perSecond.toFixed(0)}/s at 16`);
    }
    if (selected(options, 'creation')) {
      const url = infra.databaseUrl;
      results.probes.pgCreation16 = await medianOfRuns(plan.rounds, () => probePgCreations(url, 16, plan.probeMs));
      log(`PostgreSQL, a creation's statements: ${results.probes.pgCreation16.perSecond.toFixed(0)}/s at 16`);
    }
    if (selected(options, 'creation')) {
      results.probes.httpNoop = await probeHttpNoop(
        plan.connections,
        plan.seconds,
        plan.rounds,
        plan.warmupSeconds,
        200,
      );
      log(`HTTP no-op: ${results.probes.httpNoop.load.median.perSecond.toFixed(0)}/s`);
      results.scenarios.creation = await runCreationScenario(context, world);
    }
    if (selected(options, 'replies')) {
      results.scenarios.replies = await runRepliesScenario(context, world);
    }

    if (selected(options, 'inbound')) {
      if (!serviceBuilt('mail-ingress') || !system.has('mail-ingress')) {
        results.scenarios.inbound = { skipped: 'skipped: mail-ingress not available' };
        log('inbound: skipped: mail-ingress not available');
      } else {
        const input = await inboundMessages(context, world, plan.inboundMessages);
        memory.enter('probes: SMTP');
        results.probes.smtpAccept = await probeSmtpAccept(input.messages, plan.inboundConnections);
        log(`smtp-server + mailparser: ${results.probes.smtpAccept.acceptedPerSecond.toFixed(0)}/s`);
        results.scenarios.inbound = await runInboundScenario(context, input);
      }
    }

    if (selected(options, 'notifications')) {
      memory.enter('probes: SMTP delivery');
      results.probes.smtpDeliver = await probeSmtpDeliver(sidecar.ready.smtpUrl, 5, plan.probeMs);
      log(`nodemailer → sink: ${results.probes.smtpDeliver.perSecond.toFixed(0)}/s`);
      results.scenarios.notifications = await runNotificationsScenario(context, world);
    }

    if (selected(options, 'sweep')) {
      results.scenarios.sweep = await runSweepScenario(context, world);
    }

    if (selected(options, 'webhooks')) {
      results.scenarios.webhooks = await runWebhooksScenario(context, world);
    }

    if (selected(options, 'mailbox')) {
      results.scenarios.mailbox = await runMailboxScenario(context, world);
    }

    memory.enter('end');
    memory.stop();
    results.memory = memory.report();
  } finally {
    memory?.stop();
    await db?.end().catch(() => undefined);
    await system?.stop().catch((error) => log(`stopping the services: ${String(error)}`));
    await sidecar?.stop().catch(() => undefined);
    await infra?.dispose().catch((error) => log(`dropping ${infra?.name}: ${String(error)}`));
  }

  results.loadAverage.end = loadavg().map((value) => Number(value.toFixed(2)));
  results.seconds = Math.round((Date.now() - started) / 1000);
  results.targets = evaluateTargets(results);
  process.stdout.write(`\n${formatTables(results)}\n\n`);
  const suffix = options.quick ? '-quick' : options.only ? `-${options.only.join('-')}` : '';
  const written = writeResults(results, join(ROOT, 'bench', 'results'), suffix);
  log(
    `results in ${written.json}${written.svg ? ` and ${written.svg}` : ''}; ${results.seconds} s in all, load average ${results.loadAverage.end.join(' ')}`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const cause =
      error instanceof Error && error.cause
        ? `\ncaused by: ${error.cause instanceof Error ? error.cause.stack : JSON.stringify(error.cause)}`
        : '';
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}${cause}\n`,
    );
    process.exit(1);
  },
);
