import { Principal, PrincipalKind, StaffRole } from '@helpdesk/contracts';

import { canSeeTicket, canWorkInDepartment, listableDepartmentIds } from './ticket-access';

const principal = (overrides: Partial<Principal>): Principal => ({
  kind: PrincipalKind.Staff,
  id: 1,
  role: StaffRole.Staff,
  name: 'Someone',
  email: 'someone@example.com',
  departmentIds: [],
  ...overrides,
});

const admin = principal({ role: StaffRole.Admin });
const staffOfA = principal({ id: 2, departmentIds: [10] });
const staffOfB = principal({ id: 3, departmentIds: [20] });
const owner = principal({ kind: PrincipalKind.Client, id: 7, role: undefined });
const otherClient = principal({ kind: PrincipalKind.Client, id: 8, role: undefined });
const ticketInA = { departmentId: 10, clientId: 7 };

describe(canSeeTicket.name, () => {
  it.each([
    ['admin', admin, true],
    ['staff of its department', staffOfA, true],
    ['staff of another department', staffOfB, false],
    ['the client who opened it', owner, true],
    ['another client', otherClient, false],
  ])('%s: %s', (_, who, visible) => {
    expect(canSeeTicket(who, ticketInA)).toBe(visible);
  });

  it('a client with the same id as a staff member is still judged as a client', () => {
    expect(canSeeTicket(principal({ kind: PrincipalKind.Client, id: 2, role: undefined }), ticketInA)).toBe(false);
  });
});

describe(canWorkInDepartment.name, () => {
  it.each([
    [admin, 99, true],
    [staffOfA, 10, true],
    [staffOfA, 20, false],
    [owner, 10, false],
  ])('%#', (who, departmentId, allowed) => {
    expect(canWorkInDepartment(who, departmentId)).toBe(allowed);
  });
});

describe(listableDepartmentIds.name, () => {
  it('admins list every department, or the one asked for', () => {
    expect(listableDepartmentIds(admin)).toBeUndefined();
    expect(listableDepartmentIds(admin, 5)).toEqual([5]);
  });

  it('staff list their departments, and nothing when asking for another', () => {
    expect(listableDepartmentIds(staffOfA)).toEqual([10]);
    expect(listableDepartmentIds(staffOfA, 10)).toEqual([10]);
    expect(listableDepartmentIds(staffOfA, 20)).toEqual([]);
  });
});
