import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DomainError, ErrorCode } from '@helpdesk/contracts';
import { Client } from 'minio';
import type { Readable } from 'node:stream';

export interface ObjectStorageOptions {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  region: string;
  bucket: string;
}

export const OBJECT_STORAGE_OPTIONS = Symbol('OBJECT_STORAGE_OPTIONS');

/** S3's smallest part (but the last): what one upload holds in memory at a time. */
export const PART_SIZE = 5 * 1024 * 1024;

/**
 * The attachments bucket, through the `minio` client. Writes stream through one reused part
 * buffer (a small file is one PUT, a larger one a multipart upload), so memory does not grow
 * with the file; a write that fails leaves no object behind. S3 failures become
 * STORAGE_UNAVAILABLE.
 */
@Injectable()
export class ObjectStorage implements OnApplicationBootstrap {
  private readonly logger = new Logger(ObjectStorage.name);
  private readonly client: Client;
  private bucketReady?: Promise<void>;

  constructor(@Inject(OBJECT_STORAGE_OPTIONS) private readonly options: ObjectStorageOptions) {
    const endpoint = new URL(options.endpoint);
    const useSSL = endpoint.protocol === 'https:';
    this.client = new Client({
      endPoint: endpoint.hostname,
      port: endpoint.port ? Number(endpoint.port) : useSSL ? 443 : 80,
      useSSL,
      accessKey: options.accessKey,
      secretKey: options.secretKey,
      region: options.region,
      pathStyle: true,
    });
  }

  get bucket(): string {
    return this.options.bucket;
  }

  onApplicationBootstrap(): void {
    this.ensureBucket().catch((error: Error) =>
      this.logger.warn(`Bucket '${this.bucket}' is not ready yet (${error.message}); the next upload tries again`),
    );
  }

  /** Creates the bucket when it is missing; after a failure the next call tries again. */
  ensureBucket(): Promise<void> {
    this.bucketReady ??= this.storage(async () => {
      if (!(await this.client.bucketExists(this.bucket))) {
        await this.client.makeBucket(this.bucket, this.options.region).catch(async (error: { code?: string }) => {
          if (error.code !== 'BucketAlreadyOwnedByYou' && error.code !== 'BucketAlreadyExists') {
            throw error;
          }
        });
        this.logger.log(`Created bucket '${this.bucket}'`);
      }
    }).catch((error) => {
      this.bucketReady = undefined;
      throw error;
    });
    return this.bucketReady;
  }

  /** For readiness: S3 answers and the bucket is there. */
  async check(): Promise<void> {
    await this.ensureBucket();
    await this.storage(() => this.client.bucketExists(this.bucket));
  }

  /**
   * Writes `chunks` to `key`. The source may throw (too large, aborted): the object is then not
   * created, and a multipart upload already begun is aborted.
   */
  async write(key: string, chunks: AsyncIterable<Buffer>, contentType: string): Promise<void> {
    await this.ensureBucket();
    const part = Buffer.allocUnsafe(PART_SIZE);
    const parts: { part: number; etag: string }[] = [];
    let filled = 0;
    let uploadId: string | undefined;
    const flushPart = async (length: number) => {
      uploadId ??= await this.storage(() =>
        this.client.initiateNewMultipartUpload(this.bucket, key, { 'Content-Type': contentType }),
      );
      const partNumber = parts.length + 1;
      const { etag } = await this.storage(() =>
        this.client.uploadPart(
          { bucketName: this.bucket, objectName: key, uploadID: uploadId as string, partNumber, headers: {} },
          part.subarray(0, length),
        ),
      );
      parts.push({ part: partNumber, etag });
    };
    try {
      for await (const chunk of chunks) {
        for (let offset = 0; offset < chunk.length;) {
          const copied = chunk.copy(part, filled, offset);
          filled += copied;
          offset += copied;
          if (filled === PART_SIZE) {
            await flushPart(filled);
            filled = 0;
          }
        }
      }
      if (uploadId === undefined) {
        await this.storage(() =>
          this.client.putObject(this.bucket, key, part.subarray(0, filled), filled, { 'Content-Type': contentType }),
        );
        return;
      }
      if (filled > 0) {
        await flushPart(filled);
      }
      await this.storage(() => this.client.completeMultipartUpload(this.bucket, key, uploadId as string, parts));
    } catch (error) {
      if (uploadId !== undefined) {
        await this.client
          .abortMultipartUpload(this.bucket, key, uploadId)
          .catch((abortError: Error) =>
            this.logger.warn(`Could not abort the upload of '${key}': ${abortError.message}`),
          );
      }
      throw error;
    }
  }

  /** The bytes of an attachment; NoSuchKey becomes null. */
  async read(key: string): Promise<Readable | null> {
    return this.open(this.bucket, key);
  }

  /** Any object on this endpoint (mail-ingress's raw mail, for an import); null when missing. */
  async open(bucket: string, key: string): Promise<Readable | null> {
    try {
      return await this.client.getObject(bucket, key);
    } catch (error) {
      if ((error as { code?: string }).code === 'NoSuchKey' || (error as { code?: string }).code === 'NoSuchBucket') {
        return null;
      }
      throw unavailable(error);
    }
  }

  /** Removes objects; removing one that is already gone succeeds. */
  async remove(keys: string[]): Promise<void> {
    if (keys.length === 0) {
      return;
    }
    const results = (await this.storage(() => this.client.removeObjects(this.bucket, keys))) as unknown[];
    const failed = results.filter(
      (result) => (result as { Code?: string })?.Code && (result as { Code?: string }).Code !== 'NoSuchKey',
    );
    if (failed.length > 0) {
      throw unavailable(new Error(`S3 refused to remove ${failed.length} of ${keys.length} objects`));
    }
  }

  private async storage<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw unavailable(error);
    }
  }
}

function unavailable(error: unknown): DomainError {
  if (error instanceof DomainError) {
    return error;
  }
  const reason = (error as { code?: string })?.code ?? (error as Error)?.message ?? String(error);
  new Logger(ObjectStorage.name).warn(`S3 failed: ${reason}`);
  return new DomainError(ErrorCode.StorageUnavailable, 'File storage is unavailable; try again shortly.');
}
