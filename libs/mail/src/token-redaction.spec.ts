import { PrincipalKind } from '@helpdesk/contracts';

import { replyAddress } from './reply-address';
import { ReplyTokens } from './reply-token';
import { redactReplyTokens } from './token-redaction';

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
    expect(redactReplyTokens(address)).toBe('reply+[redacted]@support.example.com');
    expect(redactReplyTokens(`<${address.toUpperCase()}>`)).toBe('<REPLY+[redacted]@SUPPORT.EXAMPLE.COM>');
  });

  it('hides the token of an earlier Message-ID and every token of a longer text', () => {
    const token = tokens.sign({ ticketId: 1042, recipient: { kind: PrincipalKind.Client, id: 17 } });
    expect(redactReplyTokens(`<${token}.abcdefghijkl@support.example.com>`)).toBe(
      '<[redacted].abcdefghijkl@support.example.com>',
    );
    expect(redactReplyTokens(`550 no such user reply+${token}@x.test, nor reply+${token}@y.test`)).toBe(
      '550 no such user reply+[redacted]@x.test, nor reply+[redacted]@y.test',
    );
  });

  it('leaves what is not a token alone', () => {
    const text = '<t1042.abcdefghijkl@support.example.com> reply@support.example.com 2026-01-02 ticket #1042';
    expect(redactReplyTokens(text)).toBe(text);
  });
});
