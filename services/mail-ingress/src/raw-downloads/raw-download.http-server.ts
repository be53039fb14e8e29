import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MAIL_INGRESS_RAW_PATH } from '@helpdesk/contracts';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';

import { InboundMailsService } from '../inbound-mails/inbound-mails.service';
import { RawGrants } from './raw-grants';

export const RAW_DOWNLOAD_OPTIONS = Symbol('RAW_DOWNLOAD_OPTIONS');
export interface RawDownloadOptions {
  port: number;
  host: string;
}

/**
 * The internal HTTP port (MAIL_INGRESS_HTTP_PORT) where the gateway fetches a raw message for
 * staff: `GET /raw/<id>` with a grant from `mail-ingress.grant-raw`, streamed from S3. Never
 * published; message bytes do not travel through RabbitMQ.
 */
@Injectable()
export class RawDownloadHttpServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RawDownloadHttpServer.name);
  private server?: Server;

  constructor(
    @Inject(RAW_DOWNLOAD_OPTIONS) private readonly options: RawDownloadOptions,
    private readonly grants: RawGrants,
    private readonly inboundMails: InboundMailsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const server = createServer((request, response) => {
      this.serve(request, response).catch((error: Error) => {
        this.logger.warn(`Raw download failed: ${error.message}`);
        if (!response.headersSent) {
          response.writeHead(503, { 'content-type': 'application/json' }).end('{"code":"STORAGE_UNAVAILABLE"}');
        } else {
          response.destroy();
        }
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => resolve());
    });
    this.server = server;
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const match = new RegExp(`^${MAIL_INGRESS_RAW_PATH}/(\\d{1,16})$`).exec(request.url ?? '');
    if (request.method !== 'GET' || !match) {
      response.writeHead(404).end();
      return;
    }
    const id = Number(match[1]);
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    if (!this.grants.verify(token, id)) {
      response.writeHead(403, { 'content-type': 'application/json' }).end('{"code":"ACCESS_DENIED"}');
      return;
    }
    const raw = await this.inboundMails.openRaw(id);
    if (!raw) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"code":"INBOUND_MAIL_NOT_FOUND"}');
      return;
    }
    const { body, size } = raw;
    response.writeHead(200, { 'content-type': 'message/rfc822', 'content-length': String(size) });
    body.pipe(response);
    body.on('error', () => response.destroy());
  }
}
