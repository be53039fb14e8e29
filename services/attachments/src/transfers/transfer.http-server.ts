import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { currentCorrelationId, runHealthChecks, runWithCorrelationId } from '@helpdesk/config';
import {
  ATTACHMENT_SHA256_HEADER,
  AttachmentTransferPaths,
  DomainError,
  ErrorCode,
  RpcErrorEnvelope,
} from '@helpdesk/contracts';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { DataSource } from 'typeorm';

import { AttachmentsService } from '../attachments/attachments.service';
import { ObjectStorage } from '../storage/object-storage';
import { incomingFiles } from '../uploads/incoming-files';
import { UploadsService } from '../uploads/uploads.service';
import { TransferGrants } from './transfer-grants';

export const TRANSFER_HTTP_OPTIONS = Symbol('TRANSFER_HTTP_OPTIONS');

export interface TransferHttpOptions {
  port: number;
  host: string;
}

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.ValidationFailed]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.AttachmentNotFound]: 404,
  [ErrorCode.AttachmentTooLarge]: 413,
  [ErrorCode.AttachmentKindNotAllowed]: 415,
  [ErrorCode.QuotaExceeded]: 429,
  [ErrorCode.StorageUnavailable]: 503,
};

/**
 * The internal HTTP port where file bytes travel (they never go through RabbitMQ), plus
 * `/health` and `/health/live`. Every transfer needs a grant minted on the RPC queue.
 */
@Injectable()
export class TransferHttpServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TransferHttpServer.name);
  private server?: Server;

  constructor(
    @Inject(TRANSFER_HTTP_OPTIONS) private readonly options: TransferHttpOptions,
    private readonly grants: TransferGrants,
    private readonly uploads: UploadsService,
    private readonly attachments: AttachmentsService,
    private readonly storage: ObjectStorage,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const server = createServer((request, response) => {
      const correlationId = request.headers['x-correlation-id'];
      runWithCorrelationId(typeof correlationId === 'string' && correlationId ? correlationId : undefined, () => {
        void this.handle(request, response);
      });
    });
    // Uploads may be slow; a connection that goes quiet this long is given up.
    server.requestTimeout = 0;
    server.timeout = 60_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => resolve());
    });
    this.server = server;
    this.logger.log(`Transfers are served on http://${this.options.host}:${this.options.port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (server) {
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { pathname } = new URL(request.url ?? '/', 'http://internal');
    try {
      if (request.method === 'GET' && pathname === '/health/live') {
        return sendJson(response, 200, { status: 'ok' });
      }
      if (request.method === 'GET' && pathname === '/health') {
        const report = await runHealthChecks({
          database: () => this.dataSource.query('SELECT 1'),
          storage: () => this.storage.check(),
        });
        return sendJson(response, report.status === 'ok' ? 200 : 503, report);
      }
      if (request.method === 'POST' && pathname === AttachmentTransferPaths.Uploads) {
        return await this.upload(request, response);
      }
      const download = new RegExp(`^${AttachmentTransferPaths.Objects}/(\\d+)$`).exec(pathname);
      if (request.method === 'GET' && download) {
        return await this.download(request, response, Number(download[1]));
      }
      throw new DomainError(ErrorCode.NotFound, `No route ${request.method} ${pathname}.`);
    } catch (error) {
      this.fail(request, response, error);
    }
  }

  private async upload(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const grant = this.grants.verify(bearerOf(request));
    if (grant?.kind !== 'upload') {
      throw unauthenticated();
    }
    const attachments = await this.uploads.storeAll(grant.owner, incomingFiles(request));
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
    await pipeline(body, response).catch((error: Error) =>
      this.logger.warn(`Download of attachment '${id}' broke off: ${error.message}`),
    );
  }

  private fail(request: IncomingMessage, response: ServerResponse, error: unknown): void {
    if (request.readableAborted) {
      this.logger.debug(`The sender of ${request.method} ${request.url} went away: ${(error as Error)?.message}`);
      response.destroy();
      return;
    }
    const envelope = toEnvelope(error);
    if (envelope.code === ErrorCode.Internal) {
      this.logger.error((error as Error)?.stack ?? String(error));
    } else {
      this.logger.debug(`${envelope.code}: ${envelope.message}`);
    }
    if (response.headersSent) {
      response.destroy();
      return;
    }
    // The sender may still be sending what we refused: read and drop it, so the answer arrives.
    request.unpipe();
    request.resume();
    sendJson(response, STATUS_BY_CODE[envelope.code] ?? 500, envelope);
  }
}

function toEnvelope(error: unknown): RpcErrorEnvelope {
  const correlationId = currentCorrelationId();
  if (error instanceof DomainError) {
    return { code: error.code, message: error.message, details: error.details, correlationId };
  }
  return { code: ErrorCode.Internal, message: 'Internal error', correlationId };
}

function bearerOf(request: IncomingMessage): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
}

function unauthenticated(): DomainError {
  return new DomainError(ErrorCode.Unauthenticated, 'A valid, unexpired transfer grant is required.');
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response
    .writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
    .end(text);
}
