import { Injectable } from '@nestjs/common';
import {
  AttachmentPatterns,
  AttachmentView,
  DomainError,
  DroppedAttachment,
  ErrorCode,
  MAIL_PART_KEY_PREFIX,
  MAX_ATTACHMENTS_PER_MESSAGE,
  Principal,
} from '@helpdesk/contracts';
import { AttachmentsClient } from '@helpdesk/messaging';

import { RawMailStore } from '../storage/raw-mail-store';
import { InboundAttachment } from './parse-mail';

/** Refusals that concern the file itself: it is dropped (and staff told), the rest of the reply is kept. */
const FILE_REFUSALS = new Set<string>([
  ErrorCode.AttachmentKindNotAllowed,
  ErrorCode.AttachmentTooLarge,
  ErrorCode.ValidationFailed,
  ErrorCode.NotFound,
]);

export interface ImportedAttachments {
  kept: AttachmentView[];
  dropped: DroppedAttachment[];
}

/**
 * Hands a message's files to the attachments service under its rules (kinds from the bytes,
 * sizes): each is cut out to `parts/<mail id>/<n>` in the raw-mail bucket, then imported
 * (attachments.import copies it) as an upload of `owner`, the message's author.
 */
@Injectable()
export class AttachmentImporter {
  constructor(
    private readonly attachments: AttachmentsClient,
    private readonly store: RawMailStore,
  ) {}

  async importAll(mailId: number, owner: Principal, files: InboundAttachment[]): Promise<ImportedAttachments> {
    if (files.length === 0) {
      return { kept: [], dropped: [] };
    }
    const limits = await this.attachments.send(AttachmentPatterns.GrantUpload, { principal: owner });
    const kept: AttachmentView[] = [];
    const dropped: DroppedAttachment[] = [];
    const keys: string[] = [];
    let total = 0;
    try {
      for (const [index, file] of files.entries()) {
        const size = file.content.length;
        const tooMany = kept.length >= MAX_ATTACHMENTS_PER_MESSAGE;
        const problem = tooMany
          ? `more than ${MAX_ATTACHMENTS_PER_MESSAGE} files in one message`
          : size === 0
            ? 'the file is empty'
            : size > limits.maxBytes
              ? `larger than ${megabytes(limits.maxBytes)}`
              : total + size > limits.maxBytesPerMessage
                ? `the files together are larger than ${megabytes(limits.maxBytesPerMessage)}`
                : null;
        if (problem) {
          dropped.push({ filename: file.filename, reason: problem });
          continue;
        }
        const key = `${MAIL_PART_KEY_PREFIX}${mailId}/${index}`;
        keys.push(key);
        await this.store.put(key, file.content, file.contentType);
        try {
          const attachment = await this.attachments.send(AttachmentPatterns.Import, {
            principal: owner,
            bucket: this.store.bucket,
            key,
            filename: file.filename.slice(0, 1000),
            contentType: file.contentType.slice(0, 255),
          });
          kept.push(attachment);
          total += size;
        } catch (error) {
          if (error instanceof DomainError && FILE_REFUSALS.has(error.code)) {
            dropped.push({ filename: file.filename, reason: error.message });
            continue;
          }
          throw error;
        }
      }
    } finally {
      await this.store.remove(keys);
    }
    return { kept, dropped };
  }
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}
