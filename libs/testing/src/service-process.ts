import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

/** One running service, as `npm start` runs it: the compiled entry point on its own node process. */
export class ServiceProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;

  constructor(
    readonly service: string,
    readonly label: string,
    private readonly env: Record<string, string>,
  ) {}

  start(): void {
    if (this.child) {
      return;
    }
    const logDir = join(REPO_ROOT, 'dist', 'test-logs');
    mkdirSync(logDir, { recursive: true });
    const log = createWriteStream(join(logDir, `${this.label}.log`), { flags: 'a' });
    const child = spawn(process.execPath, [join(REPO_ROOT, 'dist', 'services', this.service, 'src', 'main.js')], {
      env: { ...process.env, NODE_OPTIONS: '', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    this.child = child;
  }

  /** SIGTERM (a clean stop) or SIGKILL (a crash). */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child) {
      return;
    }
    this.child = undefined;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await this.exited;
      clearTimeout(timer);
    }
  }

  /** The operating-system process id while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null;
  }
}
