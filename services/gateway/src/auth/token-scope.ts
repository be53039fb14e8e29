import { ApiScope, DomainError, ErrorCode, ResolvedApiToken } from '@helpdesk/contracts';

import { ANY_SCOPE } from './auth.decorators';

/** Refuses an API token the route's scope (`required`; undefined: the route takes no tokens). */
export function requireScope(token: ResolvedApiToken, required: ApiScope | typeof ANY_SCOPE | undefined): void {
  if (required === undefined) {
    throw new DomainError(ErrorCode.AccessDenied, 'API tokens cannot be used on this route; sign in to use it.', {
      tokenId: token.tokenId,
    });
  }
  if (required !== ANY_SCOPE && !token.scopes.includes(required)) {
    throw new DomainError(
      ErrorCode.InsufficientScope,
      `This API token lacks the ${required} scope this route needs; create a token with it.`,
      { requiredScope: required, tokenScopes: token.scopes },
    );
  }
}
