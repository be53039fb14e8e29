import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AccessPatterns,
  AccountAddressBody,
  LinkTokenBody,
  LoginBody,
  Principal,
  RegisteredView,
  RegisterBody,
  ResetPasswordBody,
  SignedIn,
} from '@helpdesk/contracts';
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
    return this.session(await this.access.send(AccessPatterns.Login, { ...body, ip }));
  }

  @Post('auth/register')
  @Public()
  @ApiOperation({
    summary:
      'Client self-registration (when ENABLE_CLIENT_REGISTRATION is on): mails a confirmation link; the account signs in once it is opened',
  })
  register(@Body() body: RegisterBody, @Ip() ip: string): Promise<RegisteredView> {
    this.limiter.check(ip);
    return this.access.send(AccessPatterns.Register, { ...body, ip });
  }

  @Post('auth/verify-email')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: "Confirm a self-registered address with the mailed link's token; signs in" })
  async verifyEmail(@Body() body: LinkTokenBody): Promise<SessionView> {
    return this.session(await this.access.send(AccessPatterns.VerifyEmail, body));
  }

  @Post('auth/resend-verification')
  @Public()
  @HttpCode(202)
  @ApiOperation({ summary: 'Mail a new confirmation link to an account not confirmed yet (rate-limited)' })
  async resendVerification(@Body() body: AccountAddressBody, @Ip() ip: string): Promise<{ message: string }> {
    await this.access.send(AccessPatterns.ResendVerification, { ...body, ip });
    return { message: `If ${body.email} belongs to an account still to be confirmed, a new link is on its way.` };
  }

  @Post('auth/password-reset')
  @Public()
  @HttpCode(202)
  @ApiOperation({ summary: 'Mail a password-reset link to the address of an account (rate-limited)' })
  async requestPasswordReset(@Body() body: AccountAddressBody, @Ip() ip: string): Promise<{ message: string }> {
    await this.access.send(AccessPatterns.RequestPasswordReset, { ...body, ip });
    return { message: `If ${body.email} belongs to an account, a link to choose a new password is on its way.` };
  }

  @Post('auth/password-reset/confirm')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: "Set a new password with the mailed link's token; ends every other session and signs in" })
  async resetPassword(@Body() body: ResetPasswordBody): Promise<SessionView> {
    return this.session(await this.access.send(AccessPatterns.ResetPassword, body));
  }

  @Get('me')
  @TokenScope(ANY_SCOPE)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who the token belongs to, with role and departments' })
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  private async session(signedIn: SignedIn): Promise<SessionView> {
    return { accessToken: await this.tokens.issue(signedIn), user: toUser(signedIn.principal) };
  }
}
