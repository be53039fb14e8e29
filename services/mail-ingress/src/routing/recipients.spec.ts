import { PrincipalKind } from '@helpdesk/contracts';
import { newMessageId, replyAddress, ReplyTokens } from '@helpdesk/mail';

import { classifyRecipient, sameAddress, threadTicketId, ticketIdFromSubject } from './recipients';

const addressing = { localPart: 'reply', domain: 'helpdesk.test' };
const tokens = new ReplyTokens('a-test-secret-of-sufficient-length');
const rules = { addressing, tokens, ownAddresses: ['support@helpdesk.test'] };
const subject = { ticketId: 42, recipient: { kind: PrincipalKind.Client, id: 7 }, purpose: 'reply' as const };

describe(classifyRecipient.name, () => {
  it('accepts a verified token in any case, with angle brackets', () => {
    const token = tokens.sign(subject);
    const address = `<${replyAddress(addressing, token).toUpperCase()}>`;
    expect(classifyRecipient(address, rules)).toEqual({
      kind: 'token',
      address: replyAddress(addressing, token),
      token,
      subject,
    });
  });

  it.each([
    ['an altered ticket', (token: string) => token.replace(/^42-/, '43-')],
    ['an altered recipient', (token: string) => token.replace('-c7-', '-c8-')],
    ['an altered MAC', (token: string) => `${token.slice(0, -1)}${token.endsWith('a') ? 'b' : 'a'}`],
    ['garbage', () => 'hello'],
  ])('calls %s forged', (_, alter) => {
    const address = replyAddress(addressing, alter(tokens.sign(subject)));
    expect(classifyRecipient(address, rules).kind).toBe('forged');
  });

  it('knows a token of another secret is forged', () => {
    const other = new ReplyTokens('another-secret-of-sufficient-length');
    expect(classifyRecipient(replyAddress(addressing, other.sign(subject)), rules).kind).toBe('forged');
  });

  it('tells our untagged addresses from the rest', () => {
    expect(classifyRecipient('reply@helpdesk.test', rules).kind).toBe('untagged');
    expect(classifyRecipient('Support@Helpdesk.test', rules).kind).toBe('untagged');
    expect(classifyRecipient('billing@helpdesk.test', rules)).toEqual({
      kind: 'other',
      address: 'billing@helpdesk.test',
      ourDomain: true,
    });
    expect(classifyRecipient('someone@elsewhere.test', rules)).toMatchObject({ kind: 'other', ourDomain: false });
  });
});

describe('ticket references', () => {
  it.each([
    ['Re: [#1042] Invoice', 1042],
    ['AW: Fwd: [#7] x', 7],
    ['[#0] zero', null],
    ['#1042 without brackets', null],
    [null, null],
  ])('reads the ticket of %p', (value, expected) => {
    expect(ticketIdFromSubject(value)).toBe(expected);
  });

  it('finds the ticket of the first of our Message-IDs', () => {
    const ours = newMessageId(subject.ticketId, addressing.domain);
    const ids = ['<CAF=x@mail.gmail.com>', ours, newMessageId(41, addressing.domain)];
    expect(threadTicketId(ids, addressing.domain)).toBe(subject.ticketId);
    expect(threadTicketId(['<a@b>'], addressing.domain)).toBeNull();
    expect(threadTicketId([ours], 'other.test')).toBeNull();
  });

  it('compares addresses without case', () => {
    expect(sameAddress('Casey@Client.test ', 'casey@client.test')).toBe(true);
    expect(sameAddress('casey@client.test', 'mallory@client.test')).toBe(false);
    expect(sameAddress(null, 'casey@client.test')).toBe(false);
  });
});
