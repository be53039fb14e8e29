import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessPatterns, LoginBody, Principal, RegisterBody } from '@helpdesk/contracts';
import { AccessClient } from '@helpdesk/messaging';

import { AccessTokens } from './access-tokens';
import { ANY_SCOPE, CurrentPrincipal, Public, TokenScope } from './auth.decorators';
import { LoginRateLimiter } from './login-rate-limiter';

export interface SessionView {
  accessToken: string;
  user: { id: number; kind: Principal['kind']; role?: Principal['role']; name: string; email: string };
}

const toUser = (principal: Principal): SessionView['user'] => ({
  id: principal.id,
  kind: principal.kind,
  ...(principal.role ? { role: principal.role } : {}),
  name: principal.name,
  email: principal.email,
});

@ApiTags('auth')
@Controller()
export class AuthHttpController {
  constructor(
    private readonly access: AccessClient,
    private readonly tokens: AccessTokens,
    private readonly limiter: LoginRateLimiter,
  ) {}

  @Post('auth/login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in as staff or client; returns a bearer token' })
  async login(@Body() body: LoginBody, @Ip() ip: string): Promise<SessionView> {
    this.limiter.check(ip);
    const signedIn = await this.access.send(AccessPatterns.Login, { ...body, ip });
    return { accessToken: await this.tokens.issue(signedIn), user: toUser(signedIn.principal) };
  }

  @Post('auth/register')
  @Public()
  @ApiOperation({ summary: 'Client self-registration (when ENABLE_CLIENT_REGISTRATION is on)' })
  async register(@Body() body: RegisterBody, @Ip() ip: string): Promise<SessionView> {
    this.limiter.check(ip);
    const signedIn = await this.access.send(AccessPatterns.Register, body);
    return { accessToken: await this.tokens.issue(signedIn), user: toUser(signedIn.principal) };
  }

  @Get('me')
  @TokenScope(ANY_SCOPE)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who the token belongs to, with role and departments' })
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}
