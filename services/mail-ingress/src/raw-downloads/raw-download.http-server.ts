import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DomainError, ErrorCode, MAIL_INGRESS_RAW_PATH } from '@helpdesk/contracts';
import { bearerOf, InternalHttpServer } from '@helpdesk/messaging';
import { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';

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
  private readonly server: InternalHttpServer;

  constructor(
    @Inject(RAW_DOWNLOAD_OPTIONS) options: RawDownloadOptions,
    private readonly grants: RawGrants,
    private readonly inboundMails: InboundMailsService,
  ) {
    this.server = new InternalHttpServer({
      name: RawDownloadHttpServer.name,
      ...options,
      routes: [
        {
          method: 'GET',
          pattern: new RegExp(`^${MAIL_INGRESS_RAW_PATH}/(\\d{1,16})$`),
          handle: (request, response, match) => this.download(request, response, Number(match[1])),
        },
      ],
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.server.listen();
  }

  onApplicationShutdown(): Promise<void> {
    return this.server.close();
  }

  private async download(request: IncomingMessage, response: ServerResponse, id: number): Promise<void> {
    if (!this.grants.verify(bearerOf(request) ?? '', id)) {
      throw new DomainError(ErrorCode.AccessDenied, 'A valid, unexpired grant for this message is required.');
    }
    const raw = await this.inboundMails.openRaw(id);
    if (!raw) {
      throw new DomainError(ErrorCode.InboundMailNotFound, `Inbound mail ${id} has no stored source.`, { id });
    }
    response.writeHead(200, { 'content-type': 'message/rfc822', 'content-length': String(raw.size) });
    await pipeline(raw.body, response).catch((error: Error) =>
      this.logger.warn(`Download of raw message '${id}' broke off: ${error.message}`),
    );
  }
}
