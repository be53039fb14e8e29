import { Inject, Injectable } from '@nestjs/common';
import {
  AccessPatterns,
  ClientView,
  DepartmentView,
  ErrorCode,
  Principal,
  PrincipalKind,
  ReplyToClosedPolicy,
  systemPrincipal,
} from '@helpdesk/contracts';
import { AccessClient, UpstreamError } from '@helpdesk/messaging';

import { TtlCache } from './ttl-cache';

export const PEOPLE_OPTIONS = Symbol('PEOPLE_OPTIONS');
export interface PeopleOptions {
  /** MAIL_DIRECTORY_CACHE_TTL: people and department addresses change rarely; every mail asks. */
  cacheTtlMs: number;
}

export const MAIL_INGRESS_PRINCIPAL: Principal = systemPrincipal('mail-ingress');

/**
 * Who is who, as the access service (the owner of people) says: the principal of a token's
 * recipient, the principal behind a sender address, and the departments' own addresses. Broker
 * or access failures are thrown (the SMTP answer is then 451, the job is retried).
 */
@Injectable()
export class People {
  private readonly principals: TtlCache<string, Principal | null>;
  private readonly byEmail: TtlCache<string, Principal | null>;
  private readonly departments: TtlCache<'all', DepartmentView[]>;

  constructor(
    private readonly access: AccessClient,
    @Inject(PEOPLE_OPTIONS) options: PeopleOptions,
  ) {
    this.principals = new TtlCache(options.cacheTtlMs);
    this.byEmail = new TtlCache(options.cacheTtlMs);
    this.departments = new TtlCache(options.cacheTtlMs);
  }

  /** The active staff member or client, or null when the account is gone or deactivated. */
  resolve(kind: PrincipalKind, id: number): Promise<Principal | null> {
    return this.principals.get(`${kind}:${id}`, () =>
      this.access.send(AccessPatterns.ResolvePrincipal, { kind, id }).catch((error: unknown) => {
        if (error instanceof UpstreamError && error.code === ErrorCode.Unauthenticated) {
          return null;
        }
        throw error;
      }),
    );
  }

  /** Uncached: right before acting as someone, their current departments and role matter. */
  resolveFresh(kind: PrincipalKind, id: number): Promise<Principal | null> {
    return this.access.send(AccessPatterns.ResolvePrincipal, { kind, id }).catch((error: unknown) => {
      if (error instanceof UpstreamError && error.code === ErrorCode.Unauthenticated) {
        return null;
      }
      throw error;
    });
  }

  findByEmail(email: string): Promise<Principal | null> {
    const address = email.trim().toLowerCase();
    return this.byEmail.get(address, async () => {
      const found = await this.access.send(AccessPatterns.FindPrincipalByEmail, {
        principal: MAIL_INGRESS_PRINCIPAL,
        email: address,
      });
      return found.principal;
    });
  }

  /** The department whose own address this is (active or not), or null. */
  async departmentByEmail(email: string): Promise<DepartmentView | null> {
    const address = email.trim().toLowerCase();
    return (await this.allDepartments()).find((department) => department.email === address) ?? null;
  }

  /** Every department's own address, lower case. */
  async departmentEmails(): Promise<string[]> {
    return (await this.allDepartments()).flatMap((department) => (department.email ? [department.email] : []));
  }

  async department(id: number): Promise<DepartmentView | null> {
    return (await this.allDepartments()).find((department) => department.id === id) ?? null;
  }

  /** The department as access has it now (one created after the cache was filled is found); null when gone. */
  async departmentNow(id: number): Promise<DepartmentView | null> {
    return (
      (await this.department(id)) ??
      this.access
        .send(AccessPatterns.GetDepartment, { principal: MAIL_INGRESS_PRINCIPAL, id })
        .catch((error: unknown) => {
          if (error instanceof UpstreamError && error.code === ErrorCode.DepartmentNotFound) {
            return null;
          }
          throw error;
        })
    );
  }

  /** Whether any department refuses email replies to its closed tickets (most have none that do). */
  async someDepartmentRefusesClosedReplies(): Promise<boolean> {
    return (await this.allDepartments()).some(
      (department) => department.replyToClosedPolicy === ReplyToClosedPolicy.Refuse,
    );
  }

  private allDepartments(): Promise<DepartmentView[]> {
    return this.departments.get('all', () =>
      this.access.send(AccessPatterns.ListDepartments, { principal: MAIL_INGRESS_PRINCIPAL }),
    );
  }

  /** ALLOW_NEW_CLIENTS_BY_EMAIL: a client for an unknown sender (or the one that appeared meanwhile). */
  async createClient(email: string, name: string): Promise<Principal> {
    let client: ClientView | null = null;
    try {
      client = await this.access.send(AccessPatterns.CreateClient, {
        principal: MAIL_INGRESS_PRINCIPAL,
        email,
        name,
      });
    } catch (error) {
      if (!(error instanceof UpstreamError && error.code === ErrorCode.EmailTaken)) {
        throw error;
      }
    }
    const principal = client
      ? await this.resolveFresh(PrincipalKind.Client, client.id)
      : await this.access
          .send(AccessPatterns.FindPrincipalByEmail, { principal: MAIL_INGRESS_PRINCIPAL, email })
          .then((found) => found.principal);
    if (!principal) {
      throw new Error(`The client for ${email} could not be found right after it was created`);
    }
    return principal;
  }
}
