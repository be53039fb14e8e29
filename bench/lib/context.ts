import { Client } from 'pg';

import { BenchInfra } from './bench-infra';
import { BenchSystem } from './bench-system';
import { BenchChild } from './child';
import { CpuMeter } from './cpu';
import { MemorySampler } from './memory';
import { SidecarReady } from './sidecar';

export const SCENARIOS = [
  'rpc',
  'list',
  'creation',
  'replies',
  'inbound',
  'notifications',
  'sweep',
  'webhooks',
  'mailbox',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** How much each phase does: full mode (the committed figures) or --quick (a smoke run). */
export interface BenchPlan {
  /** Throughput phases: rounds of this many seconds after a warm-up; the median round counts. */
  rounds: number;
  seconds: number;
  warmupSeconds: number;
  connections: number;
  /** Probes with a closed loop: ms per round. */
  probeMs: number;
  rpcInFlight: number;
  rpcWarmupMs: number;
  /** Tickets the reply scenario answers on. */
  replyPool: number;
  listSizes: number[];
  /** Passes over every list case (interleaved, so drift on a shared machine hits all alike). */
  listPasses: number;
  listSamples: number;
  rawSamples: number;
  inboundMessages: number;
  inboundConnections: number;
  notificationTickets: number;
  /** Seeded tickets the sweep runs over; every 10th is an auto-close candidate. */
  sweepTickets: number;
  /** Tickets opened (one webhook delivery each) to time commit → first delivery attempt. */
  webhookTickets: number;
  /** Mails appended one at a time to an IMAP mailbox, to time append → on its ticket. */
  mailboxMessages: number;
}

export const FULL_PLAN: BenchPlan = {
  rounds: 3,
  seconds: 8,
  warmupSeconds: 2,
  connections: 64,
  probeMs: 5_000,
  rpcInFlight: 32,
  rpcWarmupMs: 2_000,
  replyPool: 256,
  listSizes: [10_000, 100_000, 1_000_000],
  listPasses: 3,
  listSamples: 60,
  rawSamples: 30,
  inboundMessages: 5_000,
  inboundConnections: 8,
  notificationTickets: 2_000,
  sweepTickets: 1_000_000,
  webhookTickets: 1_000,
  mailboxMessages: 200,
};

export const QUICK_PLAN: BenchPlan = {
  rounds: 1,
  seconds: 3,
  warmupSeconds: 1,
  connections: 64,
  probeMs: 1_500,
  rpcInFlight: 32,
  rpcWarmupMs: 500,
  replyPool: 64,
  listSizes: [10_000, 100_000],
  listPasses: 1,
  listSamples: 10,
  rawSamples: 6,
  inboundMessages: 200,
  inboundConnections: 8,
  notificationTickets: 100,
  sweepTickets: 100_000,
  webhookTickets: 100,
  mailboxMessages: 20,
};

export interface BenchOptions {
  quick: boolean;
  only: ScenarioName[] | null;
  /** Services to run under --cpu-prof. */
  profile: string[];
  /** Run services under their deploy/k8s memory limits (cgroups), as pods do. */
  memoryLimits: boolean;
}

/** What the scenarios share: the running system, its people, the database and the run's plan. */
export interface BenchContext {
  options: BenchOptions;
  plan: BenchPlan;
  infra: BenchInfra;
  system: BenchSystem;
  sidecar: BenchChild<SidecarReady>;
  memory: MemorySampler;
  cpu: CpuMeter;
  /** A connection to the run's database, for seeding and checking (not for the measured paths). */
  db: Client;
  /** Rows appendTickets has generated so far (the list and the sweep grow one data set). */
  seeded: number;
  log(line: string): void;
}

export function selected(options: BenchOptions, scenario: ScenarioName): boolean {
  return options.only === null || options.only.includes(scenario);
}
