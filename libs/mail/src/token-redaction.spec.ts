import { PrincipalKind } from '@helpdesk/contracts';
import { Readable } from 'node:stream';
import { text as streamText } from 'node:stream/consumers';

import { replyAddress } from './reply-address';
import { ReplyTokens } from './reply-token';
import { redactReplyTokens, replyTokenRedactingStream } from './token-redaction';

const masked = (token: string) => '*'.repeat(token.length);

const tokens = new ReplyTokens('a-test-secret-of-sufficient-length');
const addressing = { localPart: 'reply', domain: 'support.example.com' };

describe(redactReplyTokens.name, () => {
  it.each([
    ['a client token', tokens.sign({ ticketId: 1042, recipient: { kind: PrincipalKind.Client, id: 17 } })],
    ['a staff token', tokens.sign({ ticketId: 7, recipient: { kind: PrincipalKind.Staff, id: 3 } })],
    [
      'a note token',
      tokens.sign({
        ticketId: 9_999_999_999,
        recipient: { kind: PrincipalKind.Staff, id: 2_000_000 },
        purpose: 'note',
      }),
    ],
  ])('hides %s in a reply address, in any case', (_, token) => {
    const address = replyAddress(addressing, token);
    expect(redactReplyTokens(address)).toBe(`reply+${masked(token)}@support.example.com`);
    expect(redactReplyTokens(`<${address.toUpperCase()}>`)).toBe(`<REPLY+${masked(token)}@SUPPORT.EXAMPLE.COM>`);
  });

  it('hides the token of an earlier Message-ID and every token of a longer text', () => {
    const token = tokens.sign({ ticketId: 1042, recipient: { kind: PrincipalKind.Client, id: 17 } });
    expect(redactReplyTokens(`<${token}.abcdefghijkl@support.example.com>`)).toBe(
      `<${masked(token)}.abcdefghijkl@support.example.com>`,
    );
    expect(redactReplyTokens(`550 no such user reply+${token}@x.test, nor reply+${token}@y.test`)).toBe(
      `550 no such user reply+${masked(token)}@x.test, nor reply+${masked(token)}@y.test`,
    );
  });

  it('leaves what is not a token alone', () => {
    const text = '<t1042.abcdefghijkl@support.example.com> reply@support.example.com 2026-01-02 ticket #1042';
    expect(redactReplyTokens(text)).toBe(text);
  });

  it('masks tokens split across the chunks of a stream, byte for byte and keeping the length', async () => {
    const source = `Delivered-To: reply+7-n3-abcdefghijklmnopqrst@helpdesk.test\r\n${'x'.repeat(300)}\r\nreply+9-s1-bcdefghijklmnopqrstu@h.test\r\n\xe9`;
    const bytes = Buffer.from(source, 'latin1');
    const chunks = [3, 40, 41, 300, 330, bytes.length].map((end, index, ends) =>
      bytes.subarray(index === 0 ? 0 : ends[index - 1], end),
    );
    const redacted = await streamText(Readable.from(chunks).pipe(replyTokenRedactingStream()).setEncoding('latin1'));
    expect(redacted).toBe(redactReplyTokens(source));
    expect(redacted).not.toMatch(/abcdefghij|bcdefghijk/);
    expect(redacted.length).toBe(source.length);
  });
});
