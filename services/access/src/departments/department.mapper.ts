import { DepartmentView, ReplyToClosedPolicy } from '@helpdesk/contracts';

import { Department } from './department.entity';

export const toDepartmentView = (department: Department): DepartmentView => ({
  id: department.id,
  name: department.name,
  active: department.active,
  autoCloseDays: department.autoCloseDays,
  email: department.email ?? null,
  replyToClosedPolicy: department.replyToClosedPolicy ?? ReplyToClosedPolicy.Reopen,
  reopenWithinDays: department.reopenWithinDays ?? null,
  clientsMayAddCc: department.clientsMayAddCc ?? false,
  createdAt: department.createdAt.toISOString(),
  updatedAt: department.updatedAt.toISOString(),
});
