import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError, ErrorCode, PrincipalKind, ResolvePrincipalPayload, SignedIn } from '@helpdesk/contracts';

interface AccessTokenClaims {
  sub: string;
  kind: PrincipalKind;
  /** The account's session version at sign-in; absent in tokens issued before there was one. */
  ver?: number;
}

/**
 * Tokens name only who signed in and at which session version; what they may do, and whether
 * the session still stands, is looked up fresh on every request, so a deactivation, a new
 * password or a change of role or departments applies at once.
 */
@Injectable()
export class AccessTokens {
  constructor(private readonly jwt: JwtService) {}

  issue({ principal, sessionVersion }: SignedIn): Promise<string> {
    const claims: AccessTokenClaims = { sub: String(principal.id), kind: principal.kind, ver: sessionVersion };
    return this.jwt.signAsync(claims);
  }

  async verify(token: string): Promise<Required<ResolvePrincipalPayload>> {
    try {
      const claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
      const id = Number(claims.sub);
      const sessionVersion = claims.ver ?? 0;
      if (
        !Object.values(PrincipalKind).includes(claims.kind) ||
        !Number.isInteger(id) ||
        !Number.isInteger(sessionVersion)
      ) {
        throw new Error('unexpected claims');
      }
      return { kind: claims.kind, id, sessionVersion };
    } catch {
      throw new DomainError(ErrorCode.Unauthenticated, 'The access token is invalid or expired; sign in again.');
    }
  }
}
