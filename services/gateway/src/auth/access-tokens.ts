import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError, ErrorCode, Principal, PrincipalKind } from '@helpdesk/contracts';

interface AccessTokenClaims {
  sub: string;
  kind: PrincipalKind;
}

/**
 * Tokens name only who signed in; what they may do is looked up fresh on every request, so a
 * deactivation or a change of departments applies at once.
 */
@Injectable()
export class AccessTokens {
  constructor(private readonly jwt: JwtService) {}

  issue(principal: Principal): Promise<string> {
    const claims: AccessTokenClaims = { sub: String(principal.id), kind: principal.kind };
    return this.jwt.signAsync(claims);
  }

  async verify(token: string): Promise<{ kind: PrincipalKind; id: number }> {
    try {
      const claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
      const id = Number(claims.sub);
      if (!Object.values(PrincipalKind).includes(claims.kind) || !Number.isInteger(id)) {
        throw new Error('unexpected claims');
      }
      return { kind: claims.kind, id };
    } catch {
      throw new DomainError(ErrorCode.Unauthenticated, 'The access token is invalid or expired; sign in again.');
    }
  }
}
