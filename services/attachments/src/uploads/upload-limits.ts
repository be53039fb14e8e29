import { DomainError, ErrorCode, MAX_ATTACHMENTS_PER_MESSAGE } from '@helpdesk/contracts';

export interface UploadLimits {
  /** Largest file. */
  maxBytes: number;
  /** Largest total of one upload request, and of the attachments of one message. */
  maxBytesPerMessage: number;
  /** Largest total of everything one account has uploaded. */
  maxStoredBytesPerAccount: number;
}

export const UPLOAD_LIMITS = Symbol('UPLOAD_LIMITS');

/** `10 MB`, `25 MB`, `512 KB`: binary units, as file managers show them. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

export function fileTooLarge(filename: string, limits: UploadLimits): DomainError {
  return new DomainError(
    ErrorCode.AttachmentTooLarge,
    `"${filename}" is larger than the ${formatBytes(limits.maxBytes)} allowed per file.`,
    { filename, maxBytes: limits.maxBytes },
  );
}

export function messageTooLarge(limits: UploadLimits, total: number): DomainError {
  return new DomainError(
    ErrorCode.AttachmentTooLarge,
    `The files of one message may total at most ${formatBytes(limits.maxBytesPerMessage)}.`,
    { maxBytesPerMessage: limits.maxBytesPerMessage, totalBytes: total },
  );
}

export function storageUsedUp(limits: UploadLimits): DomainError {
  return new DomainError(
    ErrorCode.QuotaExceeded,
    `Your files may take up at most ${formatBytes(limits.maxStoredBytesPerAccount)} in all; this upload would pass that.`,
    { maxStoredBytesPerAccount: limits.maxStoredBytesPerAccount },
  );
}

/** Counts the bytes of one upload request as they stream in, failing as soon as a limit is passed. */
export class UploadBudget {
  private total = 0;
  private files = 0;

  /** `alreadyStored`: what the uploading account's files take up before this request. */
  constructor(
    private readonly limits: UploadLimits,
    private readonly alreadyStored = 0,
  ) {}

  /** Starts counting the next file; returns the function to call with each chunk's length. */
  startFile(filename: string): (bytes: number) => void {
    this.files += 1;
    if (this.files > MAX_ATTACHMENTS_PER_MESSAGE) {
      throw new DomainError(ErrorCode.ValidationFailed, `Send at most ${MAX_ATTACHMENTS_PER_MESSAGE} files at once.`, {
        maxFiles: MAX_ATTACHMENTS_PER_MESSAGE,
      });
    }
    let size = 0;
    return (bytes) => {
      size += bytes;
      this.total += bytes;
      if (size > this.limits.maxBytes) {
        throw fileTooLarge(filename, this.limits);
      }
      if (this.total > this.limits.maxBytesPerMessage) {
        throw messageTooLarge(this.limits, this.total);
      }
      if (this.alreadyStored + this.total > this.limits.maxStoredBytesPerAccount) {
        throw storageUsedUp(this.limits);
      }
    };
  }
}

/** The attachments of one message, already stored, must fit the per-message limit together. */
export function assertFitsOneMessage(sizes: number[], limits: UploadLimits): void {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total > limits.maxBytesPerMessage) {
    throw messageTooLarge(limits, total);
  }
}
