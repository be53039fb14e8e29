import { Inject, Injectable } from '@nestjs/common';
import {
  AccountAddressPayload,
  AccountMailPurpose,
  DomainError,
  ErrorCode,
  LinkTokenBody,
  LoginPayload,
  Principal,
  PrincipalKind,
  RegisteredView,
  RegisterPayload,
  ResetPasswordBody,
  ResolvePrincipalPayload,
  SignedIn,
} from '@helpdesk/contracts';
import { EntityManager } from 'typeorm';

import { AccountLinksService } from '../account-mails/account-links.service';
import { LinkRecipient } from '../account-mails/account-mail-requests.repository';
import { ClientsRepository } from '../clients/clients.repository';
import { ClientsService } from '../clients/clients.service';
import { StaffRepository } from '../staff/staff.repository';
import { Credential } from './credential.entity';
import { CredentialsRepository, normaliseEmail } from './credentials.repository';
import { lockoutAfterFailure } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { SignInFailuresRepository } from './sign-in-failures.repository';

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');
export interface AuthOptions {
  registrationEnabled: boolean;
  /** Failures in a row of one account from one address before that pair is locked. */
  maxFailures: number;
  /** Failures from one address, against any accounts, within `addressWindowMs`. */
  maxFailuresPerAddress: number;
  addressWindowMs: number;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly credentials: CredentialsRepository,
    private readonly staff: StaffRepository,
    private readonly clients: ClientsRepository,
    private readonly clientsService: ClientsService,
    private readonly hasher: PasswordHasher,
    private readonly failures: SignInFailuresRepository,
    private readonly links: AccountLinksService,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  /**
   * Failures lock the pair of account and remote address, not the account: whoever guesses from
   * one address cannot keep the owner out from another. Unknown accounts count and lock the same.
   */
  async login({ email, password, ip }: LoginPayload): Promise<SignedIn> {
    const account = normaliseEmail(email);
    const address = ip ?? '';
    await this.refuseWhileThrottled(account, address);
    const credential = await this.credentials.findByEmail(account);
    const valid = await this.hasher.verify(credential?.passwordHash ?? null, password);
    const principal = valid && credential ? await this.findPrincipal(credential.kind, credential.subjectId) : null;
    if (!credential || !principal) {
      await this.failures.record(account, address, (n) => lockoutAfterFailure(n, this.options.maxFailures));
      throw new DomainError(ErrorCode.InvalidCredentials, 'The email or password is not right.');
    }
    await this.failures.clear(account, address);
    if (!credential.emailVerifiedAt) {
      throw new DomainError(
        ErrorCode.EmailNotVerified,
        `Confirm your address first: open the link we mailed to ${account}, or have a new one sent.`,
      );
    }
    return { principal, sessionVersion: credential.sessionVersion };
  }

  /** The account signs in once the link mailed to its address was opened. */
  async register({ ip, ...body }: RegisterPayload): Promise<RegisteredView> {
    if (!this.options.registrationEnabled) {
      throw new DomainError(
        ErrorCode.RegistrationDisabled,
        'Self-registration is turned off; ask support for an account.',
      );
    }
    const request = {
      purpose: AccountMailPurpose.VerifyEmail,
      email: normaliseEmail(body.email),
      remoteAddress: ip ?? '',
    };
    // Checked before the account exists, so that a refused registration leaves nothing behind.
    await this.links.assertWithinLimits(request);
    const client = await this.clientsService.register(body, { unverified: true }).catch((error: unknown) => {
      throw error instanceof DomainError && error.code === ErrorCode.EmailTaken
        ? new DomainError(
            ErrorCode.EmailTaken,
            `The address ${body.email} already has an account (perhaps from writing to support by mail): to sign in with it, ask for a password-reset link.`,
          )
        : error;
    });
    const user = { kind: PrincipalKind.Client, id: client.id, name: client.name, email: normaliseEmail(client.email) };
    await this.links.send(request, user);
    return { user, verificationRequired: true };
  }

  verifyEmail({ token }: LinkTokenBody): Promise<SignedIn> {
    return this.links.consume(AccountMailPurpose.VerifyEmail, token, async (manager, subject) => {
      await this.credentials.markVerified(manager, subject.kind, subject.id);
      return this.signedIn(subject, manager);
    });
  }

  /** A new link for an account still to be confirmed; any other address gets nothing, and is not told so. */
  resendVerification(request: AccountAddressPayload): Promise<{ accepted: true }> {
    return this.mailLink(AccountMailPurpose.VerifyEmail, request, (credential) => !credential.emailVerifiedAt);
  }

  /** A reset link for an active account, also one without a password yet (a client who only wrote by email). */
  requestPasswordReset(request: AccountAddressPayload): Promise<{ accepted: true }> {
    return this.mailLink(AccountMailPurpose.ResetPassword, request, () => true);
  }

  /** Sets the password, confirms the address (the link reached it) and ends every other session. */
  async resetPassword({ token, password }: ResetPasswordBody): Promise<SignedIn> {
    const passwordHash = await this.hasher.hash(password);
    return this.links.consume(AccountMailPurpose.ResetPassword, token, async (manager, subject) => {
      await this.credentials.resetPassword(manager, subject.kind, subject.id, passwordHash);
      return this.signedIn(subject, manager);
    });
  }

  async resolve({ kind, id, sessionVersion }: ResolvePrincipalPayload): Promise<Principal> {
    const principal = await this.findPrincipal(kind, id);
    if (!principal) {
      throw new DomainError(ErrorCode.Unauthenticated, 'This account no longer exists or was deactivated.');
    }
    if (sessionVersion !== undefined && sessionVersion !== (await this.currentSessionVersion(kind, id))) {
      throw new DomainError(
        ErrorCode.Unauthenticated,
        'This session ended (the password or role changed, or the account was deactivated); sign in again.',
      );
    }
    return principal;
  }

  private async refuseWhileThrottled(account: string, address: string): Promise<void> {
    const lockedUntil = await this.failures.lockedUntil(account, address);
    if (lockedUntil && lockedUntil.getTime() > Date.now()) {
      throw tooManyAttempts(Math.ceil((lockedUntil.getTime() - Date.now()) / 1000));
    }
    const since = new Date(Date.now() - this.options.addressWindowMs);
    if ((await this.failures.failuresFrom(address, since)) >= this.options.maxFailuresPerAddress) {
      throw tooManyAttempts(Math.ceil(this.options.addressWindowMs / 1000));
    }
  }

  private async currentSessionVersion(kind: PrincipalKind, id: number): Promise<number> {
    return (await this.credentials.findBySubject(kind, id))?.sessionVersion ?? 0;
  }

  /** Counts the request whatever the address; mails a link only to an active account `eligible` allows. */
  private async mailLink(
    purpose: AccountMailPurpose,
    { email, ip }: AccountAddressPayload,
    eligible: (credential: Credential) => boolean,
  ): Promise<{ accepted: true }> {
    const credential = await this.credentials.findByEmail(email);
    const recipient = credential && eligible(credential) ? await this.recipientOf(credential) : null;
    await this.links.send({ purpose, email: normaliseEmail(email), remoteAddress: ip ?? '' }, recipient);
    return { accepted: true };
  }

  private async recipientOf(credential: Credential): Promise<LinkRecipient | null> {
    const principal = await this.findPrincipal(credential.kind, credential.subjectId);
    return principal ? { kind: principal.kind, id: principal.id, name: principal.name, email: credential.email } : null;
  }

  private async signedIn(subject: { kind: PrincipalKind; id: number }, manager: EntityManager): Promise<SignedIn> {
    const principal = await this.findPrincipal(subject.kind, subject.id);
    if (!principal) {
      throw new DomainError(ErrorCode.Unauthenticated, 'This account was deactivated; ask support.');
    }
    const credential = await manager
      .getRepository(Credential)
      .findOneByOrFail({ kind: subject.kind, subjectId: subject.id });
    return { principal, sessionVersion: credential.sessionVersion };
  }

  /** The active principal behind an account, or null. */
  private async findPrincipal(kind: PrincipalKind, id: number): Promise<Principal | null> {
    if (kind === PrincipalKind.Staff) {
      const member = await this.staff.findById(id);
      return member?.active
        ? {
            kind,
            id,
            role: member.role,
            name: member.name,
            email: normaliseEmail(member.email),
            departmentIds: member.departmentIds,
          }
        : null;
    }
    const client = await this.clients.findById(id);
    return client?.active
      ? { kind, id, name: client.name, email: normaliseEmail(client.email), departmentIds: [] }
      : null;
  }
}

function tooManyAttempts(retryAfterSeconds: number): DomainError {
  return new DomainError(ErrorCode.TooManyAttempts, `Too many failed sign-ins; try again in ${retryAfterSeconds} s.`, {
    retryAfterSeconds,
  });
}
