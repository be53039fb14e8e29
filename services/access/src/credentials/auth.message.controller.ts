import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AccessPatterns,
  LoginPayload,
  Principal,
  RegisterBody,
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
  register(@Payload() payload: RegisterBody): Promise<SignedIn> {
    return this.auth.register(payload);
  }

  @RpcHandler(AccessPatterns.ResolvePrincipal)
  resolve(@Payload() payload: ResolvePrincipalPayload): Promise<Principal> {
    return this.auth.resolve(payload);
  }
}
