import {
  ATTACHMENT_FILENAME_HEADER,
  AttachmentPatterns,
  AttachmentTransferPaths,
  AttachmentView,
  Principal,
} from '@helpdesk/contracts';
import { AttachmentsClient } from '@helpdesk/messaging';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';

import { InternalHttpClient, readJson } from '../transfers/internal-http-client';

export interface UploadSource {
  body: Readable;
  /** `multipart/form-data; boundary=…` for a form (parts named `file`), else the file's claimed type. */
  contentType?: string;
  /** The name of a raw-body file (a form's parts name their own files). */
  filename?: string;
  contentLength?: string;
}

/**
 * Streams files to and from the attachments service: a grant over RPC (where attachments
 * checks who may — services/attachments/src/attachments/attachment-access.ts), then the bytes
 * over its internal HTTP port.
 */
export class AttachmentTransfers {
  constructor(
    private readonly attachments: AttachmentsClient,
    private readonly port: InternalHttpClient,
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
    const { response, request } = await this.port.exchange(
      'POST',
      AttachmentTransferPaths.Uploads,
      headers,
      source.body,
    );
    try {
      const body = await readJson(response);
      if (response.statusCode !== 201) {
        throw this.port.errorOf(body);
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
    const body = await this.port.download(`${AttachmentTransferPaths.Objects}/${id}`, grant.token);
    return { attachment: grant.attachment, body };
  }
}
