import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessPatterns, Principal, QuotaKind } from '@helpdesk/contracts';
import { AccessClient } from '@helpdesk/messaging';

const QUOTA = 'quota';

/** The route uses one of the principal's hourly `kind` quota; over it, 429 with Retry-After. */
export const UsesQuota = (kind: QuotaKind) => SetMetadata(QUOTA, kind);

/** Runs after JwtAuthGuard, with the principal it resolved; the access service keeps the count. */
@Injectable()
export class QuotaGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: AccessClient,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const kind = this.reflector.get<QuotaKind | undefined>(QUOTA, context.getHandler());
    if (kind) {
      const { principal } = context.switchToHttp().getRequest<{ principal: Principal }>();
      await this.access.send(AccessPatterns.ConsumeQuota, { principal, kind });
    }
    return true;
  }
}
