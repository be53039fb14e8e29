import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  LoginPayload,
  Principal,
  PrincipalKind,
  RegisterBody,
  ResolvePrincipalPayload,
  SignedIn,
} from '@helpdesk/contracts';

import { ClientsRepository } from '../clients/clients.repository';
import { ClientsService } from '../clients/clients.service';
import { StaffRepository } from '../staff/staff.repository';
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
    return { principal, sessionVersion: credential.sessionVersion };
  }

  async register(body: RegisterBody): Promise<SignedIn> {
    if (!this.options.registrationEnabled) {
      throw new DomainError(
        ErrorCode.RegistrationDisabled,
        'Self-registration is turned off; ask support for an account.',
      );
    }
    const client = await this.clientsService.register(body);
    return { principal: await this.resolve({ kind: PrincipalKind.Client, id: client.id }), sessionVersion: 0 };
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
