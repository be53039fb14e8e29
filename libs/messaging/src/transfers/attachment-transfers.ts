import { currentCorrelationId } from '@helpdesk/config';
import {
  ATTACHMENT_FILENAME_HEADER,
  AttachmentPatterns,
  AttachmentTransferPaths,
  AttachmentView,
  ErrorCode,
  isRpcErrorEnvelope,
  Principal,
} from '@helpdesk/contracts';
import { ClientRequest, IncomingMessage, request as httpRequest } from 'node:http';
import type { Readable } from 'node:stream';

import { AttachmentsClient } from '../rpc/clients';
import { CORRELATION_HEADER } from '../rpc/rpc-queue';
import { UpstreamError } from '../rpc/upstream-error';

export interface AttachmentTransfersOptions {
  /** The attachments service's internal HTTP address, e.g. http://attachments:3100. */
  url: string;
  /** A transfer that sends or receives nothing for this long is given up. */
  idleTimeoutMs: number;
}

export interface UploadSource {
  body: Readable;
  /** `multipart/form-data; boundary=…` for a form (parts named `file`), else the file's claimed type. */
  contentType?: string;
  /** The name of a raw-body file (a form's parts name their own files). */
  filename?: string;
  contentLength?: string;
}

/**
 * Streams files to and from the attachments service without ever holding one whole: a grant
 * over RPC, then the bytes over its internal HTTP port, piped with backpressure. Used by the
 * gateway (uploads and downloads) and mail-ingress (the attachments of an email).
 */
export class AttachmentTransfers {
  constructor(
    private readonly attachments: AttachmentsClient,
    private readonly options: AttachmentTransfersOptions,
  ) {}

  /** Stores the file(s) of `source` as the principal's uploads; all or none. */
  async upload(principal: Principal, source: UploadSource): Promise<AttachmentView[]> {
    const grant = await this.attachments.send(AttachmentPatterns.GrantUpload, { principal });
    const headers: Record<string, string> = { authorization: `Bearer ${grant.token}` };
    if (source.contentType) {
      headers['content-type'] = source.contentType;
    }
    if (source.filename !== undefined) {
      headers[ATTACHMENT_FILENAME_HEADER] = encodeURIComponent(source.filename);
    }
    if (source.contentLength) {
      headers['content-length'] = source.contentLength;
    }
    const { response, request } = await this.exchange('POST', AttachmentTransferPaths.Uploads, headers, source.body);
    try {
      const body = await readJson(response);
      if (response.statusCode !== 201) {
        throw upstreamErrorOf(body);
      }
      return body as AttachmentView[];
    } finally {
      // It may have answered before reading all we had to send (a refused file): stop sending.
      request.destroy();
    }
  }

  /** The attachment and its bytes, once the attachments service checked the principal may see it. */
  async download(principal: Principal, id: number): Promise<{ attachment: AttachmentView; body: IncomingMessage }> {
    const grant = await this.attachments.send(AttachmentPatterns.GrantDownload, { principal, id });
    const { response } = await this.exchange('GET', `${AttachmentTransferPaths.Objects}/${id}`, {
      authorization: `Bearer ${grant.token}`,
    });
    if (response.statusCode !== 200) {
      throw upstreamErrorOf(await readJson(response));
    }
    return { attachment: grant.attachment, body: response };
  }

  private exchange(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: Readable,
  ): Promise<{ response: IncomingMessage; request: ClientRequest }> {
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
          reject(unreachable(error));
        }
      });
      if (!body) {
        request.end();
        return;
      }
      body.on('close', () => {
        if (!body.readableEnded && !answered) {
          // The caller went away mid-upload: the attachments service must see the upload break off.
          request.destroy();
          reject(new UpstreamError(ErrorCode.ValidationFailed, 'The upload was aborted before it was complete.'));
        }
      });
      body.pipe(request);
    });
  }
}

function unreachable(error: Error): UpstreamError {
  return error.message === 'timeout'
    ? new UpstreamError(ErrorCode.ServiceTimeout, 'The attachments service did not answer in time; try again shortly.')
    : new UpstreamError(ErrorCode.ServiceUnavailable, 'The attachments service is unreachable; try again shortly.');
}

async function readJson(response: IncomingMessage): Promise<unknown> {
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

function upstreamErrorOf(body: unknown): UpstreamError {
  return isRpcErrorEnvelope(body)
    ? new UpstreamError(body.code, body.message, body.details)
    : new UpstreamError(ErrorCode.BadUpstreamReply, 'The attachments service gave an unexpected reply.');
}
