import { DepartmentView } from '@helpdesk/contracts';

import { Department } from './department.entity';

export const toDepartmentView = (department: Department): DepartmentView => ({
  id: department.id,
  name: department.name,
  active: department.active,
  createdAt: department.createdAt.toISOString(),
  updatedAt: department.updatedAt.toISOString(),
});
