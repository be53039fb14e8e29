import { PrincipalKind } from '@helpdesk/contracts';

import { MAX_REPLY_TOKEN_LENGTH, ReplyTokens } from './reply-token';

const SECRET = 'a-test-secret-of-sufficient-length';
const client17 = { ticketId: 1042, recipient: { kind: PrincipalKind.Client, id: 17 }, purpose: 'reply' as const };

describe(ReplyTokens.name, () => {
  const tokens = new ReplyTokens(SECRET);

  describe('sign', () => {
    it('names the ticket and recipient and adds a 20-character MAC', () => {
      expect(tokens.sign(client17)).toMatch(/^1042-c17-[a-z2-7]{20}$/);
    });

    it('is deterministic per ticket and recipient, and differs for any other pair', () => {
      const token = tokens.sign(client17);
      expect(tokens.sign(client17)).toBe(token);
      const others = [
        { ticketId: 1043, recipient: client17.recipient },
        { ticketId: 1042, recipient: { kind: PrincipalKind.Client, id: 18 } },
        { ticketId: 1042, recipient: { kind: PrincipalKind.Staff, id: 17 } },
      ].map((subject) => tokens.sign(subject).split('-')[2]);
      expect(new Set([token.split('-')[2], ...others]).size).toBe(4);
    });

    it('stays within the length an address local part allows, even for the largest ids', () => {
      const token = tokens.sign({
        ticketId: Number.MAX_SAFE_INTEGER,
        recipient: { kind: PrincipalKind.Staff, id: 2_147_483_647 },
      });
      expect(token.length).toBeLessThanOrEqual(MAX_REPLY_TOKEN_LENGTH);
      expect(MAX_REPLY_TOKEN_LENGTH).toBeLessThan(64);
      expect(tokens.verify(token)?.ticketId).toBe(Number.MAX_SAFE_INTEGER);
    });

    it.each([0, -1, 1.5, Number.NaN, 2 ** 60])('refuses the ticket id %p', (ticketId) => {
      expect(() => tokens.sign({ ticketId, recipient: client17.recipient })).toThrow();
    });

    it('refuses recipients that are neither clients nor staff', () => {
      expect(() => tokens.sign({ ticketId: 1, recipient: { kind: 'system' as PrincipalKind, id: 1 } })).toThrow();
    });
  });

  describe('verify', () => {
    it('round-trips the ticket and recipient', () => {
      expect(tokens.verify(tokens.sign(client17))).toEqual(client17);
      const staff = { ticketId: 7, recipient: { kind: PrincipalKind.Staff, id: 3 }, purpose: 'reply' as const };
      expect(tokens.verify(tokens.sign(staff))).toEqual(staff);
    });

    it("keeps a note token apart: it verifies as note-only and differs from the same staff member's reply token", () => {
      const staff = { ticketId: 7, recipient: { kind: PrincipalKind.Staff, id: 3 } };
      const note = tokens.sign({ ...staff, purpose: 'note' });
      expect(note).toMatch(/^7-n3-[a-z2-7]{20}$/);
      expect(tokens.verify(note)).toEqual({ ...staff, purpose: 'note' });
      const reply = tokens.sign(staff);
      expect(tokens.verify(note.replace('-n3-', '-s3-'))).toBeNull();
      expect(tokens.verify(reply.replace('-s3-', '-n3-'))).toBeNull();
      expect(() => tokens.sign({ ...client17, purpose: 'note' })).toThrow(/Only staff/);
    });

    it("keeps a CC's token apart from a client's: it verifies with the cc purpose and cannot be turned into one", () => {
      const cc = { ticketId: 7, recipient: { kind: PrincipalKind.Client, id: 17 } };
      const token = tokens.sign({ ...cc, purpose: 'cc' });
      expect(token).toMatch(/^7-k17-[a-z2-7]{20}$/);
      expect(tokens.verify(token)).toEqual({ ...cc, purpose: 'cc' });
      expect(tokens.verify(token.replace('-k17-', '-c17-'))).toBeNull();
      expect(() =>
        tokens.sign({ ticketId: 7, recipient: { kind: PrincipalKind.Staff, id: 3 }, purpose: 'cc' }),
      ).toThrow(/CCs are clients/);
    });

    it('accepts the token in upper or mixed case, as some MTAs rewrite it', () => {
      const token = tokens.sign(client17);
      expect(tokens.verify(token.toUpperCase())).toEqual(client17);
      expect(tokens.verify(token.replace(/[a-m]/g, (c) => c.toUpperCase()))).toEqual(client17);
    });

    it('rejects a token whose ticket or recipient was changed', () => {
      const [, , mac] = tokens.sign(client17).split('-');
      expect(tokens.verify(`1043-c17-${mac}`)).toBeNull();
      expect(tokens.verify(`1042-c18-${mac}`)).toBeNull();
      expect(tokens.verify(`1042-s17-${mac}`)).toBeNull();
    });

    it('rejects a token with any single character of its MAC changed', () => {
      const token = tokens.sign(client17);
      const macStart = token.lastIndexOf('-') + 1;
      for (let i = macStart; i < token.length; i++) {
        const replacement = token[i] === 'a' ? 'b' : 'a';
        expect(tokens.verify(`${token.slice(0, i)}${replacement}${token.slice(i + 1)}`)).toBeNull();
      }
    });

    it('rejects a token signed under another secret', () => {
      const forged = new ReplyTokens('another-secret-of-sufficient-length').sign(client17);
      expect(tokens.verify(forged)).toBeNull();
    });

    it('accepts tokens of a previous secret during a rotation, and signs with the new one', () => {
      const old = new ReplyTokens(SECRET).sign(client17);
      const rotated = new ReplyTokens('the-new-secret-of-sufficient-length', [SECRET]);
      expect(rotated.verify(old)).toEqual(client17);
      expect(rotated.sign(client17)).not.toBe(old);
      expect(tokens.verify(rotated.sign(client17))).toBeNull();
    });

    it.each([
      '',
      'garbage',
      '1042-c17',
      '1042-x17-aaaaaaaaaaaaaaaaaaaa',
      '01042-c17-aaaaaaaaaaaaaaaaaaaa',
      '1042-c017-aaaaaaaaaaaaaaaaaaaa',
      '1042-c17-aaaaaaaaaaaaaaaaaaa',
      '1042-c17-aaaaaaaaaaaaaaaaaaaaa',
      '1042-c17-aaaaaaaaaaaaaaaaaaa1',
      '1042-c9999999999-aaaaaaaaaaaaaaaaaaaa',
      '99999999999999999-c1-aaaaaaaaaaaaaaaaaaaa',
    ])('rejects the malformed token %p', (token) => {
      expect(tokens.verify(token)).toBeNull();
    });
  });

  it('refuses short secrets', () => {
    expect(() => new ReplyTokens('short')).toThrow(/at least 16/);
    expect(() => new ReplyTokens(SECRET, ['short'])).toThrow(/at least 16/);
  });
});
