import { Logger } from '@nestjs/common';
import { currentCorrelationId, runWithCorrelationId } from '@helpdesk/config';
import { DomainError, ErrorCode, RpcErrorEnvelope } from '@helpdesk/contracts';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';

import { CORRELATION_HEADER } from '../rpc/rpc-queue';

/** One route of an internal port: `pattern` is matched against the whole path. */
export interface InternalRoute {
  method: 'GET' | 'POST';
  pattern: RegExp;
  handle: (request: IncomingMessage, response: ServerResponse, match: RegExpExecArray) => Promise<void>;
}

export interface InternalHttpServerOptions {
  /** The logger context, e.g. `TransferHttpServer`. */
  name: string;
  host: string;
  port: number;
  routes: InternalRoute[];
  /** A connection that goes quiet this long is given up (uploads may be slow, but not silent). */
  idleTimeoutMs?: number;
}

/** The statuses of the internal ports; callers read the envelope's code, the status is for people. */
const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.ValidationFailed]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.AccessDenied]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.AttachmentNotFound]: 404,
  [ErrorCode.InboundMailNotFound]: 404,
  [ErrorCode.AttachmentTooLarge]: 413,
  [ErrorCode.AttachmentKindNotAllowed]: 415,
  [ErrorCode.QuotaExceeded]: 429,
  [ErrorCode.StorageUnavailable]: 503,
};

/**
 * An internal HTTP port where bytes travel beside the broker (attachments' transfers,
 * mail-ingress's raw messages): the caller's correlation id, routing, and every failure
 * answered as the RPC error envelope, the way RpcErrorFilter answers on the queues.
 */
export class InternalHttpServer {
  private readonly logger: Logger;
  private server?: Server;

  constructor(private readonly options: InternalHttpServerOptions) {
    this.logger = new Logger(options.name);
  }

  async listen(): Promise<void> {
    const server = createServer((request, response) => {
      const correlationId = request.headers[CORRELATION_HEADER];
      runWithCorrelationId(typeof correlationId === 'string' && correlationId ? correlationId : undefined, () => {
        void this.serve(request, response);
      });
    });
    server.requestTimeout = 0;
    server.timeout = this.options.idleTimeoutMs ?? 60_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => resolve());
    });
    this.server = server;
    this.logger.log(`Listening on http://${this.options.host}:${this.options.port}`);
  }

  async close(): Promise<void> {
    const server = this.server;
    if (server) {
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { pathname } = new URL(request.url ?? '/', 'http://internal');
    try {
      for (const route of this.options.routes) {
        const match = request.method === route.method ? route.pattern.exec(pathname) : null;
        if (match) {
          return await route.handle(request, response, match);
        }
      }
      throw new DomainError(ErrorCode.NotFound, `No route ${request.method} ${pathname}.`);
    } catch (error) {
      this.fail(request, response, error);
    }
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

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response
    .writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
    .end(text);
}

export function bearerOf(request: IncomingMessage): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
}

function toEnvelope(error: unknown): RpcErrorEnvelope {
  const correlationId = currentCorrelationId();
  if (error instanceof DomainError) {
    return { code: error.code, message: error.message, details: error.details, correlationId };
  }
  return { code: ErrorCode.Internal, message: 'Internal error', correlationId };
}
