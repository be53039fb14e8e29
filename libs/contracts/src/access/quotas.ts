import { IsEnum } from 'class-validator';

import { WithPrincipal } from '../common/with-principal';

/** What an account may do only so many times an hour (QUOTA_*_PER_HOUR in access). */
export enum QuotaKind {
  Tickets = 'tickets',
  Replies = 'replies',
  Uploads = 'uploads',
}

export class ConsumeQuotaBody {
  @IsEnum(QuotaKind)
  kind: QuotaKind;
}

export class ConsumeQuotaPayload extends WithPrincipal(ConsumeQuotaBody) {}

export interface QuotaUse {
  /** How many more this hour. */
  remaining: number;
}
