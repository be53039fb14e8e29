import {
  ApiClient,
  bodyOf,
  expectEventually,
  freePort,
  STAFF_PASSWORD,
  TestSystem,
  uniqueName,
} from '@helpdesk/testing';

/** The brief's bound: a change ends the session for every request that starts a second later. */
const SESSION_END_BOUND_MS = 1_000;

describe('sessions end when the account changes, on every gateway replica', () => {
  let system: TestSystem;
  let admin: ApiClient;
  let replicas: ApiClient[];
  let departmentId: number;

  const createStaff = async () => {
    const email = `${uniqueName('session').toLowerCase()}@staff.test`;
    const member = await bodyOf<{ id: number }>(
      admin.post('/api/staff', {
        email,
        name: 'Session Staff',
        password: STAFF_PASSWORD,
        role: 'staff',
        departmentIds: [departmentId],
      }),
      201,
    );
    const token = (await replicas[0].login(email, STAFF_PASSWORD)).token as string;
    return { id: member.id, email, token };
  };

  const statusOnEveryReplica = async (token: string) =>
    Promise.all(replicas.map(async (replica) => (await replica.withToken(token).get('/api/me')).status));

  const afterTheBound = () => new Promise((resolve) => setTimeout(resolve, SESSION_END_BOUND_MS + 50));

  beforeAll(async () => {
    system = await TestSystem.start('sessions');
    const secondPort = await freePort();
    system.startService('gateway', 'gateway-2', { HTTP_PORT: String(secondPort) });
    const second = new ApiClient(`http://127.0.0.1:${secondPort}`);
    await expectEventually(async () => expect((await second.get('/health')).status).toBe(200), 60_000, 250);
    replicas = [system.api(), second];
    admin = await system.admin();
    departmentId = (await bodyOf<{ id: number }>(admin.post('/api/departments', { name: uniqueName('Sessions') }), 201))
      .id;
  }, 120_000);

  afterAll(() => system?.stop());

  it('a token works on every replica until something about the account changes', async () => {
    const { id, token } = await createStaff();
    expect(await statusOnEveryReplica(token)).toEqual([200, 200]);
    await bodyOf(admin.patch(`/api/staff/${id}`, { name: 'Renamed Staff', departmentIds: [] }));
    await afterTheBound();
    expect(await statusOnEveryReplica(token)).toEqual([200, 200]);
  });

  it('a password change ends existing tokens; the new password signs in', async () => {
    const { id, email, token } = await createStaff();
    await bodyOf(admin.patch(`/api/staff/${id}`, { password: 'a-new-password-1' }));
    await afterTheBound();
    expect(await statusOnEveryReplica(token)).toEqual([401, 401]);
    const renewed = await replicas[1].login(email, 'a-new-password-1');
    expect(await statusOnEveryReplica(renewed.token as string)).toEqual([200, 200]);
  });

  it('a role change ends existing tokens, so the old role is not kept by a token', async () => {
    const { id, token } = await createStaff();
    await bodyOf(admin.patch(`/api/staff/${id}`, { role: 'admin' }));
    await afterTheBound();
    expect(await statusOnEveryReplica(token)).toEqual([401, 401]);
  });

  it('deactivation ends existing tokens, and reactivation does not bring them back', async () => {
    const { id, email, token } = await createStaff();
    await bodyOf(admin.patch(`/api/staff/${id}`, { active: false }));
    await afterTheBound();
    expect(await statusOnEveryReplica(token)).toEqual([401, 401]);
    await bodyOf(admin.patch(`/api/staff/${id}`, { active: true }));
    expect(await statusOnEveryReplica(token)).toEqual([401, 401]);
    const renewed = await replicas[0].login(email, STAFF_PASSWORD);
    expect(await statusOnEveryReplica(renewed.token as string)).toEqual([200, 200]);
  });
});
