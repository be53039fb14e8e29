import { Inject, Injectable, Logger } from '@nestjs/common';
import { AttachmentView, DomainError, ErrorCode } from '@helpdesk/contracts';
import { createHash, randomUUID } from 'node:crypto';

import { Attachment } from '../attachments/attachment.entity';
import { toAttachmentView } from '../attachments/attachment.mapper';
import { AttachmentsRepository } from '../attachments/attachments.repository';
import { ObjectStorage } from '../storage/object-storage';
import { Owner } from '../transfers/transfer-grants';
import { ChunkReader } from './chunk-reader';
import { FileSniffer, SNIFF_BYTES } from './file-sniffer';
import { sanitizeFilename } from './filenames';
import { IncomingFile } from './incoming-files';
import { UPLOAD_LIMITS, UploadBudget, UploadLimits } from './upload-limits';

/**
 * Stores uploads: sniffs each file's kind from its first bytes, then streams it to S3 while
 * counting and hashing it (SHA-256), refusing it as soon as it passes a limit. A refused or
 * broken upload leaves neither object nor row.
 */
@Injectable()
export class UploadsService {
  private readonly logger = new Logger(UploadsService.name);

  constructor(
    private readonly attachments: AttachmentsRepository,
    private readonly storage: ObjectStorage,
    private readonly sniffer: FileSniffer,
    @Inject(UPLOAD_LIMITS) private readonly limits: UploadLimits,
  ) {}

  /** Every file of one upload request, all or nothing. */
  async storeAll(owner: Owner, files: AsyncIterable<IncomingFile>): Promise<AttachmentView[]> {
    const budget = new UploadBudget(this.limits, await this.attachments.bytesOwnedBy(owner));
    const stored: Attachment[] = [];
    try {
      for await (const file of files) {
        stored.push(await this.store(owner, file, budget));
      }
    } catch (error) {
      await this.discard(stored);
      throw error;
    }
    if (stored.length === 0) {
      throw new DomainError(
        ErrorCode.ValidationFailed,
        'Send one or more files as multipart/form-data parts named "file".',
      );
    }
    this.logger.log(
      `Stored ${stored.length} attachment(s) of ${owner.kind} '${owner.id}': ${stored.map((a) => `'${a.id}'`).join(', ')}`,
    );
    return stored.map(toAttachmentView);
  }

  /** One file, under the same rules; `budget` carries the limits of its request. */
  async store(owner: Owner, file: IncomingFile, budget = new UploadBudget(this.limits)): Promise<Attachment> {
    const filename = sanitizeFilename(file.filename);
    const count = budget.startFile(filename);
    const reader = new ChunkReader(file.stream);
    try {
      const { head, complete } = await reader.head(SNIFF_BYTES);
      if (head.length === 0) {
        throw new DomainError(ErrorCode.ValidationFailed, `"${filename}" is empty.`, { filename });
      }
      const { contentType } = await this.sniffer.kindOf({ head, complete, filename, declaredType: file.declaredType });
      const attachment = await this.attachments.insertPending({
        ownerKind: owner.kind,
        ownerId: owner.id,
        filename,
        contentType,
        objectKey: objectKeyFor(new Date()),
      });
      const hash = createHash('sha256');
      let size = 0;
      const metered = async function* () {
        for await (const chunk of reader.all()) {
          count(chunk.length);
          hash.update(chunk);
          size += chunk.length;
          yield chunk;
        }
      };
      try {
        await this.storage.write(attachment.objectKey, metered(), contentType);
      } catch (error) {
        // A failed write creates no object: the row can go at once.
        await this.attachments.delete([attachment.id]).catch(() => undefined);
        throw error;
      }
      return await this.attachments.markStored(attachment, size, hash.digest('hex')).catch(async (error: unknown) => {
        await this.discard([attachment]);
        throw error;
      });
    } finally {
      await reader.close();
    }
  }

  /** Removes stored objects, then their rows; what fails stays pending-like for the clean-up. */
  private async discard(attachments: Attachment[]): Promise<void> {
    if (attachments.length === 0) {
      return;
    }
    try {
      await this.storage.remove(attachments.map((attachment) => attachment.objectKey));
      await this.attachments.delete(attachments.map((attachment) => attachment.id));
    } catch (error) {
      this.logger.warn(
        `Could not discard attachments ${attachments.map((a) => `'${a.id}'`).join(', ')} now; the clean-up will: ${(error as Error).message}`,
      );
    }
  }
}

/** Keys say nothing of the file's name: no encoding trouble, nothing to guess. */
function objectKeyFor(now: Date): string {
  return `attachments/${now.toISOString().slice(0, 7)}/${randomUUID()}`;
}
