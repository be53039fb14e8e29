import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

import { RawMailStore, StoredRaw } from '../storage/raw-mail-store';

/** How much of a message's beginning is kept to read its header before processing. */
export const HEAD_MAX_BYTES = 256 * 1024;

export interface StoredMessage extends StoredRaw {
  size: number;
  sha256: string;
  /** The header block (or its first HEAD_MAX_BYTES). */
  head: Buffer;
}

export class MessageTooBigError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The message is larger than ${maxBytes} bytes.`);
    this.name = 'MessageTooBigError';
  }
}

/**
 * Streams a DATA stream into raw-mail storage, hashing it and keeping its header block. The
 * stream is always read to its end, even when storing fails or the message is too big: the
 * SMTP session answers only then, and must never read the rest of a message as commands.
 */
export async function storeIncoming(
  stream: Readable,
  store: RawMailStore,
  maxBytes: number,
  now = new Date(),
): Promise<StoredMessage> {
  const hash = createHash('sha256');
  const head = new HeadCollector();
  const pump = new ChunkPump(stream, maxBytes, (chunk) => {
    hash.update(chunk);
    head.add(chunk);
  });
  let stored: StoredRaw;
  try {
    stored = await store.writeMessage(pump.chunks(), now);
  } catch (error) {
    await pump.finished;
    if (pump.tooBig) {
      throw new MessageTooBigError(maxBytes);
    }
    throw error;
  }
  await pump.finished;
  if (pump.tooBig) {
    // It ended past the limit after all (can only be when the last chunk crossed it): not kept.
    await store.remove([stored.key]);
    throw new MessageTooBigError(maxBytes);
  }
  return { ...stored, size: pump.size, sha256: hash.digest('hex'), head: head.value() };
}

/** Reads a stream by events (never destroying it early) and hands its chunks to one consumer, with backpressure. */
class ChunkPump {
  size = 0;
  tooBig = false;
  readonly finished: Promise<void>;
  private readonly queue: Buffer[] = [];
  private ended = false;
  private failure?: Error;
  private discarding = false;
  private wake?: () => void;

  constructor(
    private readonly stream: Readable,
    private readonly maxBytes: number,
    private readonly observe: (chunk: Buffer) => void,
  ) {
    this.finished = new Promise((resolve) => {
      stream.once('end', () => resolve());
      stream.once('close', () => resolve());
      stream.once('error', () => resolve());
    });
    stream.on('data', (chunk: Buffer) => this.onData(chunk));
    stream.once('end', () => this.finish());
    stream.once('close', () => this.finish(new Error('The connection closed before the end of the message.')));
    stream.once('error', (error: Error) => this.finish(error));
  }

  async *chunks(): AsyncGenerator<Buffer> {
    try {
      for (;;) {
        if (this.tooBig) {
          throw new MessageTooBigError(this.maxBytes);
        }
        const chunk = this.queue.shift();
        if (chunk) {
          if (this.queue.length < 4) {
            this.stream.resume();
          }
          yield chunk;
          continue;
        }
        if (this.failure) {
          throw this.failure;
        }
        if (this.ended) {
          return;
        }
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
    } finally {
      // The consumer stopped (done or failed): whatever still comes is read and dropped.
      this.discarding = true;
      this.queue.length = 0;
      this.stream.resume();
    }
  }

  private onData(chunk: Buffer): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      this.tooBig = true;
    }
    if (this.discarding || this.tooBig) {
      this.notify();
      return;
    }
    this.observe(chunk);
    this.queue.push(chunk);
    if (this.queue.length > 16) {
      this.stream.pause();
    }
    this.notify();
  }

  private finish(error?: Error): void {
    if (this.ended || this.failure) {
      return;
    }
    if (error) {
      this.failure = error;
    } else {
      this.ended = true;
    }
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

/**
 * The bytes up to the first empty line, at most HEAD_MAX_BYTES. Each chunk is scanned once, with
 * the previous chunk's last bytes in front, since the empty line may straddle two chunks.
 */
export class HeadCollector {
  private readonly chunks: Buffer[] = [];
  private bytes = 0;
  private tail = Buffer.alloc(0);
  private done = false;

  add(chunk: Buffer): void {
    if (this.done) {
      return;
    }
    const room = chunk.subarray(0, HEAD_MAX_BYTES - this.bytes);
    const end = this.endIn(room);
    this.chunks.push(room);
    if (end !== null) {
      this.bytes += end;
      this.done = true;
      return;
    }
    this.bytes += room.length;
    this.done = this.bytes >= HEAD_MAX_BYTES;
    this.tail = Buffer.concat([this.tail, room.subarray(-TAIL_BYTES)]).subarray(-TAIL_BYTES);
  }

  /** Where in `room` the head ends (negative when it ended in bytes already kept), or null. */
  private endIn(room: Buffer): number | null {
    const across = headerEnd(Buffer.concat([this.tail, room.subarray(0, TAIL_BYTES)]));
    if (across >= 0) {
      return across - this.tail.length;
    }
    const within = headerEnd(room);
    return within >= 0 ? within : null;
  }

  value(): Buffer {
    return Buffer.concat(this.chunks, this.bytes);
  }
}

const HEADER_END_CRLF = '\r\n\r\n';
const HEADER_END_LF = '\n\n';
/** An empty line that straddles two chunks has at most this many bytes in the earlier one. */
const TAIL_BYTES = HEADER_END_CRLF.length - 1;

function headerEnd(buffer: Buffer): number {
  const crlf = buffer.indexOf(HEADER_END_CRLF);
  const lf = buffer.indexOf(HEADER_END_LF);
  return crlf < 0 ? lf : lf < 0 ? crlf : Math.min(crlf, lf);
}
