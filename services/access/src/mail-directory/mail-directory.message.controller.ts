import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AccessPatterns,
  DomainError,
  ErrorCode,
  FindPrincipalByEmailPayload,
  FoundPrincipal,
} from '@helpdesk/contracts';
import { RpcHandler } from '@helpdesk/messaging';

import { requireAdmin } from '../authorization';
import { AuthService } from '../credentials/auth.service';
import { CredentialsRepository } from '../credentials/credentials.repository';

/** Who an address belongs to, for mail-ingress (which knows senders only by their address). */
@Controller()
export class MailDirectoryMessageController {
  constructor(
    private readonly credentials: CredentialsRepository,
    private readonly auth: AuthService,
  ) {}

  @RpcHandler(AccessPatterns.FindPrincipalByEmail)
  async findByEmail(@Payload() { principal, email }: FindPrincipalByEmailPayload): Promise<FoundPrincipal> {
    requireAdmin(principal);
    const credential = await this.credentials.findByEmail(email);
    if (!credential) {
      return { principal: null };
    }
    try {
      return { principal: await this.auth.resolve({ kind: credential.kind, id: credential.subjectId }) };
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.Unauthenticated) {
        return { principal: null };
      }
      throw error;
    }
  }
}
