import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';

import { freePort } from './test-system';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** What the receiver answered. */
  status: number;
  receivedAt: number;
}

/**
 * An HTTP endpoint on loopback that records every request and answers each path with the
 * status set for it (200 unless told). `stop()` and `start()` again on the same port simulate
 * an outage.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly statusByPath = new Map<string, number>();
  private server?: Server;

  private constructor(readonly port: number) {}

  /** A receiver on a free port, listening unless `listening: false`. */
  static async create(listening = true): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver(await freePort());
    if (listening) {
      await receiver.start();
    }
    return receiver;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  answer(path: string, status: number): void {
    this.statusByPath.set(path, status);
  }

  to(path: string): ReceivedWebhook[] {
    return this.received.filter((request) => request.path === path);
  }

  start(): Promise<void> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = request.url ?? '/';
        const status = this.statusByPath.get(path) ?? 200;
        this.received.push({
          path,
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          status,
          receivedAt: Date.now(),
        });
        response.writeHead(status, { 'content-type': 'text/plain' }).end(`answered ${status}`);
      });
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }
}

/** Whether one of the `v1=` signatures of `X-Helpdesk-Signature` is the request's, signed with `secret`. */
export function webhookSignatureValid(request: ReceivedWebhook, secret: string): boolean {
  const timestamp = String(request.headers['x-helpdesk-timestamp']);
  const expected = createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest();
  return String(request.headers['x-helpdesk-signature'])
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('v1='))
    .some((part) => {
      const given = Buffer.from(part.slice(3), 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}
