import { Inject, Injectable } from '@nestjs/common';
import {
  API_TOKENS_PER_ACCOUNT,
  ApiScope,
  ApiTokenAdminView,
  ApiTokenSecret,
  ApiTokenView,
  CLIENT_API_SCOPES,
  CreateApiTokenBody,
  DomainError,
  ErrorCode,
  isAdmin,
  isClient,
  ListAllApiTokensQuery,
  Principal,
  PrincipalKind,
  ResolveApiTokenPayload,
  ResolvedApiToken,
  SYSTEM_PRINCIPAL_ID,
} from '@helpdesk/contracts';

import { requireAdmin } from '../authorization';
import { AUTH_OPTIONS, AuthOptions, AuthService } from '../credentials/auth.service';
import { lockoutAfterFailure } from '../credentials/login-throttle';
import { SignInFailuresRepository } from '../credentials/sign-in-failures.repository';
import { displayPrefix, formatToken, hashSecret, newSecret, parseToken, secretMatches } from './api-token-secrets';
import { ApiTokenOwnerRow, ApiTokenRow, ApiTokensRepository, Owner } from './api-tokens.repository';

/**
 * Failed token attempts count in `sign_in_failures` under this name, which no email address can
 * be: per address, beside failed sign-ins, so guessing tokens and passwords share one budget.
 */
export const API_TOKEN_ACCOUNT = 'api-token';

@Injectable()
export class ApiTokensService {
  constructor(
    private readonly tokens: ApiTokensRepository,
    private readonly auth: AuthService,
    private readonly failures: SignInFailuresRepository,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  async create(principal: Principal, body: CreateApiTokenBody): Promise<ApiTokenSecret> {
    requireAccount(principal);
    const refused = body.scopes.find((scope) => !mayHold(principal, scope));
    if (refused) {
      throw new DomainError(
        ErrorCode.AccessDenied,
        refused === ApiScope.Admin
          ? 'scopes: only administrators may create tokens with the admin scope.'
          : `scopes: clients' tokens may only have ${CLIENT_API_SCOPES.join(', ')}, not ${refused}.`,
        { scope: refused },
      );
    }
    if (body.expiresAt && body.expiresAt.getTime() <= Date.now()) {
      throw new DomainError(ErrorCode.ValidationFailed, 'expiresAt: must be in the future.');
    }
    const secret = newSecret();
    const row = await this.tokens.insert(
      ownerOf(principal),
      { name: body.name, scopes: body.scopes, secretHash: hashSecret(secret), expiresAt: body.expiresAt ?? null },
      API_TOKENS_PER_ACCOUNT,
    );
    if (!row) {
      throw new DomainError(
        ErrorCode.ValidationFailed,
        `You already have ${API_TOKENS_PER_ACCOUNT} API tokens; revoke one you no longer use first.`,
      );
    }
    return { id: row.id, token: formatToken(row.id, secret) };
  }

  async listOwn(principal: Principal): Promise<ApiTokenView[]> {
    requireAccount(principal);
    return (await this.tokens.findByOwner(ownerOf(principal))).map(toView);
  }

  async revokeOwn(principal: Principal, id: string): Promise<{ revoked: true }> {
    requireAccount(principal);
    return this.revoke(id, ownerOf(principal));
  }

  async listAll(principal: Principal, query: ListAllApiTokensQuery): Promise<ApiTokenAdminView[]> {
    requireAdmin(principal);
    if (query.staffId && query.clientId) {
      throw new DomainError(ErrorCode.ValidationFailed, 'staffId, clientId: give one of them, not both.');
    }
    const owner = query.staffId
      ? { kind: PrincipalKind.Staff, subjectId: query.staffId }
      : query.clientId
        ? { kind: PrincipalKind.Client, subjectId: query.clientId }
        : null;
    return (await this.tokens.findAll(owner)).map(toAdminView);
  }

  revokeAny(principal: Principal, id: string): Promise<{ revoked: true }> {
    requireAdmin(principal);
    return this.revoke(id, null);
  }

  /**
   * Unknown and wrong tokens count as failed sign-ins of the caller's address; revoked and expired
   * ones do not (they were real, and their owner's integration should hear why, not be locked out).
   */
  async resolve({ token, ip }: ResolveApiTokenPayload): Promise<ResolvedApiToken> {
    const throttle = await this.failures.state(
      API_TOKEN_ACCOUNT,
      ip,
      new Date(Date.now() - this.options.addressWindowMs),
    );
    if (throttle.lockedUntil && throttle.lockedUntil.getTime() > Date.now()) {
      throw tooManyAttempts(Math.ceil((throttle.lockedUntil.getTime() - Date.now()) / 1000));
    }
    if (throttle.failuresFromAddress >= this.options.maxFailuresPerAddress) {
      throw tooManyAttempts(Math.ceil(this.options.addressWindowMs / 1000));
    }
    const parsed = parseToken(token);
    const row = parsed ? await this.tokens.findById(parsed.id) : null;
    if (!parsed || !row || !secretMatches(parsed.secret, row.secretHash)) {
      await this.failures.record(API_TOKEN_ACCOUNT, ip, (n) => lockoutAfterFailure(n, this.options.maxFailures));
      throw new DomainError(ErrorCode.Unauthenticated, 'The API token is not valid; check that it was copied whole.');
    }
    if (throttle.failures > 0) {
      await this.failures.clear(API_TOKEN_ACCOUNT, ip);
    }
    if (row.revokedAt) {
      throw new DomainError(ErrorCode.TokenRevoked, `The API token "${row.name}" was revoked; create a new one.`, {
        tokenId: row.id,
      });
    }
    if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) {
      throw new DomainError(
        ErrorCode.TokenExpired,
        `The API token "${row.name}" expired at ${row.expiresAt.toISOString()}; create a new one.`,
        { tokenId: row.id, expiredAt: row.expiresAt.toISOString() },
      );
    }
    const principal = await this.auth.resolve({ kind: row.kind, id: row.subjectId });
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() >= 60_000) {
      await this.tokens.noteUse(row.id);
    }
    return { tokenId: row.id, principal, scopes: row.scopes };
  }

  private async revoke(id: string, owner: Owner | null): Promise<{ revoked: true }> {
    if (!(await this.tokens.revoke(id, owner))) {
      throw new DomainError(ErrorCode.ApiTokenNotFound, 'There is no such API token.', { id });
    }
    return { revoked: true };
  }
}

/** The system principal is no account: it has no tokens. */
function requireAccount(principal: Principal): void {
  if (principal.id === SYSTEM_PRINCIPAL_ID) {
    throw new DomainError(ErrorCode.AccessDenied, 'Only staff members and clients have API tokens.');
  }
}

function mayHold(principal: Principal, scope: ApiScope): boolean {
  if (isClient(principal)) {
    return CLIENT_API_SCOPES.includes(scope);
  }
  return scope !== ApiScope.Admin || isAdmin(principal);
}

const ownerOf = (principal: Principal): Owner => ({ kind: principal.kind, subjectId: principal.id });

function toView(row: ApiTokenRow): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes,
    prefix: displayPrefix(row.id),
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

function toAdminView(row: ApiTokenOwnerRow): ApiTokenAdminView {
  return {
    ...toView(row),
    owner: { kind: row.kind, id: row.subjectId, name: row.ownerName, email: row.ownerEmail },
  };
}

function tooManyAttempts(retryAfterSeconds: number): DomainError {
  return new DomainError(
    ErrorCode.TooManyAttempts,
    `Too many failed API token attempts from this address; try again in ${retryAfterSeconds} s.`,
    { retryAfterSeconds },
  );
}
