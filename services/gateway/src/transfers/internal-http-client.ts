import { currentCorrelationId } from '@helpdesk/config';
import { ErrorCode, isRpcErrorEnvelope } from '@helpdesk/contracts';
import { CORRELATION_HEADER, UpstreamError } from '@helpdesk/messaging';
import { ClientRequest, IncomingMessage, request as httpRequest } from 'node:http';
import type { Readable } from 'node:stream';

export interface InternalHttpClientOptions {
  /** The service's internal HTTP address, e.g. http://attachments:3100. */
  url: string;
  /** Names the service in errors, e.g. `attachments`. */
  service: string;
  /** A transfer that sends or receives nothing for this long is given up. */
  idleTimeoutMs: number;
}

export interface Exchange {
  response: IncomingMessage;
  request: ClientRequest;
}

/**
 * Bytes to and from a service's internal HTTP port (InternalHttpServer), piped with
 * backpressure and never held whole. Its failures arrive as the RPC error envelope and leave
 * here as UpstreamError, like an RPC's.
 */
export class InternalHttpClient {
  constructor(private readonly options: InternalHttpClientOptions) {}

  /** A download with a grant: the response when it is a 200, else the service's error. */
  async download(path: string, grant: string): Promise<IncomingMessage> {
    const { response } = await this.exchange('GET', path, { authorization: `Bearer ${grant}` });
    if (response.statusCode !== 200) {
      throw this.errorOf(await readJson(response));
    }
    return response;
  }

  /** Sends `body` (if any) and resolves on the answer, which may come before all of it was sent. */
  exchange(method: string, path: string, headers: Record<string, string>, body?: Readable): Promise<Exchange> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(new URL(path, this.options.url), {
        method,
        headers: { ...headers, [CORRELATION_HEADER]: currentCorrelationId() ?? '' },
      });
      let answered = false;
      request.setTimeout(this.options.idleTimeoutMs, () => request.destroy(new Error('timeout')));
      request.on('response', (response) => {
        answered = true;
        if (body && !body.readableEnded) {
          body.unpipe(request);
          // The caller may still be sending: read and drop the rest, so it receives the answer.
          body.resume();
        }
        resolve({ response, request });
      });
      request.on('error', (error) => {
        if (!answered) {
          reject(this.unreachable(error));
        }
      });
      if (!body) {
        request.end();
        return;
      }
      body.on('close', () => {
        if (!body.readableEnded && !answered) {
          // The caller went away mid-upload: the service must see the upload break off.
          request.destroy();
          reject(new UpstreamError(ErrorCode.ValidationFailed, 'The upload was aborted before it was complete.'));
        }
      });
      body.pipe(request);
    });
  }

  errorOf(body: unknown): UpstreamError {
    return isRpcErrorEnvelope(body)
      ? new UpstreamError(body.code, body.message, body.details)
      : new UpstreamError(ErrorCode.BadUpstreamReply, `The ${this.options.service} service gave an unexpected reply.`);
  }

  private unreachable(error: Error): UpstreamError {
    const service = this.options.service;
    return error.message === 'timeout'
      ? new UpstreamError(ErrorCode.ServiceTimeout, `The ${service} service did not answer in time; try again shortly.`)
      : new UpstreamError(ErrorCode.ServiceUnavailable, `The ${service} service is unreachable; try again shortly.`);
  }
}

export async function readJson(response: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) {
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}
