import { ApiClient } from './http-client';

export const STAFF_PASSWORD = 'staff-password-1';
export const CLIENT_PASSWORD = 'client-password-1';

/** Two departments, staff of each, two clients: the cast of the access matrix. */
export interface World {
  admin: ApiClient;
  departmentA: { id: number; name: string };
  departmentB: { id: number; name: string };
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
  const created = async (response: Promise<{ status: number; body: any }>) => {
    const { status, body } = await response;
    if (status !== 201 && status !== 200) {
      throw new Error(`setup failed: ${status} ${JSON.stringify(body)}`);
    }
    return body;
  };
  const departmentA = await created(admin.post('/api/departments', { name: `Billing ${tag}` }));
  const departmentB = await created(admin.post('/api/departments', { name: `Sales ${tag}` }));
  const staffA = await created(
    admin.post('/api/staff', {
      email: `a-${tag}@staff.test`,
      name: `Alice ${tag}`,
      password: STAFF_PASSWORD,
      role: 'staff',
      departmentIds: [departmentA.id],
    }),
  );
  const staffB = await created(
    admin.post('/api/staff', {
      email: `b-${tag}@staff.test`,
      name: `Bob ${tag}`,
      password: STAFF_PASSWORD,
      role: 'staff',
      departmentIds: [departmentB.id],
    }),
  );
  const owner = await created(
    admin.post('/api/clients', {
      email: `owner-${tag}@client.test`,
      name: `Olivia Owner ${tag}`,
      password: CLIENT_PASSWORD,
    }),
  );
  const other = await created(
    admin.post('/api/clients', {
      email: `other-${tag}@client.test`,
      name: `Oscar Other ${tag}`,
      password: CLIENT_PASSWORD,
    }),
  );
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
