import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';

import { ReplyTokenRedactor } from './token-redaction';

describe(ReplyTokenRedactor.name, () => {
  const redactor = new ReplyTokenRedactor('reply');

  it('masks the token of every reply address, keeping the length, and leaves other addresses alone', () => {
    expect(redactor.redact('To: <Reply+1042-C17-abcdefghij234567abcd@helpdesk.test>, reply@helpdesk.test')).toBe(
      `To: <Reply+${'*'.repeat('1042-C17-abcdefghij234567abcd'.length)}@helpdesk.test>, reply@helpdesk.test`,
    );
    expect(redactor.redact('casey+news@client.test')).toBe('casey+news@client.test');
  });

  it('masks tokens split across the chunks of a stream, byte for byte', async () => {
    const source = `Delivered-To: reply+7-n3-abcdefghijklmnopqrst@helpdesk.test\r\n${'x'.repeat(300)}\r\nreply+9-s1-bcdefghijklmnopqrstu@h.test\r\n\xe9`;
    const bytes = Buffer.from(source, 'latin1');
    const chunks = [3, 40, 41, 300, 330, bytes.length].map((end, index, ends) =>
      bytes.subarray(index === 0 ? 0 : ends[index - 1], end),
    );
    const redacted = await text(Readable.from(chunks).pipe(redactor.stream()).setEncoding('latin1'));
    expect(redacted).toBe(redactor.redact(source));
    expect(redacted).not.toMatch(/abcdefghij|bcdefghijk/);
    expect(redacted.length).toBe(source.length);
  });
});
