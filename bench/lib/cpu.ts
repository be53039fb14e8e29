import { readdirSync, readFileSync } from 'node:fs';
import { Client } from 'pg';

const TICKS_PER_SECOND = 100;

/** CPU time (user + system) of a process in ms, from /proc; undefined once it is gone. */
export function cpuMsOf(pid: number | undefined): number | undefined {
  if (!pid) {
    return undefined;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

function brokerPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (/^\d+$/.test(entry)) {
      try {
        if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'beam.smp') {
          pids.push(Number(entry));
        }
      } catch {
        // gone meanwhile
      }
    }
  }
  return pids;
}

export type CpuSnapshot = Map<string, Map<number, number>>;

/**
 * CPU time spent by each service, by the run database's PostgreSQL backends and by the broker
 * (shared with whatever else uses this RabbitMQ) between two snapshots: what a request costs,
 * however busy or idle the machine was meanwhile.
 */
export class CpuMeter {
  constructor(
    private readonly pids: () => Map<string, number | undefined>,
    private readonly db: Client,
    private readonly database: string,
  ) {}

  async snapshot(): Promise<CpuSnapshot> {
    const snapshot: CpuSnapshot = new Map();
    const add = (name: string, pid: number | undefined) => {
      const ms = cpuMsOf(pid);
      if (pid && ms !== undefined) {
        snapshot.set(name, (snapshot.get(name) ?? new Map()).set(pid, ms));
      }
    };
    for (const [service, pid] of this.pids()) {
      add(service, pid);
    }
    const { rows } = await this.db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [
      this.database,
    ]);
    for (const { pid } of rows) {
      add('postgres', pid);
    }
    for (const pid of brokerPids()) {
      add('rabbitmq (shared)', pid);
    }
    return snapshot;
  }

  /** CPU ms per unit of work (e.g. per request) of each part, between `before` and now. */
  async perUnit(before: CpuSnapshot, units: number): Promise<Record<string, number>> {
    const after = await this.snapshot();
    const result: Record<string, number> = {};
    for (const [name, pids] of after) {
      let spent = 0;
      for (const [pid, ms] of pids) {
        spent += ms - (before.get(name)?.get(pid) ?? 0);
      }
      result[name] = Number((spent / Math.max(1, units)).toFixed(3));
    }
    return result;
  }
}

/** Sum of the per-unit CPU of the project's own processes and PostgreSQL (the broker aside). */
export function ownCpu(perUnit: Record<string, number>): number {
  return Object.entries(perUnit)
    .filter(([name]) => !name.startsWith('rabbitmq'))
    .reduce((sum, [, ms]) => sum + ms, 0);
}
