import { Principal, PrincipalKind, StaffRole } from '@helpdesk/contracts';

/** Plain data for unit specs: a sensible default, the overrides a case is about. */
export function staffPrincipal(overrides: Partial<Principal> = {}): Principal {
  return {
    kind: PrincipalKind.Staff,
    id: 7,
    role: StaffRole.Staff,
    name: 'Alex Agent',
    email: 'alex@example.com',
    departmentIds: [2],
    ...overrides,
  };
}

export function adminPrincipal(overrides: Partial<Principal> = {}): Principal {
  return staffPrincipal({
    id: 1,
    role: StaffRole.Admin,
    name: 'Ada Admin',
    email: 'ada@example.com',
    departmentIds: [],
    ...overrides,
  });
}

export function clientPrincipal(overrides: Partial<Principal> = {}): Principal {
  return {
    kind: PrincipalKind.Client,
    id: 42,
    name: 'Casey Client',
    email: 'casey@example.com',
    departmentIds: [],
    ...overrides,
  };
}
