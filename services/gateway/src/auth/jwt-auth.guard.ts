import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { runWithCorrelationId } from '@helpdesk/config';
import {
  AccessPatterns,
  API_TOKEN_PREFIX,
  ApiScope,
  DomainError,
  ErrorCode,
  Principal,
  ResolvePrincipalPayload,
} from '@helpdesk/contracts';
import { AccessClient } from '@helpdesk/messaging';
import type { FastifyRequest } from 'fastify';

import { AccessTokens } from './access-tokens';
import { ANY_SCOPE, IS_PUBLIC, QUERY_TOKEN, TOKEN_SCOPE } from './auth.decorators';
import { requireScope } from './token-scope';

type AuthenticatedRequest = FastifyRequest & {
  principal?: Principal;
  viaApiToken?: boolean;
  subject?: Required<ResolvePrincipalPayload>;
};

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
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token =
      bearerToken(request) ??
      (this.reflector.getAllAndOverride<boolean>(QUERY_TOKEN, targets) ? queryToken(request) : undefined);
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
    request.subject = subject;
    request.principal = await runWithCorrelationId(String(request.id), () =>
      this.access.send(AccessPatterns.ResolvePrincipal, subject),
    );
    return true;
  }
}

function bearerToken(request: FastifyRequest): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
}

function queryToken(request: FastifyRequest): string | undefined {
  const { access_token: token } = request.query as { access_token?: unknown };
  return typeof token === 'string' && token !== '' ? token : undefined;
}
