import { Controller, Inject } from '@nestjs/common';
import { AccessPatterns } from '@helpdesk/contracts';
import { RpcHandler } from '@helpdesk/messaging';

import { SignInFailuresRepository } from './sign-in-failures.repository';

export const SIGN_IN_FAILURES_RETENTION = Symbol('SIGN_IN_FAILURES_RETENTION');

@Controller()
export class SignInFailuresMessageController {
  constructor(
    private readonly failures: SignInFailuresRepository,
    @Inject(SIGN_IN_FAILURES_RETENTION) private readonly retentionMs: number,
  ) {}

  @RpcHandler(AccessPatterns.PurgeSignInFailures)
  async purge(): Promise<{ removed: number }> {
    return { removed: await this.failures.purge(new Date(Date.now() - this.retentionMs)) };
  }
}
