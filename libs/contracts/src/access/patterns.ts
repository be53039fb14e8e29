import { ByIdPayload } from '../common/by-id';
import { Page } from '../common/page';
import { PrincipalOnlyPayload } from '../common/with-principal';
import { Principal } from '../principal';
import { LoginPayload, RegisterBody, ResolvePrincipalPayload } from './auth';
import { ClientView, CreateClientPayload, ListClientsPayload } from './clients';
import { CreateDepartmentPayload, DepartmentView, UpdateDepartmentPayload } from './departments';
import { CreateStaffPayload, StaffView, UpdateStaffPayload } from './staff';

/** Commands the access service answers (queue `access`). Sent by the gateway unless noted. */
export const AccessPatterns = {
  /** Checks a password; throttles failures per account. Not idempotent (counts failures). */
  Login: 'auth.login',
  /** Client self-registration, when ENABLE_CLIENT_REGISTRATION is on. */
  Register: 'auth.register',
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
  ListClients: 'clients.list',
  CreateClient: 'clients.create',
  /** By id, for services (tickets) that check a ticket's client. Idempotent. */
  GetClient: 'clients.get',
} as const;

export interface AccessRpc {
  [AccessPatterns.Login]: { payload: LoginPayload; result: Principal };
  [AccessPatterns.Register]: { payload: RegisterBody; result: Principal };
  [AccessPatterns.ResolvePrincipal]: { payload: ResolvePrincipalPayload; result: Principal };
  [AccessPatterns.ListDepartments]: { payload: PrincipalOnlyPayload; result: DepartmentView[] };
  [AccessPatterns.CreateDepartment]: { payload: CreateDepartmentPayload; result: DepartmentView };
  [AccessPatterns.UpdateDepartment]: { payload: UpdateDepartmentPayload; result: DepartmentView };
  [AccessPatterns.GetDepartment]: { payload: ByIdPayload; result: DepartmentView };
  [AccessPatterns.ListStaff]: { payload: PrincipalOnlyPayload; result: StaffView[] };
  [AccessPatterns.CreateStaff]: { payload: CreateStaffPayload; result: StaffView };
  [AccessPatterns.UpdateStaff]: { payload: UpdateStaffPayload; result: StaffView };
  [AccessPatterns.GetStaff]: { payload: ByIdPayload; result: StaffView };
  [AccessPatterns.ListClients]: { payload: ListClientsPayload; result: Page<ClientView> };
  [AccessPatterns.CreateClient]: { payload: CreateClientPayload; result: ClientView };
  [AccessPatterns.GetClient]: { payload: ByIdPayload; result: ClientView };
}
