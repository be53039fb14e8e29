import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Worker } from 'node:worker_threads';

import { MailContent } from './mail-content';
import { MalformedMailError } from './parse-mail';

export const CONTENT_POOL_OPTIONS = Symbol('CONTENT_POOL_OPTIONS');
export interface ContentPoolOptions {
  /** The worker's script (content-worker.js beside this file once built). */
  script: string;
  /** At most this many workers; they start when messages wait and none is idle. */
  workers: number;
  /** A worker idle this long is ended (a thread's heap is ~45 MiB); the next message starts one again. */
  idleMs: number;
  /** How long one message may take in a worker before the worker is ended. */
  timeoutMs: number;
  /** The heap a worker may use; past it the worker dies and is replaced. */
  maxMemoryMb: number;
}

/** A worker's answer for one message. */
export type ContentReply = { ok: true; content: MailContent } | { ok: false; malformed: boolean; message: string };

/** A message that needed more time or memory than processing allows: not retried, it would again. */
export class ProcessingBudgetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProcessingBudgetError';
  }
}

interface Job {
  raw: Buffer;
  resolve(content: MailContent): void;
  reject(error: Error): void;
}

/**
 * Parsing and stripping in a small pool of worker threads, each with a heap limit and a
 * per-message deadline, so that no message can stall the event loop that answers SMTP and RPC,
 * nor take the process down. A worker that runs out of time or memory is ended; workers start when
 * messages wait and stay warm while mail keeps coming, and are ended after `idleMs` without work.
 */
@Injectable()
export class ContentWorkerPool implements OnModuleDestroy {
  private readonly logger = new Logger(ContentWorkerPool.name);
  private readonly idle: Worker[] = [];
  private readonly waiting: Job[] = [];
  private readonly workers = new Set<Worker>();
  private readonly online = new WeakSet<Worker>();
  private readonly retirements = new Map<Worker, NodeJS.Timeout>();
  private closed = false;

  constructor(@Inject(CONTENT_POOL_OPTIONS) private readonly options: ContentPoolOptions) {}

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) {
      job.reject(new Error('Mail content workers are shutting down.'));
    }
    this.retirements.forEach((retirement) => clearTimeout(retirement));
    this.retirements.clear();
    await Promise.all([...this.workers].map((worker) => worker.terminate()));
  }

  /** Worker threads alive now (busy or idle). */
  get threads(): number {
    return this.workers.size;
  }

  /** The content of a raw message; the bytes move to the worker (`raw` is unusable afterwards). */
  read(raw: Buffer): Promise<MailContent> {
    if (this.closed) {
      return Promise.reject(new Error('Mail content workers are shutting down.'));
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ raw, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      const worker = this.idle.pop() ?? (this.workers.size < this.options.workers ? this.spawn() : null);
      if (!worker) {
        return;
      }
      clearTimeout(this.retirements.get(worker));
      this.retirements.delete(worker);
      this.run(worker, this.waiting.shift() as Job);
    }
  }

  /** Idle until the next message, or ended once `idleMs` passes without one. */
  private rest(worker: Worker): void {
    this.idle.push(worker);
    const retirement = setTimeout(() => {
      this.retirements.delete(worker);
      const index = this.idle.indexOf(worker);
      if (index >= 0) {
        this.idle.splice(index, 1);
        void worker.terminate();
      }
    }, this.options.idleMs);
    retirement.unref();
    this.retirements.set(worker, retirement);
  }

  private run(worker: Worker, job: Job): void {
    const { timeoutMs, maxMemoryMb } = this.options;
    const settle = (answer: () => void, healthy: boolean) => {
      clearTimeout(deadline);
      worker.off('online', startDeadline);
      worker.off('message', onReply);
      worker.off('error', onError);
      worker.off('exit', onExit);
      answer();
      if (healthy) {
        this.rest(worker);
        this.dispatch();
      } else {
        // Its exit listener lets the next waiting message start a fresh worker.
        void worker.terminate();
      }
    };
    const onReply = (reply: ContentReply) =>
      settle(() => (reply.ok ? job.resolve(withBuffers(reply.content)) : job.reject(replyError(reply))), true);
    const onError = (error: Error & { code?: string }) =>
      settle(
        () =>
          job.reject(
            error.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new ProcessingBudgetError(`Reading it needed more than ${maxMemoryMb} MB.`)
              : error,
          ),
        false,
      );
    const onExit = (code: number) =>
      settle(() => job.reject(new Error(`The mail content worker exited (${code}).`)), false);
    // The deadline runs from when the worker can read, not while a new thread is still starting.
    let deadline: NodeJS.Timeout | undefined;
    const startDeadline = () => {
      deadline = setTimeout(
        () =>
          settle(() => job.reject(new ProcessingBudgetError(`Reading it took longer than ${timeoutMs} ms.`)), false),
        timeoutMs,
      );
    };
    if (this.online.has(worker)) {
      startDeadline();
    } else {
      worker.once('online', startDeadline);
    }
    worker.on('message', onReply);
    worker.once('error', onError);
    worker.once('exit', onExit);
    const bytes = ownBytes(job.raw);
    worker.postMessage(bytes, [bytes.buffer]);
  }

  private spawn(): Worker {
    const worker = new Worker(this.options.script, {
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxMemoryMb },
    });
    this.workers.add(worker);
    worker.once('online', () => this.online.add(worker));
    // Errors are answered per job; one between jobs only ends the worker.
    worker.on('error', (error: Error) => this.logger.warn(`A mail content worker failed: ${error.message}`));
    worker.once('exit', () => {
      this.workers.delete(worker);
      clearTimeout(this.retirements.get(worker));
      this.retirements.delete(worker);
      const index = this.idle.indexOf(worker);
      if (index >= 0) {
        this.idle.splice(index, 1);
      }
      if (!this.closed) {
        this.dispatch();
      }
    });
    return worker;
  }
}

/** The bytes in an ArrayBuffer of their own, which can be transferred rather than copied. */
function ownBytes(raw: Buffer): Uint8Array<ArrayBuffer> {
  const { buffer } = raw;
  return buffer instanceof ArrayBuffer && raw.byteOffset === 0 && raw.byteLength === buffer.byteLength
    ? new Uint8Array(buffer)
    : Uint8Array.from(raw);
}

function replyError(reply: { malformed: boolean; message: string }): Error {
  return reply.malformed ? new MalformedMailError(reply.message) : new Error(reply.message);
}

/** Structured cloning delivers the attachments' bytes as plain Uint8Arrays. */
function withBuffers(content: MailContent): MailContent {
  return {
    ...content,
    attachments: content.attachments.map((attachment) => ({
      ...attachment,
      content: Buffer.from(attachment.content.buffer, attachment.content.byteOffset, attachment.content.byteLength),
    })),
  };
}
