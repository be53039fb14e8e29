import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  AttachmentView,
  DomainError,
  DownloadGrant,
  ErrorCode,
  ImportAttachmentPayload,
  Principal,
  RemoveUnlinkedResult,
  TicketPatterns,
  UploadGrant,
} from '@helpdesk/contracts';
import { TicketsClient } from '@helpdesk/messaging';
import type { Readable } from 'node:stream';

import { ObjectStorage } from '../storage/object-storage';
import { TransferGrants } from '../transfers/transfer-grants';
import { assertFitsOneMessage, UPLOAD_LIMITS, UploadLimits } from '../uploads/upload-limits';
import { UploadsService } from '../uploads/uploads.service';
import { mayDownload } from './attachment-access';
import { AttachmentStatus } from './attachment.entity';
import { isOwnedBy, toAttachmentView } from './attachment.mapper';
import { AttachmentsRepository } from './attachments.repository';
import { assertImportable, IMPORT_SOURCE_BUCKET } from './import-sources';

export const CLEAN_UP_OPTIONS = Symbol('CLEAN_UP_OPTIONS');

export interface CleanUpOptions {
  /** ATTACHMENT_UNLINKED_TTL: how long an upload may wait for a message. */
  unlinkedTtlMs: number;
}

/** A write still running when its row is this old is not running any more. */
const PENDING_GRACE_MS = 60 * 60_000;
/** A message that claimed an upload this recently may still be committing its link. */
const CLAIM_GRACE_MS = 10 * 60_000;
const SWEEP_BATCH = 500;

@Injectable()
export class AttachmentsService {
  private readonly logger = new Logger(AttachmentsService.name);

  constructor(
    private readonly attachments: AttachmentsRepository,
    private readonly storage: ObjectStorage,
    private readonly uploads: UploadsService,
    private readonly grants: TransferGrants,
    private readonly tickets: TicketsClient,
    @Inject(UPLOAD_LIMITS) private readonly limits: UploadLimits,
    @Inject(CLEAN_UP_OPTIONS) private readonly cleanUp: CleanUpOptions,
    @Inject(IMPORT_SOURCE_BUCKET) private readonly importBucket: string,
  ) {}

  grantUpload(principal: Principal): UploadGrant {
    return {
      ...this.grants.sign({ kind: 'upload', owner: { kind: principal.kind, id: principal.id } }),
      maxBytes: this.limits.maxBytes,
      maxBytesPerMessage: this.limits.maxBytesPerMessage,
    };
  }

  /** A grant to download, for those attachment-access.ts lets; everyone else: not found. */
  async grantDownload(principal: Principal, id: number): Promise<DownloadGrant> {
    const attachment = await this.attachments.findStored(id);
    if (!attachment) {
      throw attachmentNotFound(id);
    }
    const message = await this.tickets.send(TicketPatterns.AttachmentAccess, { principal, attachmentId: id });
    if (!mayDownload(principal, attachment, message)) {
      throw attachmentNotFound(id);
    }
    return { ...this.grants.sign({ kind: 'download', attachmentId: id }), attachment: toAttachmentView(attachment) };
  }

  /** The bytes of a stored attachment, for a download grant already checked. */
  async open(id: number): Promise<{ attachment: AttachmentView; sha256: string; body: Readable }> {
    const attachment = await this.attachments.findStored(id);
    const body = attachment && (await this.storage.read(attachment.objectKey));
    if (!attachment || !body) {
      if (attachment) {
        this.logger.error(`The object of attachment '${id}' is missing from the bucket`);
      }
      throw attachmentNotFound(id);
    }
    return { attachment: toAttachmentView(attachment), sha256: attachment.sha256 ?? '', body };
  }

  /**
   * Vouches for attachments a message of the principal is about to take. Tickets' unique link
   * is what makes "linked once" hold under races; this answers the common cases early.
   */
  async claim(principal: Principal, ids: number[]): Promise<AttachmentView[]> {
    const found = await this.attachments.findStoredByIds(ids);
    const byId = new Map(found.filter((attachment) => isOwnedBy(attachment, principal)).map((a) => [Number(a.id), a]));
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length > 0) {
      throw new DomainError(
        ErrorCode.AttachmentNotFound,
        `attachmentIds: ${missing.join(', ')} ${missing.length === 1 ? 'is not an upload' : 'are not uploads'} of yours.`,
        { attachmentIds: missing },
      );
    }
    const linked = ids.filter((id) => byId.get(id)?.messageId !== null);
    if (linked.length > 0) {
      throw attachmentsAlreadyLinked(linked);
    }
    const attachments = ids.map((id) => byId.get(id)!);
    assertFitsOneMessage(
      attachments.map((attachment) => Number(attachment.size)),
      this.limits,
    );
    await this.attachments.markClaimed(ids);
    return attachments.map(toAttachmentView);
  }

  /** Copies an object already on the S3 endpoint (mail-ingress's raw mail) into an attachment. */
  async import(principal: Principal, source: Omit<ImportAttachmentPayload, 'principal'>): Promise<AttachmentView> {
    assertImportable(source, this.importBucket);
    const body = await this.storage.open(source.bucket, source.key);
    if (!body) {
      throw new DomainError(ErrorCode.NotFound, `No object '${source.key}' in bucket '${source.bucket}'.`);
    }
    const attachment = await this.uploads.store(
      { kind: principal.kind, id: principal.id },
      { filename: source.filename, declaredType: source.contentType, stream: body },
    );
    return toAttachmentView(attachment);
  }

  /** Records links the tickets service committed (from its events); idempotent. */
  async recordLinks(ids: number[], ticketId: number, messageId: number): Promise<void> {
    const linked = await this.attachments.link(ids, ticketId, messageId);
    if (linked > 0) {
      this.logger.log(`Linked ${linked} attachment(s) to message '${messageId}' of ticket '${ticketId}'`);
    }
  }

  /**
   * Removes uploads no message took within `olderThanMs` (objects first, then rows), and what
   * failed writes left. Tickets, the owner of links, is asked first, so a link whose event is
   * still on its way is kept (and recorded). Idempotent.
   */
  async removeUnlinked(olderThanMs = this.cleanUp.unlinkedTtlMs): Promise<RemoveUnlinkedResult> {
    const now = Date.now();
    const cutoffs = {
      storedBefore: new Date(now - olderThanMs),
      pendingBefore: new Date(now - Math.max(olderThanMs, PENDING_GRACE_MS)),
      claimedBefore: new Date(now - CLAIM_GRACE_MS),
    };
    let removed = 0;
    for (;;) {
      const candidates = await this.attachments.findSweepable(cutoffs, SWEEP_BATCH);
      const stored = candidates.filter((attachment) => attachment.status === AttachmentStatus.Stored);
      const links =
        stored.length > 0
          ? await this.tickets.send(TicketPatterns.LinkedAttachments, {
              attachmentIds: stored.map((a) => Number(a.id)),
            })
          : [];
      for (const link of links) {
        await this.attachments.link([link.attachmentId], link.ticketId, link.messageId);
      }
      const linkedIds = new Set(links.map((link) => link.attachmentId));
      const doomed = candidates.filter((attachment) => !linkedIds.has(Number(attachment.id)));
      await this.storage.remove(doomed.map((attachment) => attachment.objectKey));
      await this.attachments.delete(doomed.map((attachment) => attachment.id));
      removed += doomed.length;
      if (candidates.length < SWEEP_BATCH) {
        break;
      }
    }
    if (removed > 0) {
      this.logger.log(`Removed ${removed} attachment(s) no message took within ${Math.round(olderThanMs / 1000)} s`);
    }
    return { removed };
  }
}

export function attachmentNotFound(id: number): DomainError {
  return new DomainError(ErrorCode.AttachmentNotFound, `Attachment ${id} does not exist.`, { id });
}

export function attachmentsAlreadyLinked(ids: number[]): DomainError {
  return new DomainError(
    ErrorCode.AttachmentAlreadyLinked,
    `attachmentIds: ${ids.join(', ')} ${ids.length === 1 ? 'is' : 'are'} already on a message; upload the file again to attach it twice.`,
    { attachmentIds: ids },
  );
}
