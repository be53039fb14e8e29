/** An attachment as messages list it and uploads answer it. */
export interface AttachmentView {
  id: number;
  filename: string;
  /** Bytes. */
  size: number;
  /** The type the service decided from the file's bytes, never the uploader's claim. */
  contentType: string;
}

/**
 * A short-lived, HMAC-signed permission to stream bytes to or from the attachments service's
 * internal HTTP port (`Authorization: Bearer <token>`). Files never travel through RabbitMQ.
 */
export interface TransferGrant {
  token: string;
  expiresAt: string;
}

export interface UploadGrant extends TransferGrant {
  /** Largest file, in bytes. */
  maxBytes: number;
  /** Largest total of one upload request, and of the attachments of one message. */
  maxBytesPerMessage: number;
}

export interface DownloadGrant extends TransferGrant {
  attachment: AttachmentView;
}

export interface RemoveUnlinkedResult {
  /** Attachments (objects and rows) removed by this run. */
  removed: number;
}
