import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { runHealthChecks } from '@helpdesk/config';
import { ATTACHMENT_SHA256_HEADER, AttachmentTransferPaths, DomainError, ErrorCode } from '@helpdesk/contracts';
import { bearerOf, InternalHttpServer, sendJson } from '@helpdesk/messaging';
import { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { DataSource } from 'typeorm';

import { AttachmentsService } from '../attachments/attachments.service';
import { ObjectStorage } from '../storage/object-storage';
import { incomingFiles } from '../uploads/incoming-files';
import { UploadsService } from '../uploads/uploads.service';
import { TransferGrants } from './transfer-grants';
import { attachmentBytes } from './transfer-metrics';

export const TRANSFER_HTTP_OPTIONS = Symbol('TRANSFER_HTTP_OPTIONS');

export interface TransferHttpOptions {
  port: number;
  host: string;
}

/**
 * The internal HTTP port where file bytes travel (they never go through RabbitMQ), plus
 * `/health` and `/health/live`. Every transfer needs a grant minted on the RPC queue.
 */
@Injectable()
export class TransferHttpServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TransferHttpServer.name);
  private readonly server: InternalHttpServer;

  constructor(
    @Inject(TRANSFER_HTTP_OPTIONS) options: TransferHttpOptions,
    private readonly grants: TransferGrants,
    private readonly uploads: UploadsService,
    private readonly attachments: AttachmentsService,
    private readonly storage: ObjectStorage,
    private readonly dataSource: DataSource,
  ) {
    this.server = new InternalHttpServer({
      name: TransferHttpServer.name,
      ...options,
      routes: [
        {
          method: 'GET',
          pattern: /^\/health\/live$/,
          handle: async (_, response) => sendJson(response, 200, { status: 'ok' }),
        },
        { method: 'GET', pattern: /^\/health$/, handle: (_, response) => this.health(response) },
        {
          method: 'POST',
          pattern: new RegExp(`^${AttachmentTransferPaths.Uploads}$`),
          handle: (request, response) => this.upload(request, response),
        },
        {
          method: 'GET',
          pattern: new RegExp(`^${AttachmentTransferPaths.Objects}/(\\d+)$`),
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

  private async health(response: ServerResponse): Promise<void> {
    const report = await runHealthChecks({
      database: () => this.dataSource.query('SELECT 1'),
      storage: () => this.storage.check(),
    });
    sendJson(response, report.status === 'ok' ? 200 : 503, report);
  }

  private async upload(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const grant = this.grants.verify(bearerOf(request));
    if (grant?.kind !== 'upload') {
      throw unauthenticated();
    }
    const attachments = await this.uploads.storeAll(grant.owner, incomingFiles(request));
    attachmentBytes.inc(
      { direction: 'in' },
      attachments.reduce((total, attachment) => total + attachment.size, 0),
    );
    sendJson(response, 201, attachments);
  }

  private async download(request: IncomingMessage, response: ServerResponse, id: number): Promise<void> {
    const grant = this.grants.verify(bearerOf(request));
    if (grant?.kind !== 'download' || grant.attachmentId !== id) {
      throw unauthenticated();
    }
    const { attachment, sha256, body } = await this.attachments.open(id);
    response.writeHead(200, {
      'content-type': attachment.contentType,
      'content-length': String(attachment.size),
      'x-content-type-options': 'nosniff',
      [ATTACHMENT_SHA256_HEADER]: sha256,
    });
    await pipeline(body, response).then(
      () => attachmentBytes.inc({ direction: 'out' }, attachment.size),
      (error: Error) => this.logger.warn(`Download of attachment '${id}' broke off: ${error.message}`),
    );
  }
}

function unauthenticated(): DomainError {
  return new DomainError(ErrorCode.Unauthenticated, 'A valid, unexpired transfer grant is required.');
}
