import { StaffRole, StaffView } from '@helpdesk/contracts';

import { whyNoStaffMail } from './staff-mail-rule';

const member = (overrides: Partial<StaffView>): StaffView => ({
  id: 8,
  email: 'alan@staff.test',
  name: 'Alan',
  role: StaffRole.Staff,
  departmentIds: [3],
  active: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

describe(whyNoStaffMail.name, () => {
  it.each([
    ['an active member of the department', member({}), null],
    ['an active administrator outside the department', member({ role: StaffRole.Admin, departmentIds: [] }), null],
    [
      'someone taken out of the department',
      member({ departmentIds: [4] }),
      "Alan no longer works in the ticket's department",
    ],
    [
      'an administrator demoted, outside the department',
      member({ departmentIds: [] }),
      "Alan no longer works in the ticket's department",
    ],
    ['a deactivated member', member({ active: false }), 'Alan was deactivated'],
    ['a deactivated administrator', member({ active: false, role: StaffRole.Admin }), 'Alan was deactivated'],
    ['someone who no longer exists', null, 'the staff member no longer exists'],
  ])('%s', (_, staff, reason) => {
    expect(whyNoStaffMail(staff, 3)).toBe(reason);
  });
});
