import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AccessPatterns, LoginPayload, Principal, RegisterBody, ResolvePrincipalPayload } from '@helpdesk/contracts';

import { AuthService } from './auth.service';

@Controller()
export class AuthMessageController {
  constructor(private readonly auth: AuthService) {}

  @MessagePattern(AccessPatterns.Login)
  login(@Payload() payload: LoginPayload): Promise<Principal> {
    return this.auth.login(payload);
  }

  @MessagePattern(AccessPatterns.Register)
  register(@Payload() payload: RegisterBody): Promise<Principal> {
    return this.auth.register(payload);
  }

  @MessagePattern(AccessPatterns.ResolvePrincipal)
  resolve(@Payload() payload: ResolvePrincipalPayload): Promise<Principal> {
    return this.auth.resolve(payload);
  }
}
