import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DomainError, ErrorCode } from '@helpdesk/contracts';
import { S3Bucket, S3BucketOptions } from '@helpdesk/storage';
import type { Readable } from 'node:stream';

export const OBJECT_STORAGE_OPTIONS = Symbol('OBJECT_STORAGE_OPTIONS');

/** The attachments bucket. S3 failures become STORAGE_UNAVAILABLE, worded for the API's callers. */
@Injectable()
export class ObjectStorage implements OnApplicationBootstrap {
  private readonly logger = new Logger(ObjectStorage.name);
  private readonly s3: S3Bucket;

  constructor(@Inject(OBJECT_STORAGE_OPTIONS) options: S3BucketOptions) {
    this.s3 = new S3Bucket(options, { logger: this.logger, unavailable: (reason) => this.unavailable(reason) });
  }

  get bucket(): string {
    return this.s3.name;
  }

  onApplicationBootstrap(): void {
    this.s3.prepare('upload');
  }

  /** For readiness: S3 answers and the bucket is there. */
  check(): Promise<void> {
    return this.s3.check();
  }

  /** The source may throw (too large, aborted): the object is then not created. */
  write(key: string, chunks: AsyncIterable<Buffer>, contentType: string): Promise<void> {
    return this.s3.write(key, chunks, contentType);
  }

  /** The bytes of an attachment; null when missing. */
  read(key: string): Promise<Readable | null> {
    return this.s3.open(key);
  }

  /** Any object on this endpoint (mail-ingress's raw mail, for an import); null when missing. */
  open(bucket: string, key: string): Promise<Readable | null> {
    return this.s3.open(key, bucket);
  }

  /** Removes objects; removing one that is already gone succeeds. */
  remove(keys: string[]): Promise<void> {
    return this.s3.remove(keys);
  }

  private unavailable(reason: string): DomainError {
    this.logger.warn(`S3 failed: ${reason}`);
    return new DomainError(ErrorCode.StorageUnavailable, 'File storage is unavailable; try again shortly.');
  }
}
