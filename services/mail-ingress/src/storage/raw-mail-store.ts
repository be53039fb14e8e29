import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DomainError, ErrorCode } from '@helpdesk/contracts';
import { Client } from 'minio';
import type { Readable } from 'node:stream';

export interface RawMailStoreOptions {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  region: string;
  bucket: string;
}

export const RAW_MAIL_STORE_OPTIONS = Symbol('RAW_MAIL_STORE_OPTIONS');

/** S3's smallest part but the last: a larger message goes up as a multipart upload of these. */
const PART_SIZE = 5 * 1024 * 1024;

/**
 * Raw inbound messages (and the attachments cut out of them, for attachments.import) in their
 * own bucket on the attachments' S3 endpoint, through the `minio` client. A write buffers at
 * most one part; a write that fails leaves no object. S3 failures become STORAGE_UNAVAILABLE.
 */
@Injectable()
export class RawMailStore implements OnApplicationBootstrap {
  private readonly logger = new Logger(RawMailStore.name);
  private readonly client: Client;
  private bucketReady?: Promise<void>;

  constructor(@Inject(RAW_MAIL_STORE_OPTIONS) private readonly options: RawMailStoreOptions) {
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
      this.logger.warn(`Bucket '${this.bucket}' is not ready yet (${error.message}); the next message tries again`),
    );
  }

  /** For readiness: S3 answers and the bucket is there. */
  async check(): Promise<void> {
    await this.ensureBucket();
    await this.storage(() => this.client.bucketExists(this.bucket));
  }

  /**
   * Writes what `chunks` yields to `key`. When the source throws (too large, broken off), no
   * object is created and a multipart upload already begun is aborted.
   */
  async write(key: string, chunks: AsyncIterable<Buffer>, contentType = 'message/rfc822'): Promise<void> {
    await this.ensureBucket();
    const pending: Buffer[] = [];
    let pendingBytes = 0;
    const parts: { part: number; etag: string }[] = [];
    let uploadId: string | undefined;
    const flushPart = async () => {
      const body = Buffer.concat(pending, pendingBytes);
      pending.length = 0;
      pendingBytes = 0;
      uploadId ??= await this.storage(() =>
        this.client.initiateNewMultipartUpload(this.bucket, key, { 'Content-Type': contentType }),
      );
      const partNumber = parts.length + 1;
      const { etag } = await this.storage(() =>
        this.client.uploadPart(
          { bucketName: this.bucket, objectName: key, uploadID: uploadId as string, partNumber, headers: {} },
          body,
        ),
      );
      parts.push({ part: partNumber, etag });
    };
    try {
      for await (const chunk of chunks) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= PART_SIZE) {
          await flushPart();
        }
      }
      if (uploadId === undefined) {
        const body = Buffer.concat(pending, pendingBytes);
        await this.storage(() =>
          this.client.putObject(this.bucket, key, body, body.length, { 'Content-Type': contentType }),
        );
        return;
      }
      if (pendingBytes > 0) {
        await flushPart();
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

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.ensureBucket();
    await this.storage(() =>
      this.client.putObject(this.bucket, key, body, body.length, { 'Content-Type': contentType }),
    );
  }

  /** The object as a stream; null when it does not exist. */
  async open(key: string): Promise<Readable | null> {
    try {
      return await this.client.getObject(this.bucket, key);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'NoSuchKey' || code === 'NoSuchBucket') {
        return null;
      }
      throw unavailable(error);
    }
  }

  /** The whole object (raw messages are bounded by SMTP_INGRESS_MAX_BYTES); null when it does not exist. */
  async read(key: string): Promise<Buffer | null> {
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
      throw unavailable(error);
    }
    return Buffer.concat(chunks);
  }

  /** Best effort: what cannot be removed now is only wasted space. */
  async remove(keys: string[]): Promise<void> {
    if (keys.length === 0) {
      return;
    }
    await this.client
      .removeObjects(this.bucket, keys)
      .catch((error: Error) => this.logger.warn(`Could not remove ${keys.length} object(s): ${error.message}`));
  }

  private ensureBucket(): Promise<void> {
    this.bucketReady ??= this.storage(async () => {
      if (!(await this.client.bucketExists(this.bucket))) {
        await this.client.makeBucket(this.bucket, this.options.region).catch((error: { code?: string }) => {
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
  return new DomainError(ErrorCode.StorageUnavailable, `Raw-mail storage is unavailable (${reason}).`);
}
