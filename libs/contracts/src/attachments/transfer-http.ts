/*
 * WIRE-LEVEL NAMES of the attachments service's internal HTTP port (ATTACHMENTS_HTTP_PORT), where
 * file bytes travel. Not exposed publicly; every request carries a grant from the RPC queue.
 */
export const AttachmentTransferPaths = {
  /** POST: multipart/form-data with parts named `file`, or one file as the raw body. */
  Uploads: '/uploads',
  /** GET `/objects/<id>`: the stored bytes. */
  Objects: '/objects',
} as const;

/** The filename of a raw-body upload, percent-encoded (UTF-8). */
export const ATTACHMENT_FILENAME_HEADER = 'x-attachment-filename';
export const ATTACHMENT_SHA256_HEADER = 'x-attachment-sha256';
