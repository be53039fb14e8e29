import { Inject, Injectable } from '@nestjs/common';
import { AccountMailPurpose, DomainError, ErrorCode, PrincipalKind } from '@helpdesk/contracts';
import { EntityManager } from 'typeorm';

import {
  AccountMailRequest,
  AccountMailRequestsRepository,
  LinkRecipient,
  RequestCounts,
} from './account-mail-requests.repository';

export const ACCOUNT_LINK_OPTIONS = Symbol('ACCOUNT_LINK_OPTIONS');
export interface AccountLinkOptions {
  verifyEmailTtlMs: number;
  resetPasswordTtlMs: number;
  /** Confirmation and reset mails one address may be sent (asked for) per hour. */
  perAddressPerHour: number;
  /** Confirmation and reset requests one remote address may make per hour, for any addresses. */
  perRemoteAddressPerHour: number;
}

/**
 * Mailed links that prove a person holds an address: confirming a self-registered account and
 * resetting a password. Single use, expiring, and limited per address and per remote address.
 */
@Injectable()
export class AccountLinksService {
  constructor(
    private readonly requests: AccountMailRequestsRepository,
    @Inject(ACCOUNT_LINK_OPTIONS) private readonly options: AccountLinkOptions,
  ) {}

  async assertWithinLimits(request: AccountMailRequest): Promise<void> {
    await this.requests.transaction(async (manager) =>
      this.refuseOverLimit(await this.requests.countRecent(manager, request)),
    );
  }

  /** Records the request and mails `recipient` a link; for no recipient nothing is mailed, but it counts. */
  async send(request: AccountMailRequest, recipient: LinkRecipient | null): Promise<void> {
    await this.requests.transaction(async (manager) => {
      this.refuseOverLimit(await this.requests.countRecent(manager, request));
      await this.requests.record(manager, request, recipient, this.ttlOf(request.purpose));
    });
    this.requests.flushSoon();
  }

  /** Uses a link inside the caller's transaction, which then acts for its subject. */
  async consume<T>(
    purpose: AccountMailPurpose,
    token: string,
    act: (manager: EntityManager, subject: { kind: PrincipalKind; id: number }) => Promise<T>,
  ): Promise<T> {
    return this.requests.transaction(async (manager) => {
      const subject = await this.requests.consume(manager, purpose, token);
      if (!subject) {
        throw new DomainError(
          ErrorCode.LinkInvalid,
          purpose === AccountMailPurpose.VerifyEmail
            ? 'This confirmation link is unknown, expired or already used; sign in to have a new one sent.'
            : 'This password-reset link is unknown, expired or already used; ask for a new one.',
        );
      }
      return act(manager, subject);
    });
  }

  private refuseOverLimit(counts: RequestCounts): void {
    if (counts.forAddress >= this.options.perAddressPerHour) {
      throw tooManyMails(`this address already got ${counts.forAddress} such mails in the last hour`);
    }
    if (counts.fromRemoteAddress >= this.options.perRemoteAddressPerHour) {
      throw tooManyMails(`${counts.fromRemoteAddress} were asked for from your network in the last hour`);
    }
  }

  private ttlOf(purpose: AccountMailPurpose): number {
    return purpose === AccountMailPurpose.VerifyEmail ? this.options.verifyEmailTtlMs : this.options.resetPasswordTtlMs;
  }
}

function tooManyMails(why: string): DomainError {
  return new DomainError(
    ErrorCode.TooManyAccountMails,
    `No more confirmation or reset mails for now: ${why}. Use the last link you got, or try again within the hour.`,
    { retryAfterSeconds: 3_600 },
  );
}
