import { DomainError, ErrorCode, Principal, PrincipalKind, StaffRole } from '@helpdesk/contracts';

import { requireWorksIn } from './authorization';

const principal = (overrides: Partial<Principal>): Principal => ({
  kind: PrincipalKind.Staff,
  id: 7,
  role: StaffRole.Staff,
  name: 'Alex Agent',
  email: 'alex@example.com',
  departmentIds: [2],
  ...overrides,
});

describe(requireWorksIn.name, () => {
  it.each([
    ['staff of the department', principal({})],
    ['an admin of no department', principal({ role: StaffRole.Admin, departmentIds: [] })],
  ])('lets %s see who works in it', (_, who) => {
    expect(() => requireWorksIn(who, 2)).not.toThrow();
  });

  it.each([
    ['staff of another department', principal({ departmentIds: [3] })],
    ['a client', principal({ kind: PrincipalKind.Client, role: undefined, departmentIds: [2] })],
  ])('refuses %s', (_, who) => {
    try {
      requireWorksIn(who, 2);
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as DomainError).code).toBe(ErrorCode.AccessDenied);
    }
  });
});
