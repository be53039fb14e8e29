import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DomainError, ErrorCode } from '@helpdesk/contracts';
import { S3Bucket, S3BucketOptions } from '@helpdesk/storage';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';

export const RAW_MAIL_STORE_OPTIONS = Symbol('RAW_MAIL_STORE_OPTIONS');
export interface RawMailStoreOptions extends S3BucketOptions {
  /** MAIL_RAW_INLINE_MAX_BYTES: messages up to this size are kept in PostgreSQL, larger ones in S3. */
  inlineMaxBytes: number;
}

/** A raw message: its key, and its bytes when it is small enough to keep in PostgreSQL. */
export interface StoredRaw {
  key: string;
  /**
   * The whole message, to be saved under `key` by the statement that records it
   * (InboundMailsRepository.record), so both commit together; null for one already in S3.
   */
  inline: Buffer | null;
}

const INLINE_PREFIX = 'inline/';
const RAW_MESSAGES = '"mail_ingress"."raw_messages"';

/**
 * Raw inbound messages, by size: small ones (most replies) in PostgreSQL's `raw_messages`, larger
 * ones streamed to their own bucket on the attachments' S3 endpoint; the key says which
 * (`inline/…` or `raw/…`). The attachments cut out of a message, for attachments.import, always go
 * to S3. Storage failures become STORAGE_UNAVAILABLE.
 */
@Injectable()
export class RawMailStore implements OnApplicationBootstrap {
  private readonly logger = new Logger(RawMailStore.name);
  private readonly s3: S3Bucket;

  constructor(
    @Inject(RAW_MAIL_STORE_OPTIONS) private readonly options: RawMailStoreOptions,
    private readonly dataSource: DataSource,
  ) {
    this.s3 = new S3Bucket(options, { logger: this.logger, unavailable });
  }

  get bucket(): string {
    return this.s3.name;
  }

  onApplicationBootstrap(): void {
    this.s3.prepare('message');
  }

  /** For readiness: S3 answers and the bucket is there. */
  check(): Promise<void> {
    return this.s3.check();
  }

  /**
   * Reads a message from `chunks`: one that ends within the inline limit is returned in memory,
   * for its record to save; a larger one is streamed to S3, durably once this resolves. When the
   * source throws (too large, broken off), nothing is kept.
   */
  async writeMessage(chunks: AsyncIterable<Buffer>, now = new Date()): Promise<StoredRaw> {
    const source = chunks[Symbol.asyncIterator]();
    const first: Buffer[] = [];
    let size = 0;
    while (size <= this.options.inlineMaxBytes) {
      const next = await source.next();
      if (next.done) {
        return { key: rawKeyFor(INLINE_PREFIX, now), inline: Buffer.concat(first, size) };
      }
      first.push(next.value);
      size += next.value.length;
    }
    const key = rawKeyFor('raw/', now);
    await this.s3.write(key, replay(first, source), 'message/rfc822');
    return { key, inline: null };
  }

  put(key: string, body: Buffer, contentType: string): Promise<void> {
    return this.s3.put(key, body, contentType);
  }

  /** The message as a stream; null when it does not exist. */
  async open(key: string): Promise<Readable | null> {
    if (!isInline(key)) {
      return this.s3.open(key);
    }
    const body = await this.readInline(key);
    return body ? Readable.from([body]) : null;
  }

  /** The whole message (bounded by SMTP_INGRESS_MAX_BYTES); null when it does not exist. */
  read(key: string): Promise<Buffer | null> {
    return isInline(key) ? this.readInline(key) : this.s3.readAll(key);
  }

  /** Best effort: what cannot be removed now is only wasted space. */
  async remove(keys: string[]): Promise<void> {
    const inline = keys.filter(isInline);
    const inS3 = keys.filter((key) => !isInline(key));
    await Promise.all([
      inline.length > 0 &&
        this.dataSource
          .query(`DELETE FROM ${RAW_MESSAGES} WHERE "key" = ANY($1)`, [inline])
          .catch((error: Error) => this.logger.warn(`Could not remove ${inline.length} row(s): ${error.message}`)),
      inS3.length > 0 &&
        this.s3
          .remove(inS3)
          .catch((error: Error) => this.logger.warn(`Could not remove ${inS3.length} object(s): ${error.message}`)),
    ]);
  }

  private async readInline(key: string): Promise<Buffer | null> {
    const rows = await this.database<{ body: Buffer }[]>(() =>
      this.dataSource.query(`SELECT "body" FROM ${RAW_MESSAGES} WHERE "key" = $1`, [key]),
    );
    return rows[0]?.body ?? null;
  }

  private async database<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw unavailable(`database: ${(error as Error).message}`);
    }
  }
}

/** `raw/2026/03/10/<uuid>.eml`: nothing of the sender in the key. */
export function rawKeyFor(prefix: string, now: Date): string {
  return `${prefix}${now.toISOString().slice(0, 10).replace(/-/g, '/')}/${randomUUID()}.eml`;
}

function isInline(key: string): boolean {
  return key.startsWith(INLINE_PREFIX);
}

async function* replay(first: Buffer[], rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  try {
    yield* first;
    for (let next = await rest.next(); !next.done; next = await rest.next()) {
      yield next.value;
    }
  } finally {
    // The S3 upload stopped early (failed): the source still reads its stream to the end.
    await rest.return?.();
  }
}

function unavailable(reason: string): DomainError {
  return new DomainError(ErrorCode.StorageUnavailable, `Raw-mail storage is unavailable (${reason}).`);
}
