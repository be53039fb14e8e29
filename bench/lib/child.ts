import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

/** A helper process of the benchmark (probe servers, the S3/SMTP sidecar), talked to over IPC. */
export class BenchChild<Ready = Record<string, unknown>> {
  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    readonly ready: Ready,
  ) {}

  /** Forks dist/bench/<script>.js and waits for its `{ ready }` message. */
  static async start<Ready>(
    script: string,
    env: Record<string, string> = {},
    timeoutMs = 30_000,
  ): Promise<BenchChild<Ready>> {
    const child = fork(join(__dirname, '..', `${script}.js`), [], {
      env: { ...process.env, NODE_OPTIONS: '', ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = await new Promise<Ready>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${script} did not start within ${timeoutMs} ms`)), timeoutMs);
      child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before it was ready`)));
      child.on('message', (message: { ready?: Ready }) => {
        if (message?.ready) {
          clearTimeout(timer);
          resolve(message.ready);
        }
      });
    });
    return new BenchChild(script, child, ready);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Sends `{ request, ...body }` and resolves with the child's `{ reply }` to it. */
  ask<T>(request: string, body: Record<string, unknown> = {}, timeoutMs = 60_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.child.off('message', onMessage);
        reject(new Error(`${this.name}: no answer to ${request}`));
      }, timeoutMs);
      const onMessage = (message: { reply?: string; body?: T }) => {
        if (message?.reply === request) {
          clearTimeout(timer);
          this.child.off('message', onMessage);
          resolve(message.body as T);
        }
      };
      this.child.on('message', onMessage);
      this.child.send({ request, ...body });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      return;
    }
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}

/** In a child: announce readiness and answer requests (`handlers[request](message)`). */
export function serveParent(
  ready: Record<string, unknown>,
  handlers: Record<string, (message: Record<string, unknown>) => unknown> = {},
  onStop: () => Promise<void> | void = () => undefined,
): void {
  process.on('message', async (message: { request?: string }) => {
    const handler = message?.request ? handlers[message.request] : undefined;
    if (handler && message.request) {
      process.send?.({ reply: message.request, body: await handler(message) });
    }
  });
  let stopping = false;
  const stop = async () => {
    if (!stopping) {
      stopping = true;
      await Promise.resolve(onStop()).catch(() => undefined);
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void stop());
  process.on('disconnect', () => void stop());
  process.send?.({ ready });
}
