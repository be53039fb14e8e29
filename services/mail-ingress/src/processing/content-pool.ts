import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Worker } from 'node:worker_threads';

import { MailContent } from './mail-content';
import { MalformedMailError } from './parse-mail';

export const CONTENT_POOL_OPTIONS = Symbol('CONTENT_POOL_OPTIONS');
export interface ContentPoolOptions {
  /** The worker's script (content-worker.js beside this file once built). */
  script: string;
  workers: number;
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
 * Parsing and stripping in a small pool of warm worker threads, each with a heap limit and a
 * per-message deadline, so that no message can stall the event loop that answers SMTP and RPC,
 * nor take the process down. A worker that runs out of time or memory is ended and replaced.
 */
@Injectable()
export class ContentWorkerPool implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ContentWorkerPool.name);
  private readonly idle: Worker[] = [];
  private readonly waiting: Job[] = [];
  private readonly workers = new Set<Worker>();
  private closed = false;

  constructor(@Inject(CONTENT_POOL_OPTIONS) private readonly options: ContentPoolOptions) {}

  onModuleInit(): void {
    for (let count = 0; count < this.options.workers; count++) {
      this.idle.push(this.spawn());
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) {
      job.reject(new Error('Mail content workers are shutting down.'));
    }
    await Promise.all([...this.workers].map((worker) => worker.terminate()));
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
    while (this.idle.length > 0 && this.waiting.length > 0) {
      this.run(this.idle.pop() as Worker, this.waiting.shift() as Job);
    }
  }

  private run(worker: Worker, job: Job): void {
    const { timeoutMs, maxMemoryMb } = this.options;
    const settle = (answer: () => void, healthy: boolean) => {
      clearTimeout(deadline);
      worker.off('message', onReply);
      worker.off('error', onError);
      worker.off('exit', onExit);
      answer();
      if (healthy) {
        this.idle.push(worker);
        this.dispatch();
      } else {
        // Its exit listener puts a fresh worker in its place.
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
    const deadline = setTimeout(
      () => settle(() => job.reject(new ProcessingBudgetError(`Reading it took longer than ${timeoutMs} ms.`)), false),
      timeoutMs,
    );
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
    // Errors are answered per job; one between jobs only ends the worker.
    worker.on('error', (error: Error) => this.logger.warn(`A mail content worker failed: ${error.message}`));
    worker.once('exit', () => {
      this.workers.delete(worker);
      const index = this.idle.indexOf(worker);
      if (index >= 0) {
        this.idle.splice(index, 1);
      }
      if (!this.closed) {
        this.idle.push(this.spawn());
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
