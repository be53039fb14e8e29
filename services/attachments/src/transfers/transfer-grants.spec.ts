import { PrincipalKind } from '@helpdesk/contracts';

import { TransferGrants } from './transfer-grants';

describe(TransferGrants.name, () => {
  let now = 1_000_000;
  const grants = new TransferGrants({ secret: 'a-secret-of-enough-length-for-tests', ttlMs: 60_000 }, () => now);
  const upload = { kind: 'upload' as const, owner: { kind: PrincipalKind.Client, id: 7 } };

  beforeEach(() => {
    now = 1_000_000;
  });

  it('honours its own grants until they expire', () => {
    const { token, expiresAt } = grants.sign(upload);
    expect(expiresAt).toBe(new Date(1_060_000).toISOString());
    expect(grants.verify(token)).toEqual(upload);
    now = 1_059_999;
    expect(grants.verify(token)).toEqual(upload);
    now = 1_060_000;
    expect(grants.verify(token)).toBeNull();
  });

  it('refuses altered, foreign and malformed grants', () => {
    const { token } = grants.sign({ kind: 'download', attachmentId: 1 });
    const [body, mac] = token.split('.');
    const altered = Buffer.from(JSON.stringify({ kind: 'download', attachmentId: 2, exp: 2_000_000 })).toString(
      'base64url',
    );
    const foreign = new TransferGrants({ secret: 'another-secret-entirely-0123456789', ttlMs: 60_000 }, () => now);
    for (const bad of [
      `${altered}.${mac}`,
      foreign.sign(upload).token,
      `${body}.`,
      body,
      `${token}.x`,
      '',
      undefined,
    ]) {
      expect(grants.verify(bad)).toBeNull();
    }
  });
});
