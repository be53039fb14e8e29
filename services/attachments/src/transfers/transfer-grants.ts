import { PrincipalKind } from '@helpdesk/contracts';
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface Owner {
  kind: PrincipalKind;
  id: number;
}

export type GrantClaims = { kind: 'upload'; owner: Owner } | { kind: 'download'; attachmentId: number };

export const TRANSFER_GRANT_OPTIONS = Symbol('TRANSFER_GRANT_OPTIONS');

export interface TransferGrantOptions {
  secret: string;
  ttlMs: number;
}

/**
 * Short-lived permissions for the internal HTTP port, minted on the RPC queue once the caller's
 * principal or access was checked: `<base64url(claims)>.<base64url(HMAC-SHA256)>`. Replicas
 * share the secret, so any of them honours a grant another minted.
 */
export class TransferGrants {
  constructor(
    private readonly options: TransferGrantOptions,
    private readonly now: () => number = Date.now,
  ) {}

  sign(claims: GrantClaims): { token: string; expiresAt: string } {
    const exp = this.now() + this.options.ttlMs;
    const body = Buffer.from(JSON.stringify({ ...claims, exp })).toString('base64url');
    return { token: `${body}.${this.mac(body)}`, expiresAt: new Date(exp).toISOString() };
  }

  /** The claims of a genuine, unexpired grant; null for anything else. */
  verify(token: string | undefined): GrantClaims | null {
    const [body, mac, extra] = (token ?? '').split('.');
    if (!body || !mac || extra !== undefined) {
      return null;
    }
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return null;
    }
    try {
      const { exp, ...claims } = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as GrantClaims & {
        exp: number;
      };
      return typeof exp === 'number' && exp > this.now() ? claims : null;
    } catch {
      return null;
    }
  }

  private mac(body: string): string {
    return createHmac('sha256', this.options.secret).update(body).digest('base64url');
  }
}
