/** Kinds of file that may be attached, as users are told when they send anything else. */
export const ALLOWED_ATTACHMENT_KINDS_TEXT =
  'images (PNG, JPEG, GIF, WebP), PDF, plain text and logs (.txt, .log, other text), archives (zip, gzip, tar, 7z)';

export const MAX_ATTACHMENTS_PER_MESSAGE = 20;
export const DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_ATTACHMENTS_MAX_BYTES_PER_MESSAGE = 25 * 1024 * 1024;
