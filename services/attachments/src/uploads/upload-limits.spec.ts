import { DomainError, ErrorCode, MAX_ATTACHMENTS_PER_MESSAGE } from '@helpdesk/contracts';

import { assertFitsOneMessage, formatBytes, UploadBudget } from './upload-limits';

const limits = { maxBytes: 100, maxBytesPerMessage: 250, maxStoredBytesPerAccount: 1_000 };

function failure(work: () => void): DomainError | undefined {
  try {
    work();
    return undefined;
  } catch (error) {
    return error as DomainError;
  }
}

describe(UploadBudget.name, () => {
  it('counts a file up to the per-file limit, and fails on the byte past it', () => {
    const budget = new UploadBudget(limits);
    const count = budget.startFile('a.log');
    count(60);
    count(40);
    const error = failure(() => count(1));
    expect(error).toMatchObject({ code: ErrorCode.AttachmentTooLarge, details: { filename: 'a.log', maxBytes: 100 } });
    expect(error?.message).toBe('"a.log" is larger than the 100 bytes allowed per file.');
  });

  it('counts the files of one upload together against the per-message limit', () => {
    const budget = new UploadBudget(limits);
    budget.startFile('a')(100);
    budget.startFile('b')(100);
    const third = budget.startFile('c');
    third(50);
    expect(failure(() => third(1))).toMatchObject({
      code: ErrorCode.AttachmentTooLarge,
      details: { maxBytesPerMessage: 250, totalBytes: 251 },
    });
  });

  it('counts the upload on top of what the account already stores, and fails on the byte past its storage', () => {
    const budget = new UploadBudget(limits, 950);
    const count = budget.startFile('a');
    count(50);
    expect(failure(() => count(1))).toMatchObject({
      code: ErrorCode.QuotaExceeded,
      details: { maxStoredBytesPerAccount: 1_000 },
    });
  });

  it(`takes at most ${MAX_ATTACHMENTS_PER_MESSAGE} files`, () => {
    const budget = new UploadBudget(limits);
    for (let i = 0; i < MAX_ATTACHMENTS_PER_MESSAGE; i += 1) {
      budget.startFile(`f${i}`);
    }
    expect(failure(() => budget.startFile('one more'))).toMatchObject({ code: ErrorCode.ValidationFailed });
  });
});

describe(assertFitsOneMessage.name, () => {
  it('passes at the limit and fails past it', () => {
    expect(failure(() => assertFitsOneMessage([100, 100, 50], limits))).toBeUndefined();
    expect(failure(() => assertFitsOneMessage([100, 100, 51], limits))).toMatchObject({
      code: ErrorCode.AttachmentTooLarge,
    });
  });
});

describe(formatBytes.name, () => {
  it.each([
    [512, '512 bytes'],
    [10 * 1024 * 1024, '10 MB'],
    [25 * 1024 * 1024, '25 MB'],
    [1536, '1.5 KB'],
  ])('%d → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
