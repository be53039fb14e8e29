import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Short-lived HMAC-signed permissions to read one raw message from the internal HTTP port: the
 * RPC that checks who may see it mints one, the port (on any replica) verifies it. The key is
 * derived from MAIL_TOKEN_SECRET, so no other secret needs sharing.
 */
export class RawGrants {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.key = createHmac('sha256', secret).update('helpdesk-raw-mail-grant').digest();
  }

  sign(mailId: number): { token: string; expiresAt: string } {
    const expiresAt = this.now() + this.ttlMs;
    const body = `${mailId}.${expiresAt}`;
    return { token: `${body}.${this.mac(body)}`, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** Whether `token` grants reading mail `mailId` now. */
  verify(token: string, mailId: number): boolean {
    const match = /^(\d+)\.(\d+)\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match || Number(match[1]) !== mailId || Number(match[2]) < this.now()) {
      return false;
    }
    const expected = Buffer.from(this.mac(`${match[1]}.${match[2]}`));
    const given = Buffer.from(match[3]);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
