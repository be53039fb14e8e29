import { ByIdPayload } from '../common/by-id';
import { Page } from '../common/page';
import { PrincipalOnlyPayload } from '../common/with-principal';
import { Principal } from '../principal';
import {
  ApiTokenAdminView,
  ApiTokenByIdPayload,
  ApiTokenSecret,
  ApiTokenView,
  CreateApiTokenPayload,
  ListAllApiTokensPayload,
  ResolveApiTokenPayload,
  ResolvedApiToken,
} from './api-tokens';
import {
  AccountAddressPayload,
  LinkTokenBody,
  LoginPayload,
  RegisteredView,
  RegisterPayload,
  ResetPasswordBody,
  ResolvePrincipalPayload,
  SignedIn,
} from './auth';
import { ClientView, CreateClientPayload, ListClientsPayload } from './clients';
import { CreateDepartmentPayload, DepartmentView, UpdateDepartmentPayload } from './departments';
import { FindPrincipalByEmailPayload, FoundPrincipal } from './mail-directory';
import { ConsumeQuotaPayload, QuotaUse } from './quotas';
import { CreateStaffPayload, DepartmentStaffPayload, StaffByIdsPayload, StaffView, UpdateStaffPayload } from './staff';

/** Commands the access service answers (queue `access`). Sent by the gateway unless noted. */
export const AccessPatterns = {
  /** Checks a password; throttles failures per account. Not idempotent (counts failures). */
  Login: 'auth.login',
  /** Client self-registration, when ENABLE_CLIENT_REGISTRATION is on. */
  Register: 'auth.register',
  /** Confirms a self-registered address with the mailed link's token and signs in. Single use. */
  VerifyEmail: 'auth.verify-email',
  /** Mails a new confirmation link to an unconfirmed account; silent for any other address. Rate-limited. */
  ResendVerification: 'auth.resend-verification',
  /** Mails a password-reset link to an account's address; silent for unknown ones. Rate-limited. */
  RequestPasswordReset: 'auth.request-password-reset',
  /** Sets a new password with the mailed link's token, confirms the address, ends other sessions and signs in. */
  ResetPassword: 'auth.reset-password',
  /** Fresh principal for a token's subject, on every request. Idempotent. */
  ResolvePrincipal: 'principals.resolve',
  ListDepartments: 'departments.list',
  CreateDepartment: 'departments.create',
  UpdateDepartment: 'departments.update',
  /** By id, for services (tickets) that need to check a department. Idempotent. */
  GetDepartment: 'departments.get',
  ListStaff: 'staff.list',
  CreateStaff: 'staff.create',
  UpdateStaff: 'staff.update',
  /** By id, for services (tickets) that check an assignee. Idempotent. */
  GetStaff: 'staff.get',
  /**
   * Several staff members by id, in one answer (ids nobody has are left out; inactive members
   * are included). Administrators only; sent by notifications (as the system principal) to
   * check a batch of mails' recipients right before sending. Idempotent.
   */
  GetStaffByIds: 'staff.get-by-ids',
  /**
   * The active staff of a department (any role, as long as they are members of it; admins who
   * are not members are not included). Admins and the department's own staff only; sent by
   * notifications (as the system principal) and the gateway (GET /api/departments/:id/staff,
   * the assignee picker). Idempotent.
   */
  StaffOfDepartment: 'staff.of-department',
  ListClients: 'clients.list',
  CreateClient: 'clients.create',
  /** By id, for services (tickets) that check a ticket's client. Idempotent. */
  GetClient: 'clients.get',
  /**
   * The active staff member or client an address belongs to (case-insensitive), or null. Sent by
   * mail-ingress (as the system principal) to know who an inbound mail is from; administrators
   * only, never through the gateway. Idempotent.
   */
  FindPrincipalByEmail: 'principals.find-by-email',
  /**
   * Counts one ticket, reply or upload against the principal's hourly quota, or refuses it with
   * QUOTA_EXCEEDED (details.retryAfterSeconds). Sent by the gateway before it forwards the
   * request. Not idempotent.
   */
  ConsumeQuota: 'quotas.consume',
  /**
   * Who an `hdk_` bearer token acts as, fresh on every request, with its scopes; refuses revoked
   * (TOKEN_REVOKED) and expired (TOKEN_EXPIRED) tokens and throttles failed attempts per address
   * like sign-ins. Sent by the gateway. Not idempotent (counts failures, notes the last use).
   */
  ResolveApiToken: 'api-tokens.resolve',
  /** A new token of the caller's own; the answer holds the secret, shown once. Not idempotent. */
  CreateApiToken: 'api-tokens.create',
  /** The caller's own unrevoked tokens, newest first. Idempotent. */
  ListOwnApiTokens: 'api-tokens.list-own',
  /** Revokes one of the caller's own tokens. Idempotent. */
  RevokeOwnApiToken: 'api-tokens.revoke-own',
  /** Everyone's unrevoked tokens, newest first (the latest 200), optionally one owner's. Admins. Idempotent. */
  ListAllApiTokens: 'api-tokens.list-all',
  /** Revokes anyone's token. Admins. Idempotent. */
  RevokeAnyApiToken: 'api-tokens.revoke-any',
  /**
   * Sent by the scheduler: forgets failed sign-ins last seen longer ago than
   * SIGN_IN_FAILURES_RETENTION whose lock has ended, so the table stays as small as the
   * throttling needs. Idempotent.
   */
  PurgeSignInFailures: 'auth.purge-sign-in-failures',
} as const;

export interface AccessRpc {
  [AccessPatterns.PurgeSignInFailures]: { payload: Record<string, never>; result: { removed: number } };
  [AccessPatterns.Login]: { payload: LoginPayload; result: SignedIn };
  [AccessPatterns.Register]: { payload: RegisterPayload; result: RegisteredView };
  [AccessPatterns.VerifyEmail]: { payload: LinkTokenBody; result: SignedIn };
  [AccessPatterns.ResendVerification]: { payload: AccountAddressPayload; result: { accepted: true } };
  [AccessPatterns.RequestPasswordReset]: { payload: AccountAddressPayload; result: { accepted: true } };
  [AccessPatterns.ResetPassword]: { payload: ResetPasswordBody; result: SignedIn };
  [AccessPatterns.ResolvePrincipal]: { payload: ResolvePrincipalPayload; result: Principal };
  [AccessPatterns.ListDepartments]: { payload: PrincipalOnlyPayload; result: DepartmentView[] };
  [AccessPatterns.CreateDepartment]: { payload: CreateDepartmentPayload; result: DepartmentView };
  [AccessPatterns.UpdateDepartment]: { payload: UpdateDepartmentPayload; result: DepartmentView };
  [AccessPatterns.GetDepartment]: { payload: ByIdPayload; result: DepartmentView };
  [AccessPatterns.ListStaff]: { payload: PrincipalOnlyPayload; result: StaffView[] };
  [AccessPatterns.CreateStaff]: { payload: CreateStaffPayload; result: StaffView };
  [AccessPatterns.UpdateStaff]: { payload: UpdateStaffPayload; result: StaffView };
  [AccessPatterns.GetStaff]: { payload: ByIdPayload; result: StaffView };
  [AccessPatterns.GetStaffByIds]: { payload: StaffByIdsPayload; result: StaffView[] };
  [AccessPatterns.StaffOfDepartment]: { payload: DepartmentStaffPayload; result: StaffView[] };
  [AccessPatterns.ListClients]: { payload: ListClientsPayload; result: Page<ClientView> };
  [AccessPatterns.CreateClient]: { payload: CreateClientPayload; result: ClientView };
  [AccessPatterns.GetClient]: { payload: ByIdPayload; result: ClientView };
  [AccessPatterns.FindPrincipalByEmail]: { payload: FindPrincipalByEmailPayload; result: FoundPrincipal };
  [AccessPatterns.ConsumeQuota]: { payload: ConsumeQuotaPayload; result: QuotaUse };
  [AccessPatterns.ResolveApiToken]: { payload: ResolveApiTokenPayload; result: ResolvedApiToken };
  [AccessPatterns.CreateApiToken]: { payload: CreateApiTokenPayload; result: ApiTokenSecret };
  [AccessPatterns.ListOwnApiTokens]: { payload: PrincipalOnlyPayload; result: ApiTokenView[] };
  [AccessPatterns.RevokeOwnApiToken]: { payload: ApiTokenByIdPayload; result: { revoked: true } };
  [AccessPatterns.ListAllApiTokens]: { payload: ListAllApiTokensPayload; result: ApiTokenAdminView[] };
  [AccessPatterns.RevokeAnyApiToken]: { payload: ApiTokenByIdPayload; result: { revoked: true } };
}
