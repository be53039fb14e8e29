import { ErrorCode, StaffRole, SUBJECT_MAX_LENGTH, TicketPriority } from '@helpdesk/contracts';
import {
  ApiClient,
  bodyOf,
  CLIENT_PASSWORD,
  createClient,
  createDepartment,
  createStaff,
  createWorld,
  expectEventually,
  STAFF_PASSWORD,
  TEST_ADMIN,
  TestSystem,
  uniqueName,
  World,
} from '@helpdesk/testing';

const email = (prefix: string, domain = 'client.test') => `${uniqueName(prefix).toLowerCase()}@${domain}`;
const codeOf = (response: { status: number; body: { code?: string } }) => ({
  status: response.status,
  code: response.body?.code,
});

describe('directory: departments, staff, clients, sign-in, canned responses', () => {
  let system: TestSystem;
  let world: World;
  let adminId: number;

  const login = (address: string, password: string) =>
    system.api().post('/api/auth/login', { email: address, password });

  beforeAll(async () => {
    system = await TestSystem.start('directory', {
      serviceEnv: {
        access: { ENABLE_CLIENT_REGISTRATION: 'true' },
        // This file signs in more often than the per-address limit allows in a minute.
        gateway: { LOGIN_RATE_LIMIT_PER_MINUTE: '1000' },
      },
    });
    world = await createWorld(system.api(), await system.admin());
    adminId = (await bodyOf(world.admin.get('/api/me'))).id;
  }, 120_000);

  afterAll(() => system?.stop());

  describe('departments', () => {
    it('everyone may list them; clients see only the active ones', async () => {
      const closed = await createDepartment(world.admin, { name: uniqueName('Closed') });
      await bodyOf(world.admin.patch(`/api/departments/${closed.id}`, { active: false }));
      const byId = async (client: ApiClient) =>
        new Map<number, { active: boolean }>(
          (await bodyOf(client.get('/api/departments'))).map((d: { id: number }) => [d.id, d]),
        );

      for (const staff of [world.admin, world.staffA, world.staffB]) {
        const listed = await byId(staff);
        expect(listed.get(closed.id)).toMatchObject({ active: false });
        expect(listed.get(world.departmentA.id)).toMatchObject({ active: true });
      }
      for (const client of [world.owner, world.otherClient]) {
        const listed = await byId(client);
        expect(listed.has(closed.id)).toBe(false);
        expect(listed.get(world.departmentA.id)).toMatchObject({ active: true });
        expect(listed.get(world.departmentB.id)).toMatchObject({ active: true });
        expect([...listed.values()].every((department) => department.active)).toBe(true);
      }
    });

    it('an admin creates (201), renames and deactivates and reactivates one', async () => {
      const name = uniqueName('Returns');
      const created = await world.admin.post('/api/departments', { name: `  ${name}  ` });
      expect(created.status).toBe(201);
      expect(created.body).toEqual(
        expect.objectContaining({
          id: expect.any(Number),
          name,
          active: true,
          createdAt: expect.any(String),
          updatedAt: expect.any(String),
        }),
      );
      const id = created.body.id;
      await expect(
        world.admin.patch(`/api/departments/${id}`, { name: `${name} and Exchanges` }),
      ).resolves.toMatchObject({
        status: 200,
        body: { id, name: `${name} and Exchanges`, active: true },
      });
      await expect(world.admin.patch(`/api/departments/${id}`, { active: false })).resolves.toMatchObject({
        status: 200,
        body: { id, name: `${name} and Exchanges`, active: false },
      });
      await expect(world.admin.patch(`/api/departments/${id}`, { active: true })).resolves.toMatchObject({
        status: 200,
        body: { active: true },
      });
      const listed = (await bodyOf(world.owner.get('/api/departments'))).find((d: { id: number }) => d.id === id);
      expect(listed).toMatchObject({ name: `${name} and Exchanges`, active: true });
    });

    it('names are unique whatever their case: 409 NAME_TAKEN on create and on rename', async () => {
      const existing = await createDepartment(world.admin, { name: uniqueName('Unique') });
      const other = await createDepartment(world.admin, { name: uniqueName('Other') });
      for (const name of [existing.name, existing.name.toUpperCase(), ` ${existing.name.toLowerCase()} `]) {
        expect(codeOf(await world.admin.post('/api/departments', { name }))).toEqual({
          status: 409,
          code: ErrorCode.NameTaken,
        });
      }
      expect(codeOf(await world.admin.patch(`/api/departments/${other.id}`, { name: existing.name }))).toEqual({
        status: 409,
        code: ErrorCode.NameTaken,
      });
      await expect(
        world.admin.patch(`/api/departments/${existing.id}`, { name: existing.name }),
      ).resolves.toMatchObject({
        status: 200,
      });
      const names = (await bodyOf(world.admin.get('/api/departments'))).map((d: { name: string }) =>
        d.name.toLowerCase(),
      );
      expect(names.filter((name: string) => name === existing.name.toLowerCase())).toHaveLength(1);
    });

    it('a blank name, or one with a NUL character, is refused with 400, on create and on rename', async () => {
      const department = await createDepartment(world.admin, { name: uniqueName('Blank') });
      for (const name of ['   ', 'Nul\u0000Department']) {
        expect(codeOf(await world.admin.post('/api/departments', { name }))).toEqual({
          status: 400,
          code: ErrorCode.ValidationFailed,
        });
      }
      expect(codeOf(await world.admin.patch(`/api/departments/${department.id}`, { name: ' ' }))).toEqual({
        status: 400,
        code: ErrorCode.ValidationFailed,
      });
      const names = (await bodyOf(world.admin.get('/api/departments'))).map((d: { name: string }) => d.name.trim());
      expect(names).not.toContain('');
    });

    it('an unknown department answers 404 DEPARTMENT_NOT_FOUND', async () => {
      expect(codeOf(await world.admin.patch('/api/departments/987654', { active: false }))).toEqual({
        status: 404,
        code: ErrorCode.DepartmentNotFound,
      });
    });

    it('a deactivated department refuses new tickets with 422, keeps its open ones working, and takes tickets again once reactivated', async () => {
      const department = await createDepartment(world.admin, { name: uniqueName('Seasonal') });
      const open = () =>
        world.admin.post('/api/tickets', {
          departmentId: department.id,
          clientId: world.ownerId,
          subject: 'Seasonal question',
          message: 'Hello',
        });
      const before = await bodyOf(open(), 201);
      await bodyOf(world.admin.patch(`/api/departments/${department.id}`, { active: false }));

      const refused = await open();
      expect(codeOf(refused)).toEqual({ status: 422, code: ErrorCode.DepartmentInactive });
      expect(refused.body.message).toContain(department.name);
      await expect(
        world.owner.post(`/api/tickets/${before.id}/replies`, { message: 'Still there?' }),
      ).resolves.toMatchObject({
        status: 201,
      });
      const listed = await bodyOf(world.admin.get(`/api/tickets?departmentId=${department.id}`));
      expect(listed.items.map((ticket: { id: number }) => ticket.id)).toEqual([before.id]);

      await bodyOf(world.admin.patch(`/api/departments/${department.id}`, { active: true }));
      await expect(open()).resolves.toMatchObject({ status: 201 });
    });
  });

  describe('staff', () => {
    it('an admin creates a staff member with departments, who can then sign in and work there', async () => {
      const address = email('agent', 'staff.test');
      const response = await world.admin.post('/api/staff', {
        email: address,
        name: 'Agnes Agent',
        password: STAFF_PASSWORD,
        role: 'staff',
        departmentIds: [world.departmentB.id, world.departmentA.id],
      });
      expect(response.status).toBe(201);
      expect(response.body).toEqual(
        expect.objectContaining({
          id: expect.any(Number),
          email: address,
          name: 'Agnes Agent',
          role: 'staff',
          departmentIds: [world.departmentA.id, world.departmentB.id].sort((a, b) => a - b),
          active: true,
          createdAt: expect.any(String),
        }),
      );
      const agnes = await system.api().login(address, STAFF_PASSWORD);
      await expect(agnes.get('/api/me')).resolves.toMatchObject({
        status: 200,
        body: { kind: 'staff', role: 'staff', id: response.body.id },
      });
      await expect(world.staffA.get(`/api/staff/${response.body.id}`)).resolves.toMatchObject({
        status: 200,
        body: { name: 'Agnes Agent' },
      });
      const all = await bodyOf(world.admin.get('/api/staff'));
      expect(all).toContainEqual(expect.objectContaining({ id: response.body.id, email: address }));
      expect(JSON.stringify(all)).not.toContain(STAFF_PASSWORD);
    });

    it('an unknown department id is a 400, on create and on update, and nothing is saved', async () => {
      const address = email('nodept', 'staff.test');
      const refused = await world.admin.post('/api/staff', {
        email: address,
        name: 'No Department',
        password: STAFF_PASSWORD,
        role: 'staff',
        departmentIds: [world.departmentA.id, 987_654],
      });
      expect(codeOf(refused)).toEqual({ status: 400, code: ErrorCode.ValidationFailed });
      expect(refused.body.message).toContain('987654');
      const all = await bodyOf(world.admin.get('/api/staff'));
      expect(all.map((member: { email: string }) => member.email)).not.toContain(address);
      await expect(login(address, STAFF_PASSWORD)).resolves.toMatchObject({ status: 401 });

      expect(codeOf(await world.admin.patch(`/api/staff/${world.staffAId}`, { departmentIds: [987_654] }))).toEqual({
        status: 400,
        code: ErrorCode.ValidationFailed,
      });
      await expect(world.admin.get(`/api/staff/${world.staffAId}`)).resolves.toMatchObject({
        body: { departmentIds: [world.departmentA.id] },
      });
    });

    it('an email address is unique across staff and clients, whatever its case: 409 EMAIL_TAKEN', async () => {
      const staff = await createStaff(world.admin);
      const client = await createClient(world.admin);
      const newStaff = (address: string) =>
        world.admin.post('/api/staff', {
          email: address,
          name: 'Dup',
          password: STAFF_PASSWORD,
          role: 'staff',
          departmentIds: [],
        });
      const newClient = (address: string) => world.admin.post('/api/clients', { email: address, name: 'Dup' });

      for (const response of [
        await newStaff(staff.email),
        await newStaff(client.email),
        await newStaff(client.email.toUpperCase()),
        await newClient(staff.email),
        await newClient(client.email),
        await newClient(staff.email.toUpperCase()),
        await world.admin.patch(`/api/staff/${staff.id}`, { email: client.email }),
        await system.api().post('/api/auth/register', { email: staff.email, name: 'Dup', password: CLIENT_PASSWORD }),
      ]) {
        expect(codeOf(response)).toEqual({ status: 409, code: ErrorCode.EmailTaken });
      }
      await expect(world.admin.get(`/api/staff/${staff.id}`)).resolves.toMatchObject({ body: { email: staff.email } });
    });

    it('the last active admin can be neither deactivated nor demoted: 409 LAST_ADMIN', async () => {
      const second = await createStaff(world.admin, { role: StaffRole.Admin, name: 'Second Admin' });
      await expect(world.admin.patch(`/api/staff/${second.id}`, { role: 'staff' })).resolves.toMatchObject({
        status: 200,
        body: { role: 'staff' },
      });

      for (const change of [{ active: false }, { role: 'staff' }, { role: 'staff', active: false }]) {
        const response = await world.admin.patch(`/api/staff/${adminId}`, change);
        expect(codeOf(response)).toEqual({ status: 409, code: ErrorCode.LastAdmin });
      }
      await expect(world.admin.get('/api/staff')).resolves.toMatchObject({ status: 200 });
      await expect(world.admin.get(`/api/staff/${adminId}`)).resolves.toMatchObject({
        body: { role: 'admin', active: true },
      });
      await expect(system.api().login(TEST_ADMIN.email, TEST_ADMIN.password)).resolves.toBeInstanceOf(ApiClient);

      // With a second active admin, the first may step down.
      const third = await createStaff(world.admin, { role: StaffRole.Admin, name: 'Third Admin' });
      const thirdEmail = third.email;
      const thirdClient = await system.api().login(thirdEmail, STAFF_PASSWORD);
      await expect(thirdClient.patch(`/api/staff/${third.id}`, { active: false })).resolves.toMatchObject({
        status: 200,
        body: { active: false },
      });
      expect(codeOf(await world.admin.patch(`/api/staff/${adminId}`, { active: false }))).toEqual({
        status: 409,
        code: ErrorCode.LastAdmin,
      });
    });

    it('an unknown staff member answers 404 STAFF_NOT_FOUND', async () => {
      expect(codeOf(await world.admin.get('/api/staff/987654'))).toEqual({
        status: 404,
        code: ErrorCode.StaffNotFound,
      });
      expect(codeOf(await world.admin.patch('/api/staff/987654', { name: 'Nobody' }))).toEqual({
        status: 404,
        code: ErrorCode.StaffNotFound,
      });
    });

    it('a blank name is refused with 400', async () => {
      const refused = await world.admin.post('/api/staff', {
        email: email('blank', 'staff.test'),
        name: '   ',
        password: STAFF_PASSWORD,
        role: 'staff',
        departmentIds: [],
      });
      expect(codeOf(refused)).toEqual({ status: 400, code: ErrorCode.ValidationFailed });
      expect(codeOf(await world.admin.patch(`/api/staff/${world.staffBId}`, { name: ' ' }))).toEqual({
        status: 400,
        code: ErrorCode.ValidationFailed,
      });
    });
  });

  describe('clients', () => {
    it('are created with a password (they can sign in) or without (they cannot)', async () => {
      const withPassword = await world.admin.post('/api/clients', {
        email: email('portal'),
        name: 'Petra Portal',
        password: CLIENT_PASSWORD,
      });
      expect(withPassword.status).toBe(201);
      expect(withPassword.body).toEqual(
        expect.objectContaining({
          id: expect.any(Number),
          email: expect.stringContaining('@client.test'),
          name: 'Petra Portal',
          active: true,
          createdAt: expect.any(String),
        }),
      );
      await expect(login(withPassword.body.email, CLIENT_PASSWORD)).resolves.toMatchObject({
        status: 200,
        body: { user: { kind: 'client', id: withPassword.body.id } },
      });

      const withoutPassword = await bodyOf(
        world.admin.post('/api/clients', { email: email('mailonly'), name: 'Emil Mailonly' }),
        201,
      );
      for (const password of [CLIENT_PASSWORD, 'anything-at-all', ' ']) {
        expect(codeOf(await login(withoutPassword.email, password))).toEqual({
          status: 401,
          code: ErrorCode.InvalidCredentials,
        });
      }
      expect(
        codeOf(await world.admin.post('/api/clients', { email: email('short'), name: 'Short', password: 'short' })),
      ).toEqual({
        status: 400,
        code: ErrorCode.ValidationFailed,
      });
    });

    it('a blank name is refused with 400', async () => {
      expect(codeOf(await world.admin.post('/api/clients', { email: email('blank'), name: '  ' }))).toEqual({
        status: 400,
        code: ErrorCode.ValidationFailed,
      });
    });

    it('are listed newest first, searchable by part of the name or email, and paged with a cursor', async () => {
      const tag = uniqueName('Quill')
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '');
      const made: { id: number; email: string; name: string }[] = [];
      for (let i = 0; i < 5; i++) {
        made.push(await createClient(world.admin, { name: `Client ${tag} ${i}`, email: `${tag}${i}@client.test` }));
      }
      made.push(await createClient(world.admin, { name: 'Someone Else', email: `contact-${tag}@client.test` }));
      const newestFirst = made.map((client) => client.id).reverse();

      const byName = await bodyOf(world.admin.get(`/api/clients?q=${tag.toUpperCase()}&limit=100`));
      expect(byName.items.map((client: { id: number }) => client.id)).toEqual(newestFirst);
      expect(byName.nextCursor).toBeNull();

      const byEmail = await bodyOf(world.admin.get(`/api/clients?q=${encodeURIComponent(`contact-${tag}`)}`));
      expect(byEmail.items.map((client: { id: number }) => client.id)).toEqual([made[5].id]);

      const paged: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        const page = await bodyOf(world.admin.get(`/api/clients?q=${tag}&limit=2${query}`));
        expect(page.items.length).toBeLessThanOrEqual(2);
        paged.push(...page.items.map((client: { id: number }) => client.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(paged).toEqual(newestFirst);
      expect(pages).toBe(3);

      await expect(world.admin.get('/api/clients?q=%25')).resolves.toMatchObject({ status: 200, body: { items: [] } });
      await expect(world.admin.get('/api/clients?q=_')).resolves.toMatchObject({ status: 200, body: { items: [] } });
      expect(codeOf(await world.admin.get('/api/clients?cursor=not-a-cursor'))).toEqual({
        status: 400,
        code: ErrorCode.InvalidCursor,
      });
      expect(codeOf(await world.admin.get('/api/clients?limit=101'))).toEqual({
        status: 400,
        code: ErrorCode.ValidationFailed,
      });
    });

    it('a client may read their own record only; staff may read any', async () => {
      await expect(world.owner.get(`/api/clients/${world.ownerId}`)).resolves.toMatchObject({
        status: 200,
        body: { id: world.ownerId },
      });
      const other = await world.owner.get(`/api/clients/${world.otherClientId}`);
      const missing = await world.owner.get('/api/clients/987654');
      expect(codeOf(other)).toEqual({ status: 404, code: ErrorCode.ClientNotFound });
      expect(codeOf(missing)).toEqual({ status: 404, code: ErrorCode.ClientNotFound });
      await expect(world.staffB.get(`/api/clients/${world.ownerId}`)).resolves.toMatchObject({ status: 200 });
    });
  });

  describe('sign-in', () => {
    it('answers 200 with a token and who signed in; the address is case-insensitive', async () => {
      const me = await bodyOf(world.owner.get('/api/me'));
      const response = await login(me.email.toUpperCase(), CLIENT_PASSWORD);
      expect(response.status).toBe(200);
      expect(response.body).toEqual(
        expect.objectContaining({
          accessToken: expect.any(String),
          user: expect.objectContaining({ id: world.ownerId, kind: 'client', name: me.name, email: me.email }),
        }),
      );
    });

    it('a wrong password and an unknown address get the same 401 INVALID_CREDENTIALS', async () => {
      const me = await bodyOf(world.otherClient.get('/api/me'));
      const wrong = await login(me.email, 'wrong-password');
      const unknown = await login(email('nobody'), 'wrong-password');
      expect(codeOf(wrong)).toEqual({ status: 401, code: ErrorCode.InvalidCredentials });
      const { correlationId: _, ...wrongBody } = wrong.body;
      const { correlationId: __, ...unknownBody } = unknown.body;
      expect(unknownBody).toEqual(wrongBody);
      expect(unknown.headers.get('retry-after')).toBeNull();
    });

    it('after 5 failures the account is locked: 429 TOO_MANY_ATTEMPTS with retry-after, even with the right password', async () => {
      const locked = await createClient(world.admin, { name: 'Locke Out' });
      const bystander = await createClient(world.admin, { name: 'Bea Stander' });
      for (let attempt = 1; attempt <= 5; attempt++) {
        expect(codeOf(await login(locked.email, `wrong-${attempt}`))).toEqual({
          status: 401,
          code: ErrorCode.InvalidCredentials,
        });
      }
      for (const password of [CLIENT_PASSWORD, 'wrong-again']) {
        const response = await login(locked.email, password);
        expect(codeOf(response)).toEqual({ status: 429, code: ErrorCode.TooManyAttempts });
        const retryAfter = Number(response.headers.get('retry-after'));
        expect(Number.isInteger(retryAfter)).toBe(true);
        expect(retryAfter).toBeGreaterThan(0);
        expect(response.body.accessToken).toBeUndefined();
      }
      await expect(login(bystander.email, CLIENT_PASSWORD)).resolves.toMatchObject({ status: 200 });
    });

    it('a successful sign-in clears earlier failures', async () => {
      const client = await createClient(world.admin);
      for (let round = 0; round < 2; round++) {
        for (let attempt = 0; attempt < 4; attempt++) {
          await expect(login(client.email, 'wrong-password')).resolves.toMatchObject({ status: 401 });
        }
        await expect(login(client.email, CLIENT_PASSWORD)).resolves.toMatchObject({ status: 200 });
      }
    });
  });

  describe('self-registration (enabled in this file)', () => {
    it('creates a client who signs in only once the mailed link confirmed the address', async () => {
      const address = email('self');
      const response = await system
        .api()
        .post('/api/auth/register', { email: address, name: 'Sally Self', password: CLIENT_PASSWORD });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        user: { id: expect.any(Number), kind: 'client', name: 'Sally Self', email: address },
        verificationRequired: true,
      });
      expect(codeOf(await login(address, CLIENT_PASSWORD))).toEqual({ status: 403, code: ErrorCode.EmailNotVerified });
      expect(codeOf(await login(address, 'not-the-password'))).toEqual({
        status: 401,
        code: ErrorCode.InvalidCredentials,
      });

      expect(
        codeOf(
          await system.api().post('/api/auth/register', { email: address, name: 'Again', password: CLIENT_PASSWORD }),
        ),
      ).toEqual({
        status: 409,
        code: ErrorCode.EmailTaken,
      });
      expect(
        codeOf(
          await system.api().post('/api/auth/register', { email: email('weak'), name: 'Weak', password: 'short' }),
        ),
      ).toEqual({
        status: 400,
        code: ErrorCode.ValidationFailed,
      });
    });
  });

  describe('renames propagate to tickets', () => {
    it('a renamed department shows its new name on its tickets within a few seconds', async () => {
      const department = await createDepartment(world.admin, { name: uniqueName('Before') });
      const ticket = await bodyOf(
        world.owner.post('/api/tickets', { departmentId: department.id, subject: 'Rename me', message: 'Hello' }),
        201,
      );
      expect(ticket.department.name).toBe(department.name);
      const renamed = uniqueName('After');
      await bodyOf(world.admin.patch(`/api/departments/${department.id}`, { name: renamed }));

      await expectEventually(async () => {
        const list = await bodyOf(world.admin.get(`/api/tickets?departmentId=${department.id}`));
        expect(list.items.map((item: { department: { name: string } }) => item.department.name)).toEqual([renamed]);
      });
      await expect(world.owner.get(`/api/tickets/${ticket.id}`)).resolves.toMatchObject({
        body: { department: { id: department.id, name: renamed } },
      });
      const mine = await bodyOf(world.owner.get('/api/tickets?limit=100'));
      expect(mine.items.find((item: { id: number }) => item.id === ticket.id).department.name).toBe(renamed);
    });

    it('a renamed staff member shows their new name as assignee within a few seconds', async () => {
      const member = await createStaff(world.admin, { departmentIds: [world.departmentA.id], name: 'Ronald Before' });
      const ticket = await bodyOf(
        world.owner.post('/api/tickets', {
          departmentId: world.departmentA.id,
          subject: 'Assign me',
          message: 'Hello',
        }),
        201,
      );
      await bodyOf(world.admin.patch(`/api/tickets/${ticket.id}`, { assigneeId: member.id }));
      await bodyOf(world.admin.patch(`/api/staff/${member.id}`, { name: 'Ronald After' }));

      await expectEventually(async () => {
        const list = await bodyOf(world.admin.get(`/api/tickets?assigneeId=${member.id}`));
        expect(list.items).toEqual([
          expect.objectContaining({ id: ticket.id, assignee: { id: member.id, name: 'Ronald After' } }),
        ]);
      });
      await expect(world.staffA.get(`/api/tickets/${ticket.id}`)).resolves.toMatchObject({
        body: { assignee: { id: member.id, name: 'Ronald After' } },
      });
    });
  });

  describe('canned responses', () => {
    const create = (client: ApiClient, departmentId: number | null | undefined, title = uniqueName('Canned')) =>
      client.post('/api/canned-responses', {
        title,
        body: `Body of ${title}`,
        ...(departmentId === undefined ? {} : { departmentId }),
      });
    const titles = async (client: ApiClient, query = '') =>
      (await bodyOf(client.get(`/api/canned-responses${query}`))).map((response: { title: string }) => response.title);

    it('global ones are managed by admins only; staff manage their own departments’ ones', async () => {
      const global = await create(world.admin, undefined);
      expect(global.status).toBe(201);
      expect(global.body).toEqual(
        expect.objectContaining({
          id: expect.any(Number),
          title: expect.any(String),
          body: expect.any(String),
          departmentId: null,
          createdAt: expect.any(String),
          updatedAt: expect.any(String),
        }),
      );
      await expect(create(world.admin, null)).resolves.toMatchObject({ status: 201, body: { departmentId: null } });
      await expect(create(world.admin, world.departmentB.id)).resolves.toMatchObject({ status: 201 });
      await expect(create(world.staffA, world.departmentA.id)).resolves.toMatchObject({
        status: 201,
        body: { departmentId: world.departmentA.id },
      });

      for (const response of [
        await create(world.staffA, undefined),
        await create(world.staffA, null),
        await create(world.staffA, world.departmentB.id),
        await create(world.owner, world.departmentA.id),
      ]) {
        expect(codeOf(response)).toEqual({ status: 403, code: ErrorCode.AccessDenied });
      }
    });

    it('each sees the global ones and their departments’; clients none', async () => {
      const globalTitle = uniqueName('Global');
      const aTitle = uniqueName('OnlyA');
      const bTitle = uniqueName('OnlyB');
      await bodyOf(create(world.admin, null, globalTitle), 201);
      await bodyOf(create(world.staffA, world.departmentA.id, aTitle), 201);
      await bodyOf(create(world.staffB, world.departmentB.id, bTitle), 201);

      expect(await titles(world.admin)).toEqual(expect.arrayContaining([globalTitle, aTitle, bTitle]));
      const forA = await titles(world.staffA);
      expect(forA).toEqual(expect.arrayContaining([globalTitle, aTitle]));
      expect(forA).not.toContain(bTitle);
      const forB = await titles(world.staffB);
      expect(forB).toEqual(expect.arrayContaining([globalTitle, bTitle]));
      expect(forB).not.toContain(aTitle);
      expect(codeOf(await world.owner.get('/api/canned-responses'))).toEqual({
        status: 403,
        code: ErrorCode.AccessDenied,
      });
    });

    it('are updated and deleted by whoever may manage them, and hidden from the rest', async () => {
      const ofA = await bodyOf(create(world.staffA, world.departmentA.id), 201);
      const global = await bodyOf(create(world.admin, null), 201);

      const updated = await world.staffA.patch(`/api/canned-responses/${ofA.id}`, {
        title: 'Renamed by A',
        body: 'New body',
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({
        id: ofA.id,
        title: 'Renamed by A',
        body: 'New body',
        departmentId: world.departmentA.id,
      });
      expect(Date.parse(updated.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(ofA.updatedAt));

      expect(codeOf(await world.staffA.patch(`/api/canned-responses/${global.id}`, { title: 'Hijack' }))).toEqual({
        status: 403,
        code: ErrorCode.AccessDenied,
      });
      for (const departmentId of [world.departmentB.id, null]) {
        expect(codeOf(await world.staffA.patch(`/api/canned-responses/${ofA.id}`, { departmentId }))).toEqual({
          status: 403,
          code: ErrorCode.AccessDenied,
        });
      }
      expect(codeOf(await world.staffB.patch(`/api/canned-responses/${ofA.id}`, { title: 'Hijack' }))).toEqual({
        status: 404,
        code: ErrorCode.CannedResponseNotFound,
      });
      expect(codeOf(await world.staffB.delete(`/api/canned-responses/${ofA.id}`))).toEqual({
        status: 404,
        code: ErrorCode.CannedResponseNotFound,
      });
      expect(codeOf(await world.owner.delete(`/api/canned-responses/${ofA.id}`))).toEqual({
        status: 403,
        code: ErrorCode.AccessDenied,
      });
      await expect(
        world.admin.patch(`/api/canned-responses/${global.id}`, { body: 'Admin edit' }),
      ).resolves.toMatchObject({
        status: 200,
        body: { body: 'Admin edit' },
      });
      expect(await titles(world.staffA)).toContain('Renamed by A');

      await expect(world.staffA.delete(`/api/canned-responses/${ofA.id}`)).resolves.toMatchObject({
        status: 200,
        body: { deleted: true },
      });
      expect(codeOf(await world.staffA.delete(`/api/canned-responses/${ofA.id}`))).toEqual({
        status: 404,
        code: ErrorCode.CannedResponseNotFound,
      });
      expect(await titles(world.admin)).not.toContain('Renamed by A');
    });

    it('with ticketId, lists only the global ones and the ticket department’s, with placeholders filled in', async () => {
      const template =
        'Hi {{client.firstName}} ({{client.name}}), about #{{ticket.id}} "{{ticket.subject}}" in {{department.name}}. ' +
        '{{ staff.name }} {{client.email}}';
      const globalTitle = uniqueName('FillGlobal');
      const aTitle = uniqueName('FillA');
      const bTitle = uniqueName('FillB');
      await bodyOf(world.admin.post('/api/canned-responses', { title: globalTitle, body: template }), 201);
      await bodyOf(
        world.staffA.post('/api/canned-responses', {
          title: aTitle,
          body: template,
          departmentId: world.departmentA.id,
        }),
        201,
      );
      await bodyOf(
        world.staffB.post('/api/canned-responses', {
          title: bTitle,
          body: template,
          departmentId: world.departmentB.id,
        }),
        201,
      );
      const ticket = await bodyOf(
        world.owner.post('/api/tickets', {
          departmentId: world.departmentA.id,
          subject: 'Refund for order 17',
          message: 'Hi',
        }),
        201,
      );
      const owner = await bodyOf(world.owner.get('/api/me'));
      const staffA = await bodyOf(world.staffA.get('/api/me'));
      const filled = (staffName: string) =>
        `Hi ${owner.name.split(' ')[0]} (${owner.name}), about #${ticket.id} "Refund for order 17" in ${world.departmentA.name}. ` +
        `${staffName} {{client.email}}`;

      const forStaffA = await bodyOf(world.staffA.get(`/api/canned-responses?ticketId=${ticket.id}`));
      const listed = forStaffA.map((response: { title: string }) => response.title);
      expect(listed).toEqual(expect.arrayContaining([globalTitle, aTitle]));
      expect(listed).not.toContain(bTitle);
      for (const title of [globalTitle, aTitle]) {
        expect(forStaffA.find((response: { title: string }) => response.title === title).body).toBe(
          filled(staffA.name),
        );
      }

      const forAdmin = await bodyOf(world.admin.get(`/api/canned-responses?ticketId=${ticket.id}`));
      expect(forAdmin.map((response: { title: string }) => response.title)).not.toContain(bTitle);
      expect(forAdmin.find((response: { title: string }) => response.title === globalTitle).body).toBe(
        filled('Administrator'),
      );

      const stored = (await bodyOf(world.admin.get('/api/canned-responses'))).find(
        (response: { title: string }) => response.title === globalTitle,
      );
      expect(stored.body).toBe(template);
      expect(codeOf(await world.staffB.get(`/api/canned-responses?ticketId=${ticket.id}`))).toEqual({
        status: 404,
        code: ErrorCode.TicketNotFound,
      });
    });
  });

  describe('API documentation', () => {
    it('describes each payload field from the contracts, with its limits and whether it is required', async () => {
      const response = await system.api().get('/api/docs/openapi.json');
      expect(response.status).toBe(200);
      const schemas = response.body.components.schemas;
      expect(schemas.CreateTicketBody.properties.subject).toMatchObject({
        type: 'string',
        maxLength: SUBJECT_MAX_LENGTH,
      });
      expect(schemas.CreateTicketBody.properties.priority).toMatchObject({ enum: Object.values(TicketPriority) });
      expect(schemas.CreateTicketBody.required).toEqual(expect.arrayContaining(['departmentId', 'subject', 'message']));
      expect(schemas.CreateTicketBody.required).not.toContain('priority');
      expect(schemas.LoginBody.properties).toHaveProperty('email');
    });
  });
});
