import { StaffView } from '@helpdesk/contracts';

import { StaffMember } from './staff-member.entity';

export const toStaffView = (member: StaffMember): StaffView => ({
  id: member.id,
  email: member.email,
  name: member.name,
  role: member.role,
  departmentIds: member.departmentIds,
  active: member.active,
  createdAt: member.createdAt.toISOString(),
});
