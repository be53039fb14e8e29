import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DomainError, ErrorCode } from '@helpdesk/contracts';
import { S3Bucket, S3BucketOptions } from '@helpdesk/storage';
import type { Readable } from 'node:stream';

export const RAW_MAIL_STORE_OPTIONS = Symbol('RAW_MAIL_STORE_OPTIONS');

/**
 * Raw inbound messages (and the attachments cut out of them, for attachments.import) in their
 * own bucket on the attachments' S3 endpoint. S3 failures become STORAGE_UNAVAILABLE.
 */
@Injectable()
export class RawMailStore implements OnApplicationBootstrap {
  private readonly logger = new Logger(RawMailStore.name);
  private readonly s3: S3Bucket;

  constructor(@Inject(RAW_MAIL_STORE_OPTIONS) options: S3BucketOptions) {
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

  /** When the source throws (too large, broken off), no object is created. */
  write(key: string, chunks: AsyncIterable<Buffer>, contentType = 'message/rfc822'): Promise<void> {
    return this.s3.write(key, chunks, contentType);
  }

  put(key: string, body: Buffer, contentType: string): Promise<void> {
    return this.s3.put(key, body, contentType);
  }

  /** The object as a stream; null when it does not exist. */
  open(key: string): Promise<Readable | null> {
    return this.s3.open(key);
  }

  /** The whole object (raw messages are bounded by SMTP_INGRESS_MAX_BYTES); null when it does not exist. */
  read(key: string): Promise<Buffer | null> {
    return this.s3.readAll(key);
  }

  /** Best effort: what cannot be removed now is only wasted space. */
  async remove(keys: string[]): Promise<void> {
    await this.s3
      .remove(keys)
      .catch((error: Error) => this.logger.warn(`Could not remove ${keys.length} object(s): ${error.message}`));
  }
}

function unavailable(reason: string): DomainError {
  return new DomainError(ErrorCode.StorageUnavailable, `Raw-mail storage is unavailable (${reason}).`);
}
