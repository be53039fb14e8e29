import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { runWithCorrelationId } from '@helpdesk/config';
import { AccessPatterns, DomainError, ErrorCode, Principal } from '@helpdesk/contracts';
import { AccessClient } from '@helpdesk/messaging';
import type { FastifyRequest } from 'fastify';

import { AccessTokens } from './access-tokens';
import { IS_PUBLIC } from './auth.decorators';

/** Every route but the @Public ones needs a bearer token of an active account. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
    private readonly access: AccessClient,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) {
      return true;
    }
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token) {
      throw new DomainError(
        ErrorCode.Unauthenticated,
        'Sign in first: send the access token as "Authorization: Bearer <token>".',
      );
    }
    const subject = await this.tokens.verify(token);
    request.principal = await runWithCorrelationId(String(request.id), () =>
      this.access.send(AccessPatterns.ResolvePrincipal, subject),
    );
    return true;
  }
}
