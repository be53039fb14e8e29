import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, Principal, QuotaKind, QuotaUse } from '@helpdesk/contracts';

import { QuotaUsageRepository } from './quota-usage.repository';

export const QUOTA_LIMITS = Symbol('QUOTA_LIMITS');
export type QuotaLimits = Record<QuotaKind, number>;

@Injectable()
export class QuotasService {
  constructor(
    private readonly usage: QuotaUsageRepository,
    @Inject(QUOTA_LIMITS) private readonly limits: QuotaLimits,
  ) {}

  /** Refused uses count too: an account that keeps trying past its quota does not get ahead. */
  async consume(principal: Principal, kind: QuotaKind): Promise<QuotaUse> {
    const { used, hourEndsAt } = await this.usage.countOne(`${principal.kind}:${principal.id}`, kind);
    const limit = this.limits[kind];
    if (used > limit) {
      const retryAfterSeconds = Math.max(1, Math.ceil((hourEndsAt.getTime() - Date.now()) / 1000));
      throw new DomainError(
        ErrorCode.QuotaExceeded,
        `You have reached the limit of ${limit} ${kind} an hour; try again in ${retryAfterSeconds} s.`,
        { kind, limit, retryAfterSeconds },
      );
    }
    return { remaining: limit - used };
  }
}
