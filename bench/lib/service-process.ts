import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { createMemoryCgroup } from './memory-limit';
import { BENCH_DATA, DIST } from './paths';

/** One service as production runs it: its compiled entry point on this Node, logs in .data/bench/logs. */
export class ServiceProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private cgroup?: { procsFile: string; remove(): void };
  /** The memory limit the service actually runs under (its deployment's), when cgroups allow it. */
  memoryLimitBytes?: number;

  constructor(
    readonly service: string,
    readonly label: string,
    private readonly env: Record<string, string>,
    private readonly memoryLimit?: number,
  ) {}

  static entry(service: string): string {
    return join(DIST, 'services', service, 'src', 'main.js');
  }

  start(): void {
    if (this.child) {
      return;
    }
    const logDir = join(BENCH_DATA, 'logs');
    mkdirSync(logDir, { recursive: true });
    const log = createWriteStream(join(logDir, `${this.label}.log`), { flags: 'a' });
    const args = [ServiceProcess.entry(this.service)];
    this.cgroup ??= this.memoryLimit ? createMemoryCgroup(this.label, this.memoryLimit) : undefined;
    this.memoryLimitBytes = this.cgroup ? this.memoryLimit : undefined;
    // In its cgroup before Node starts, so that Node sizes its heap from the limit.
    const child = this.cgroup
      ? spawn('/bin/sh', ['-c', 'echo $$ > "$0" && exec "$@"', this.cgroup.procsFile, process.execPath, ...args], {
          env: { ...process.env, NODE_OPTIONS: '', ...this.env },
          stdio: ['ignore', 'pipe', 'pipe'],
        })
      : spawn(process.execPath, args, {
          env: { ...process.env, NODE_OPTIONS: '', ...this.env },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    this.child = child;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) {
      return;
    }
    this.child = undefined;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await this.exited;
      clearTimeout(timer);
    }
  }

  /** Removes the service's cgroup (after its last stop). */
  dispose(): void {
    this.cgroup?.remove();
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null;
  }
}
