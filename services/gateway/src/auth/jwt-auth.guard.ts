import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { runWithCorrelationId } from '@helpdesk/config';
import { AccessPatterns, API_TOKEN_PREFIX, ApiScope, DomainError, ErrorCode, Principal } from '@helpdesk/contracts';
import { AccessClient } from '@helpdesk/messaging';
import type { FastifyRequest } from 'fastify';

import { AccessTokens } from './access-tokens';
import { ANY_SCOPE, IS_PUBLIC, TOKEN_SCOPE } from './auth.decorators';
import { requireScope } from './token-scope';

/**
 * Every route but the @Public ones needs a bearer token of an active account: a sign-in token
 * (a JWT) or an API token (`hdk_…`), which may call only the routes its scopes map to.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
    private readonly access: AccessClient,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      return true;
    }
    const request = context
      .switchToHttp()
      .getRequest<FastifyRequest & { principal?: Principal; viaApiToken?: boolean }>();
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token) {
      throw new DomainError(
        ErrorCode.Unauthenticated,
        'Sign in first: send the access token as "Authorization: Bearer <token>".',
      );
    }
    if (token.startsWith(API_TOKEN_PREFIX)) {
      const resolved = await runWithCorrelationId(String(request.id), () =>
        this.access.send(AccessPatterns.ResolveApiToken, { token: token.slice(0, 200), ip: request.ip }),
      );
      requireScope(resolved, this.reflector.getAllAndOverride<ApiScope | typeof ANY_SCOPE>(TOKEN_SCOPE, targets));
      request.principal = resolved.principal;
      request.viaApiToken = true;
      return true;
    }
    const subject = await this.tokens.verify(token);
    request.principal = await runWithCorrelationId(String(request.id), () =>
      this.access.send(AccessPatterns.ResolvePrincipal, subject),
    );
    return true;
  }
}
