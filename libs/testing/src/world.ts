import { DepartmentView } from '@helpdesk/contracts';

import { CLIENT_PASSWORD, createClient, createDepartment, createStaff, STAFF_PASSWORD } from './factories';
import { ApiClient } from './http-client';

/** Two departments, staff of each, two clients: the cast of the access matrix. */
export interface World {
  admin: ApiClient;
  departmentA: DepartmentView;
  departmentB: DepartmentView;
  staffA: ApiClient;
  staffAId: number;
  staffB: ApiClient;
  staffBId: number;
  owner: ApiClient;
  ownerId: number;
  otherClient: ApiClient;
  otherClientId: number;
}

export async function createWorld(
  api: ApiClient,
  admin: ApiClient,
  tag = Math.random().toString(36).slice(2, 8),
): Promise<World> {
  const departmentA = await createDepartment(admin, { name: `Billing ${tag}` });
  const departmentB = await createDepartment(admin, { name: `Sales ${tag}` });
  const staffA = await createStaff(admin, {
    email: `a-${tag}@staff.test`,
    name: `Alice ${tag}`,
    departmentIds: [departmentA.id],
  });
  const staffB = await createStaff(admin, {
    email: `b-${tag}@staff.test`,
    name: `Bob ${tag}`,
    departmentIds: [departmentB.id],
  });
  const owner = await createClient(admin, { email: `owner-${tag}@client.test`, name: `Olivia Owner ${tag}` });
  const other = await createClient(admin, { email: `other-${tag}@client.test`, name: `Oscar Other ${tag}` });
  return {
    admin,
    departmentA,
    departmentB,
    staffA: await api.login(staffA.email, STAFF_PASSWORD),
    staffAId: staffA.id,
    staffB: await api.login(staffB.email, STAFF_PASSWORD),
    staffBId: staffB.id,
    owner: await api.login(owner.email, CLIENT_PASSWORD),
    ownerId: owner.id,
    otherClient: await api.login(other.email, CLIENT_PASSWORD),
    otherClientId: other.id,
  };
}
