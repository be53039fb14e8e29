import { PrincipalKind } from '@helpdesk/contracts';

import {
  mailDomainProblem,
  MAX_REPLY_LOCAL_PART_LENGTH,
  messageIdsIn,
  newMessageId,
  replyAddress,
  replyLocalPartProblem,
  ticketIdFromMessageId,
  tokenFromReplyAddress,
} from './reply-address';
import { ReplyTokens } from './reply-token';

const addressing = { localPart: 'reply', domain: 'support.example.com' };
const tokens = new ReplyTokens('a-test-secret-of-sufficient-length');
const subject = { ticketId: 1042, recipient: { kind: PrincipalKind.Staff, id: 5 }, purpose: 'reply' as const };

describe('reply addresses', () => {
  it('builds <local>+<token>@<domain> with a local part of at most 64 characters', () => {
    const token = tokens.sign(subject);
    const address = replyAddress(addressing, token);
    expect(address).toBe(`reply+${token}@support.example.com`);
    const longest = replyAddress(
      { ...addressing, localPart: 'r'.repeat(MAX_REPLY_LOCAL_PART_LENGTH) },
      tokens.sign({ ticketId: Number.MAX_SAFE_INTEGER, recipient: { kind: PrincipalKind.Client, id: 2_147_483_647 } }),
    );
    expect(longest.split('@')[0].length).toBeLessThanOrEqual(64);
  });

  it('finds the token again, whatever the case and angle brackets, and it verifies', () => {
    const token = tokens.sign(subject);
    const address = `<${replyAddress(addressing, token).toUpperCase()}>`;
    const found = tokenFromReplyAddress(address, addressing);
    expect(found).toBe(token);
    expect(tokens.verify(found as string)).toEqual(subject);
  });

  it.each([
    'reply@support.example.com',
    'reply+@support.example.com',
    'other+1042-s5-aaaaaaaaaaaaaaaaaaaa@support.example.com',
    'reply+1042-s5-aaaaaaaaaaaaaaaaaaaa@example.com',
    'reply+1042-s5-aaaaaaaaaaaaaaaaaaaa@evil.support.example.com.attacker.test',
    'not an address',
  ])('finds no token in %p', (address) => {
    expect(tokenFromReplyAddress(address, addressing)).toBeNull();
  });

  it.each([
    ['reply', null],
    ['helpdesk.reply', null],
    ['support-2', null],
    ['r'.repeat(MAX_REPLY_LOCAL_PART_LENGTH + 1), expect.stringContaining('at most')],
    ['Reply', expect.stringContaining('lower-case')],
    ['re+ply', expect.stringContaining('lower-case')],
    ['re..ply', expect.stringContaining('lower-case')],
    ['.reply', expect.stringContaining('lower-case')],
    ['', expect.stringContaining('lower-case')],
  ])('checks the configured local part %p', (localPart, problem) => {
    expect(replyLocalPartProblem(localPart)).toEqual(problem);
  });

  it.each([
    ['support.example.com', null],
    ['localhost', null],
    ['Example.com', expect.any(String)],
    ['exa mple.com', expect.any(String)],
    ['-x.com', expect.any(String)],
  ])('checks the mail domain %p', (domain, problem) => {
    expect(mailDomainProblem(domain)).toEqual(problem);
  });
});

describe('message ids', () => {
  it('name the ticket but carry no token, are unique and round-trip through a References header', () => {
    const token = tokens.sign(subject);
    const first = newMessageId(subject.ticketId, addressing.domain);
    const second = newMessageId(subject.ticketId, addressing.domain);
    expect(first).toMatch(new RegExp(`^<t${subject.ticketId}\\.[a-z2-7]{12}@support\\.example\\.com>$`));
    expect(first).not.toContain(token.split('-')[2]);
    expect(second).not.toBe(first);
    const references = `${first}\r\n ${second} <unrelated@mail.gmail.com>`;
    expect(messageIdsIn(references)).toEqual([first, second, '<unrelated@mail.gmail.com>']);
    expect(ticketIdFromMessageId(second, addressing.domain)).toBe(subject.ticketId);
    expect(ticketIdFromMessageId(second.toUpperCase(), addressing.domain)).toBe(subject.ticketId);
  });

  it('still read the ticket of the earlier token-carrying form, ignoring its token', () => {
    const earlier = `<${tokens.sign(subject)}.abcdefghijkl@${addressing.domain}>`;
    expect(ticketIdFromMessageId(earlier, addressing.domain)).toBe(subject.ticketId);
  });

  it('find no ticket in other ids', () => {
    expect(ticketIdFromMessageId('<CAF=abc@mail.gmail.com>', addressing.domain)).toBeNull();
    expect(ticketIdFromMessageId(`<t12.y@${addressing.domain}>`, 'other.example.com')).toBeNull();
    expect(ticketIdFromMessageId(`<x.y@${addressing.domain}>`, addressing.domain)).toBeNull();
    expect(ticketIdFromMessageId('no-at-sign', addressing.domain)).toBeNull();
    expect(messageIdsIn(undefined)).toEqual([]);
  });
});
