import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AccessPatterns,
  AccountAddressPayload,
  LinkTokenBody,
  LoginPayload,
  Principal,
  RegisteredView,
  RegisterPayload,
  ResetPasswordBody,
  ResolvePrincipalPayload,
  SignedIn,
} from '@helpdesk/contracts';
import { RpcHandler } from '@helpdesk/messaging';

import { AuthService } from './auth.service';

@Controller()
export class AuthMessageController {
  constructor(private readonly auth: AuthService) {}

  @RpcHandler(AccessPatterns.Login)
  login(@Payload() payload: LoginPayload): Promise<SignedIn> {
    return this.auth.login(payload);
  }

  @RpcHandler(AccessPatterns.Register)
  register(@Payload() payload: RegisterPayload): Promise<RegisteredView> {
    return this.auth.register(payload);
  }

  @RpcHandler(AccessPatterns.VerifyEmail)
  verifyEmail(@Payload() payload: LinkTokenBody): Promise<SignedIn> {
    return this.auth.verifyEmail(payload);
  }

  @RpcHandler(AccessPatterns.ResendVerification)
  resendVerification(@Payload() payload: AccountAddressPayload): Promise<{ accepted: true }> {
    return this.auth.resendVerification(payload);
  }

  @RpcHandler(AccessPatterns.RequestPasswordReset)
  requestPasswordReset(@Payload() payload: AccountAddressPayload): Promise<{ accepted: true }> {
    return this.auth.requestPasswordReset(payload);
  }

  @RpcHandler(AccessPatterns.ResetPassword)
  resetPassword(@Payload() payload: ResetPasswordBody): Promise<SignedIn> {
    return this.auth.resetPassword(payload);
  }

  @RpcHandler(AccessPatterns.ResolvePrincipal)
  resolve(@Payload() payload: ResolvePrincipalPayload): Promise<Principal> {
    return this.auth.resolve(payload);
  }
}
