import { ByIdPayload } from '../common/by-id';
import {
  ClaimAttachmentsPayload,
  GrantUploadPayload,
  ImportAttachmentPayload,
  RemoveUnlinkedPayload,
} from './attachment-payloads';
import { AttachmentView, DownloadGrant, RemoveUnlinkedResult, UploadGrant } from './attachment-views';

/** Commands the attachments service answers (queue `attachments`). */
export const AttachmentPatterns = {
  /** Sent by the gateway (and mail-ingress) before streaming files to the internal HTTP port. Idempotent. */
  GrantUpload: 'attachments.grant-upload',
  /** Sent by the gateway: checks the principal may see the attachment's message. Idempotent. */
  GrantDownload: 'attachments.grant-download',
  /**
   * Sent by tickets before it links attachments to a message: each exists, is the principal's,
   * is on no message yet, and together they fit the per-message limit. Idempotent.
   */
  Claim: 'attachments.claim',
  /**
   * Sent by mail-ingress: copies one of its parts (MAIL_PART_KEY_PREFIX in its raw-mail bucket)
   * into an attachment; any other object is NOT_FOUND. Not idempotent.
   */
  Import: 'attachments.import',
  /** Sent by the scheduler: removes uploads no message took in time, objects then rows. Idempotent. */
  RemoveUnlinked: 'attachments.remove-unlinked',
} as const;

export interface AttachmentRpc {
  [AttachmentPatterns.GrantUpload]: { payload: GrantUploadPayload; result: UploadGrant };
  [AttachmentPatterns.GrantDownload]: { payload: ByIdPayload; result: DownloadGrant };
  [AttachmentPatterns.Claim]: { payload: ClaimAttachmentsPayload; result: AttachmentView[] };
  [AttachmentPatterns.Import]: { payload: ImportAttachmentPayload; result: AttachmentView };
  [AttachmentPatterns.RemoveUnlinked]: { payload: RemoveUnlinkedPayload; result: RemoveUnlinkedResult };
}
