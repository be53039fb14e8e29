import type { Readable } from 'node:stream';

/**
 * One pass over a stream in two steps: the head (to sniff) and then everything, head
 * included. A single iterator, because a second `for await` over a stream would restart nothing
 * and the first one's `break` would destroy it.
 */
export class ChunkReader {
  private readonly iterator: AsyncIterator<Buffer>;
  private readonly buffered: Buffer[] = [];
  private ended = false;

  constructor(stream: Readable) {
    // Not destroyed when we stop early: a refused raw upload's request must still be drained and answered.
    this.iterator = stream.iterator({ destroyOnReturn: false });
  }

  /** Reads until at least `bytes` are buffered or the stream ends. */
  async head(bytes: number): Promise<{ head: Buffer; complete: boolean }> {
    let length = this.buffered.reduce((sum, chunk) => sum + chunk.length, 0);
    while (length < bytes && !this.ended) {
      const next = await this.iterator.next();
      if (next.done) {
        this.ended = true;
      } else {
        const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
        this.buffered.push(chunk);
        length += chunk.length;
      }
    }
    return { head: Buffer.concat(this.buffered), complete: this.ended };
  }

  /** Every chunk from the start: the buffered head, then the rest as it arrives. */
  async *all(): AsyncGenerator<Buffer> {
    while (this.buffered.length > 0) {
      yield this.buffered.shift() as Buffer;
    }
    while (!this.ended) {
      const next = await this.iterator.next();
      if (next.done) {
        this.ended = true;
      } else {
        yield Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
      }
    }
  }

  /** Stops reading when the file is refused before its end; the stream is left to its owner. */
  async close(): Promise<void> {
    if (!this.ended) {
      this.ended = true;
      await this.iterator.return?.();
    }
  }
}
