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

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');
export interface AuthOptions {
  registrationEnabled: boolean;
  maxFailures: number;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly credentials: CredentialsRepository,
    private readonly staff: StaffRepository,
    private readonly clients: ClientsRepository,
    private readonly clientsService: ClientsService,
    private readonly hasher: PasswordHasher,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  async login({ email, password }: LoginPayload): Promise<SignedIn> {
    const credential = await this.credentials.findByEmail(email);
    if (credential?.lockedUntil && credential.lockedUntil > new Date()) {
      const seconds = Math.ceil((credential.lockedUntil.getTime() - Date.now()) / 1000);
      throw new DomainError(ErrorCode.TooManyAttempts, `Too many failed sign-ins; try again in ${seconds} s.`, {
        retryAfterSeconds: seconds,
      });
    }
    const valid = await this.hasher.verify(credential?.passwordHash ?? null, password);
    const principal = valid && credential ? await this.findPrincipal(credential.kind, credential.subjectId) : null;
    if (!credential || !principal) {
      if (credential) {
        await this.credentials.recordFailure(credential.email, (n) => lockoutAfterFailure(n, this.options.maxFailures));
      }
      throw new DomainError(ErrorCode.InvalidCredentials, 'The email or password is not right.');
    }
    await this.credentials.recordSuccess(credential.email);
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
