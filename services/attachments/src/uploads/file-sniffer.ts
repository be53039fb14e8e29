import { Injectable } from '@nestjs/common';
import { ALLOWED_ATTACHMENT_KINDS_TEXT, DomainError, ErrorCode } from '@helpdesk/contracts';
import { fileTypeFromBuffer } from 'file-type';

import { decideKind, FileKind, SniffInput } from './file-kinds';

/** Bytes read before deciding a file's kind: file-type's signatures plus a fair sample of text. */
export const SNIFF_BYTES = 64 * 1024;

/** Decides the kind of an upload from its first bytes (file-type's signatures, then a text test). */
@Injectable()
export class FileSniffer {
  async kindOf(input: Omit<SniffInput, 'detected'>): Promise<{ kind: FileKind; contentType: string }> {
    // A sample cut short can trip a container parser; the signature check then has no verdict.
    const detected = await fileTypeFromBuffer(input.head).catch(() => undefined);
    const decision = decideKind({ ...input, detected });
    if (!decision.allowed) {
      throw new DomainError(
        ErrorCode.AttachmentKindNotAllowed,
        `"${input.filename}" ${decision.reason}. Allowed: ${ALLOWED_ATTACHMENT_KINDS_TEXT}.`,
        { filename: input.filename },
      );
    }
    return decision;
  }
}
