import { ErrorCode } from '@helpdesk/contracts';
import { gzipSync } from 'node:zlib';

import { FileKind } from './file-kinds';
import { FileSniffer } from './file-sniffer';

const sniffer = new FileSniffer();
const sniff = (head: Buffer, filename: string, declaredType?: string) =>
  sniffer.kindOf({ head, complete: true, filename, declaredType });

describe(FileSniffer.name, () => {
  it.each([
    [Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'), 'a.png', FileKind.Png],
    [Buffer.from('%PDF-1.7\n%%EOF\n'), 'a.pdf', FileKind.Pdf],
    [gzipSync('log lines'), 'a.log.gz', FileKind.Gzip],
    [Buffer.from('2024-05-01 INFO ok\n'), 'a.log', FileKind.Text],
  ])('recognises the bytes with file-type (%#)', async (head, filename, kind) => {
    await expect(sniff(head, filename)).resolves.toMatchObject({ kind });
  });

  it('refuses with a message naming the allowed kinds', async () => {
    const exe = Buffer.concat([
      Buffer.from('MZ'),
      Buffer.from('90000300000004000000ffff0000b8', 'hex'),
      Buffer.alloc(64),
    ]);
    await expect(sniff(exe, 'setup.zip')).rejects.toMatchObject({
      code: ErrorCode.AttachmentKindNotAllowed,
      message: expect.stringMatching(
        /^"setup.zip" is application\/x-msdownload \(\.exe\), a kind that is not allowed\. Allowed: images/,
      ),
    });
  });
});
