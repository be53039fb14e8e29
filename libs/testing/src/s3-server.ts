import { Client } from 'minio';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/** s3rver's built-in account. */
const CREDENTIALS = { accessKey: 'S3RVER', secretKey: 'S3RVER' };

/**
 * A real S3-protocol server (s3rver) in the test process, on a random port and a directory of
 * its own; `stop()` and `start()` simulate an S3 outage and its end.
 */
export class TestS3Server {
  private server?: S3rver;

  private constructor(
    readonly port: number,
    private readonly directory: string,
  ) {}

  static async start(): Promise<TestS3Server> {
    const s3 = new TestS3Server(await freePort(), mkdtempSync(join(tmpdir(), 'helpdesk-s3-')));
    await s3.start();
    return s3;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The S3_* variables of a service that uses this server. */
  env(bucket: string): Record<string, string> {
    return {
      S3_ENDPOINT: this.endpoint,
      S3_ACCESS_KEY: CREDENTIALS.accessKey,
      S3_SECRET_KEY: CREDENTIALS.secretKey,
      S3_BUCKET: bucket,
    };
  }

  /** A minio client for checking what the bucket holds. */
  client(): Client {
    return new Client({ endPoint: '127.0.0.1', port: this.port, useSSL: false, region: 'us-east-1', ...CREDENTIALS });
  }

  async keys(bucket: string): Promise<string[]> {
    const keys: string[] = [];
    for await (const item of this.client().listObjectsV2(bucket, '', true)) {
      keys.push((item as { name: string }).name);
    }
    return keys.sort();
  }

  async start(): Promise<void> {
    if (this.server) {
      return;
    }
    const server = new S3rver({ address: '127.0.0.1', port: this.port, silent: true, directory: this.directory });
    await server.run();
    this.server = server;
  }

  /** Stops answering at once, open connections included: S3 is down. */
  async stop(): Promise<void> {
    const httpServer = this.server?.httpServer;
    this.server = undefined;
    if (httpServer) {
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeAllConnections();
      await closed;
    }
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.directory, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
