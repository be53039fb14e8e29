import type { Logger } from '@nestjs/common';
import { DomainError } from '@helpdesk/contracts';
import { Client } from 'minio';
import type { Readable } from 'node:stream';

export interface S3BucketOptions {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  region: string;
  bucket: string;
}

/** The service that owns a bucket: where its logs go and how it words an S3 failure. */
export interface S3BucketOwner {
  logger: Logger;
  unavailable: (reason: string) => DomainError;
}

/** S3's smallest part (but the last): what one upload holds in memory at a time. */
export const PART_SIZE = 5 * 1024 * 1024;

/**
 * One bucket, through the `minio` client. Writes stream through one reused part buffer (a small
 * object is one PUT, a larger one a multipart upload), so memory does not grow with the object;
 * a write that fails leaves no object behind. S3 failures become the owner's DomainError.
 */
export class S3Bucket {
  private readonly client: Client;
  private bucketReady?: Promise<void>;

  constructor(
    private readonly options: S3BucketOptions,
    private readonly owner: S3BucketOwner,
  ) {
    this.client = clientFor(options);
  }

  get name(): string {
    return this.options.bucket;
  }

  /** Creates the bucket when it is missing; after a failure the next call tries again. */
  ensureBucket(): Promise<void> {
    this.bucketReady ??= this.storage(async () => {
      if (!(await this.client.bucketExists(this.name))) {
        await this.client.makeBucket(this.name, this.options.region).catch((error: { code?: string }) => {
          if (error.code !== 'BucketAlreadyOwnedByYou' && error.code !== 'BucketAlreadyExists') {
            throw error;
          }
        });
        this.owner.logger.log(`Created bucket '${this.name}'`);
      }
    }).catch((error) => {
      this.bucketReady = undefined;
      throw error;
    });
    return this.bucketReady;
  }

  /** At boot S3 may still be starting: then warn, and leave the bucket to the owner's next `attempt`. */
  prepare(attempt: string): void {
    this.ensureBucket().catch((error: Error) =>
      this.owner.logger.warn(
        `Bucket '${this.name}' is not ready yet (${error.message}); the next ${attempt} tries again`,
      ),
    );
  }

  /** For readiness: S3 answers and the bucket is there. */
  async check(): Promise<void> {
    await this.ensureBucket();
    await this.storage(() => this.client.bucketExists(this.name));
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
        this.client.initiateNewMultipartUpload(this.name, key, { 'Content-Type': contentType }),
      );
      const partNumber = parts.length + 1;
      const { etag } = await this.storage(() =>
        this.client.uploadPart(
          { bucketName: this.name, objectName: key, uploadID: uploadId as string, partNumber, headers: {} },
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
        await this.putObject(key, part.subarray(0, filled), contentType);
        return;
      }
      if (filled > 0) {
        await flushPart(filled);
      }
      await this.storage(() => this.client.completeMultipartUpload(this.name, key, uploadId as string, parts));
    } catch (error) {
      if (uploadId !== undefined) {
        await this.abortUpload(key, uploadId);
      }
      throw error;
    }
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.ensureBucket();
    await this.putObject(key, body, contentType);
  }

  /** The object as a stream; null when it (or its bucket) does not exist. */
  async open(key: string, bucket = this.name): Promise<Readable | null> {
    try {
      return await this.client.getObject(bucket, key);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'NoSuchKey' || code === 'NoSuchBucket') {
        return null;
      }
      throw this.unavailable(error);
    }
  }

  /** The whole object in memory, for objects known to be small; null when it does not exist. */
  async readAll(key: string): Promise<Buffer | null> {
    const stream = await this.open(key);
    if (!stream) {
      return null;
    }
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of stream) {
        chunks.push(chunk as Buffer);
      }
    } catch (error) {
      throw this.unavailable(error);
    }
    return Buffer.concat(chunks);
  }

  /** Removes objects; removing one that is already gone succeeds. */
  async remove(keys: string[]): Promise<void> {
    if (keys.length === 0) {
      return;
    }
    const results = (await this.storage(() => this.client.removeObjects(this.name, keys))) as unknown[];
    const failed = results.filter(
      (result) => (result as { Code?: string })?.Code && (result as { Code?: string }).Code !== 'NoSuchKey',
    );
    if (failed.length > 0) {
      throw this.unavailable(new Error(`S3 refused to remove ${failed.length} of ${keys.length} objects`));
    }
  }

  private putObject(key: string, body: Buffer, contentType: string): Promise<unknown> {
    return this.storage(() =>
      this.client.putObject(this.name, key, body, body.length, { 'Content-Type': contentType }),
    );
  }

  private async abortUpload(key: string, uploadId: string): Promise<void> {
    await this.client
      .abortMultipartUpload(this.name, key, uploadId)
      .catch((error: Error) => this.owner.logger.warn(`Could not abort the upload of '${key}': ${error.message}`));
  }

  private async storage<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw this.unavailable(error);
    }
  }

  private unavailable(error: unknown): DomainError {
    if (error instanceof DomainError) {
      return error;
    }
    const reason = (error as { code?: string })?.code ?? (error as Error)?.message ?? String(error);
    return this.owner.unavailable(reason);
  }
}

function clientFor(options: S3BucketOptions): Client {
  const endpoint = new URL(options.endpoint);
  const useSSL = endpoint.protocol === 'https:';
  return new Client({
    endPoint: endpoint.hostname,
    port: endpoint.port ? Number(endpoint.port) : useSSL ? 443 : 80,
    useSSL,
    accessKey: options.accessKey,
    secretKey: options.secretKey,
    region: options.region,
    pathStyle: true,
  });
}
