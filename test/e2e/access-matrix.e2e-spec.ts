import { createHmac } from 'node:crypto';

import { ErrorCode } from '@helpdesk/contracts';
import {
  ApiClient,
  bodyOf,
  CLIENT_PASSWORD,
  createClient,
  createWorld,
  HttpResponse,
  STAFF_PASSWORD,
  TestSystem,
  uniqueName,
  World,
} from '@helpdesk/testing';

/** `ccClient`: a registered client on the owner's ticket as a CC (issue 19). */
type Who = 'admin' | 'staffA' | 'staffB' | 'owner' | 'otherClient' | 'ccClient';
type Call = (client: ApiClient) => Promise<HttpResponse>;
type TicketCall = (client: ApiClient, ticketId: number) => Promise<HttpResponse>;

const MISSING_TICKET_ID = 987_654_321;

/** Every endpoint that addresses one ticket. */
const ticketEndpoints: Record<string, TicketCall> = {
  'GET /api/tickets/:id': (client, id) => client.get(`/api/tickets/${id}`),
  'POST /api/tickets/:id/replies': (client, id) =>
    client.post(`/api/tickets/${id}/replies`, { message: 'A reply from the access matrix' }),
  'POST /api/tickets/:id/notes': (client, id) =>
    client.post(`/api/tickets/${id}/notes`, { message: 'A note from the access matrix' }),
  'PATCH /api/tickets/:id': (client, id) => client.patch(`/api/tickets/${id}`, { priority: 'high' }),
  'GET /api/tickets/:id/history': (client, id) => client.get(`/api/tickets/${id}/history`),
  'POST /api/tickets/:id/verify-requester': (client, id) => client.post(`/api/tickets/${id}/verify-requester`, {}),
  'GET /api/canned-responses?ticketId=': (client, id) => client.get(`/api/canned-responses?ticketId=${id}`),
  'GET /api/tickets/:id/participants': (client, id) => client.get(`/api/tickets/${id}/participants`),
  'POST /api/tickets/:id/ccs': (client, id) =>
    client.post(`/api/tickets/${id}/ccs`, { email: `${uniqueName('cc').toLowerCase()}@colleague.test` }),
  'PUT /api/tickets/:id/followers/me': (client, id) => client.put(`/api/tickets/${id}/followers/me`),
};

/** A ticket of department A opened by `owner`: who gets what. */
const allowedOnTicket: [string, Who, number][] = [
  ['GET /api/tickets/:id', 'admin', 200],
  ['GET /api/tickets/:id', 'staffA', 200],
  ['GET /api/tickets/:id', 'owner', 200],
  ['POST /api/tickets/:id/replies', 'admin', 201],
  ['POST /api/tickets/:id/replies', 'staffA', 201],
  ['POST /api/tickets/:id/replies', 'owner', 201],
  ['POST /api/tickets/:id/notes', 'admin', 201],
  ['POST /api/tickets/:id/notes', 'staffA', 201],
  ['PATCH /api/tickets/:id', 'admin', 200],
  ['PATCH /api/tickets/:id', 'staffA', 200],
  ['GET /api/tickets/:id/history', 'admin', 200],
  ['GET /api/tickets/:id/history', 'staffA', 200],
  ['GET /api/tickets/:id/history', 'owner', 200],
  ['POST /api/tickets/:id/verify-requester', 'admin', 200],
  ['POST /api/tickets/:id/verify-requester', 'staffA', 200],
  ['GET /api/canned-responses?ticketId=', 'admin', 200],
  ['GET /api/canned-responses?ticketId=', 'staffA', 200],
  ['GET /api/tickets/:id', 'ccClient', 200],
  ['POST /api/tickets/:id/replies', 'ccClient', 201],
  ['GET /api/tickets/:id/history', 'ccClient', 200],
  ['GET /api/tickets/:id/participants', 'admin', 200],
  ['GET /api/tickets/:id/participants', 'staffA', 200],
  ['GET /api/tickets/:id/participants', 'owner', 200],
  ['GET /api/tickets/:id/participants', 'ccClient', 200],
  ['POST /api/tickets/:id/ccs', 'admin', 201],
  ['POST /api/tickets/:id/ccs', 'staffA', 201],
  ['PUT /api/tickets/:id/followers/me', 'admin', 200],
  ['PUT /api/tickets/:id/followers/me', 'staffA', 200],
];

/** The owner may see the ticket but not do staff work on it; canned responses are staff-only for any client. */
const deniedOnTicket: [string, Who][] = [
  ['POST /api/tickets/:id/notes', 'owner'],
  ['PATCH /api/tickets/:id', 'owner'],
  ['POST /api/tickets/:id/verify-requester', 'owner'],
  ['GET /api/canned-responses?ticketId=', 'owner'],
  ['GET /api/canned-responses?ticketId=', 'otherClient'],
  ['POST /api/tickets/:id/notes', 'ccClient'],
  ['PATCH /api/tickets/:id', 'ccClient'],
  ['GET /api/canned-responses?ticketId=', 'ccClient'],
  // Department A does not let clients add CCs (clientsMayAddCc); only staff follow.
  ['POST /api/tickets/:id/ccs', 'owner'],
  ['POST /api/tickets/:id/ccs', 'ccClient'],
  ['PUT /api/tickets/:id/followers/me', 'owner'],
  ['PUT /api/tickets/:id/followers/me', 'ccClient'],
];

/** Outside the principal's scope: must be indistinguishable from a ticket that does not exist. */
const hiddenTicket: [string, Who][] = [
  ['GET /api/tickets/:id', 'staffB'],
  ['GET /api/tickets/:id', 'otherClient'],
  ['POST /api/tickets/:id/replies', 'staffB'],
  ['POST /api/tickets/:id/replies', 'otherClient'],
  ['POST /api/tickets/:id/notes', 'staffB'],
  ['POST /api/tickets/:id/notes', 'otherClient'],
  ['PATCH /api/tickets/:id', 'staffB'],
  ['PATCH /api/tickets/:id', 'otherClient'],
  ['GET /api/tickets/:id/history', 'staffB'],
  ['GET /api/tickets/:id/history', 'otherClient'],
  ['POST /api/tickets/:id/verify-requester', 'staffB'],
  ['POST /api/tickets/:id/verify-requester', 'otherClient'],
  ['GET /api/canned-responses?ticketId=', 'staffB'],
  ['GET /api/tickets/:id/participants', 'staffB'],
  ['GET /api/tickets/:id/participants', 'otherClient'],
  ['POST /api/tickets/:id/ccs', 'staffB'],
  ['POST /api/tickets/:id/ccs', 'otherClient'],
  ['PUT /api/tickets/:id/followers/me', 'staffB'],
];

/** Replaces the ticket id (wherever it appears) and drops the per-request correlation id. */
function masked(value: unknown, id: number): unknown {
  if (value === id) {
    return '<id>';
  }
  if (typeof value === 'string') {
    return value.replace(new RegExp(`\\b${id}\\b`, 'g'), '<id>');
  }
  if (Array.isArray(value)) {
    return value.map((item) => masked(item, id));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'correlationId')
        .map(([key, item]) => [key, masked(item, id)]),
    );
  }
  return value;
}

/** A token that looks right but was signed with another secret. */
function forgedToken(subject: number): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: String(subject), kind: 'staff', iat: 1 })}`;
  return `${unsigned}.${createHmac('sha256', 'not-the-gateway-secret').update(unsigned).digest('base64url')}`;
}

describe('access matrix', () => {
  let system: TestSystem;
  let world: World;
  let ticketA: number;
  let ticketB: number;
  let ccClient: ApiClient;

  const as = (who: Who): ApiClient => (who === 'ccClient' ? ccClient : world[who]);

  beforeAll(async () => {
    system = await TestSystem.start('access-matrix');
    world = await createWorld(system.api(), await system.admin());
    const opened = await bodyOf(
      world.owner.post('/api/tickets', {
        departmentId: world.departmentA.id,
        subject: 'Owner ticket in A',
        message: 'Please help with my invoice',
      }),
      201,
    );
    ticketA = opened.id;
    const other = await bodyOf(
      world.otherClient.post('/api/tickets', {
        departmentId: world.departmentB.id,
        subject: 'Other ticket in B',
        message: 'A question for sales',
      }),
      201,
    );
    ticketB = other.id;
    const cc = await createClient(world.admin, { name: 'Cecil Cc' });
    await bodyOf(world.staffA.post(`/api/tickets/${ticketA}/ccs`, { email: cc.email }), 201);
    ccClient = await system.api().login(cc.email, CLIENT_PASSWORD);
  }, 120_000);

  afterAll(() => system?.stop());

  describe('ticket endpoints', () => {
    it.each(allowedOnTicket)('%s as %s answers %i', async (endpoint, who, status) => {
      const response = await ticketEndpoints[endpoint](as(who), ticketA);
      expect({ status: response.status, body: response.body }).toMatchObject({ status });
    });

    it.each(deniedOnTicket)('%s as %s is refused with 403 ACCESS_DENIED', async (endpoint, who) => {
      const response = await ticketEndpoints[endpoint](as(who), ticketA);
      expect({ status: response.status, body: response.body }).toMatchObject({
        status: 403,
        body: { statusCode: 403, code: ErrorCode.AccessDenied },
      });
    });

    it.each(hiddenTicket)('%s as %s answers 404 exactly as for a ticket that does not exist', async (endpoint, who) => {
      const call = ticketEndpoints[endpoint];
      const hidden = await call(as(who), ticketA);
      const missing = await call(as(who), MISSING_TICKET_ID);
      expect({ status: missing.status, code: missing.body.code }).toEqual({
        status: 404,
        code: ErrorCode.TicketNotFound,
      });
      expect({ status: hidden.status, code: hidden.body.code }).toEqual({
        status: 404,
        code: ErrorCode.TicketNotFound,
      });
      expect(masked(hidden.body, ticketA)).toEqual(masked(missing.body, MISSING_TICKET_ID));
    });

    it('refused and hidden calls changed nothing on the ticket', async () => {
      const ticket = await bodyOf(world.admin.get(`/api/tickets/${ticketA}`));
      const authors = ticket.messages.map((message: { author: { kind: string; id: number } }) => message.author);
      expect(authors).not.toContainEqual(expect.objectContaining({ kind: 'staff', id: world.staffBId }));
      expect(authors).not.toContainEqual(expect.objectContaining({ kind: 'client', id: world.otherClientId }));
      expect(authors).toContainEqual(expect.objectContaining({ kind: 'staff', id: world.staffAId }));
      const history = await bodyOf(world.admin.get(`/api/tickets/${ticketA}/history`));
      const actors = history.map((entry: { actor: { kind: string; id: number } }) => entry.actor);
      expect(actors).not.toContainEqual(expect.objectContaining({ kind: 'staff', id: world.staffBId }));
      expect(actors).not.toContainEqual(expect.objectContaining({ kind: 'client', id: world.otherClientId }));
    });

    it.each<[Who, boolean]>([
      ['admin', true],
      ['staffA', true],
      ['staffB', false],
      ['owner', true],
      ['otherClient', false],
      ['ccClient', true],
    ])('GET /api/tickets as %s lists the ticket: %s', async (who, listed) => {
      const page = await bodyOf(as(who).get('/api/tickets?limit=100'));
      const ids = page.items.map((item: { id: number }) => item.id);
      expect(ids.includes(ticketA)).toBe(listed);
      expect(page.items.length).toBeGreaterThan(0);
    });

    it('a staff member filtering by a department they do not work in gets an empty list, not its tickets', async () => {
      const page = await bodyOf(world.staffB.get(`/api/tickets?departmentId=${world.departmentA.id}`));
      expect(page).toEqual({ items: [], nextCursor: null });
    });

    it('a client filtering by another client gets only their own tickets', async () => {
      const page = await bodyOf(world.otherClient.get(`/api/tickets?clientId=${world.ownerId}`));
      expect(page.items.map((item: { id: number }) => item.id)).not.toContain(ticketA);
    });
  });

  describe('internal notes', () => {
    it('are never shown to the client: not in the ticket, not in its history, not in search', async () => {
      const secret = `zebranote${Date.now()}`;
      const note = await bodyOf(
        world.staffA.post(`/api/tickets/${ticketA}/notes`, { message: `Client seems to be ${secret}` }),
        201,
      );
      expect(note).toMatchObject({ internal: true, body: `Client seems to be ${secret}` });

      const staffView = await bodyOf(world.staffA.get(`/api/tickets/${ticketA}`));
      expect(staffView.messages).toContainEqual(expect.objectContaining({ id: note.id, internal: true }));
      const staffHistory = await bodyOf(world.staffA.get(`/api/tickets/${ticketA}/history`));
      expect(staffHistory).toContainEqual(
        expect.objectContaining({ action: 'note_added', details: { messageId: note.id } }),
      );

      const clientView = await bodyOf(world.owner.get(`/api/tickets/${ticketA}`));
      expect(clientView.messages.length).toBeGreaterThan(0);
      expect(clientView.messages.filter((message: { internal: boolean }) => message.internal)).toEqual([]);
      expect(JSON.stringify(clientView)).not.toContain(secret);

      const clientHistory = await bodyOf(world.owner.get(`/api/tickets/${ticketA}/history`));
      expect(clientHistory.length).toBeGreaterThan(0);
      expect(clientHistory.map((entry: { action: string }) => entry.action)).not.toContain('note_added');
      expect(clientHistory).not.toContainEqual(expect.objectContaining({ details: { messageId: note.id } }));

      const search = await bodyOf(world.owner.get(`/api/tickets?q=${secret}`));
      expect(search.items).toEqual([]);
    });

    it('a client reply answers with the client message only', async () => {
      const reply = await bodyOf(world.owner.post(`/api/tickets/${ticketA}/replies`, { message: 'Any news?' }), 201);
      expect(reply).toMatchObject({
        internal: false,
        body: 'Any news?',
        author: { kind: 'client', id: world.ownerId },
      });
      expect(reply).not.toHaveProperty('messages');
    });
  });

  describe('admin-only endpoints', () => {
    /** Names carry who asked, so a refused write that happened anyway would show. */
    const adminOnly: Record<string, (client: ApiClient, who: Who) => Promise<HttpResponse>> = {
      'POST /api/departments': (client, who) => client.post('/api/departments', { name: uniqueName(`Dept by ${who}`) }),
      'PATCH /api/departments/:id': (client, who) =>
        client.patch(`/api/departments/${world.departmentA.id}`, { name: `${world.departmentA.name} by ${who}` }),
      'GET /api/staff': (client) => client.get('/api/staff'),
      'POST /api/staff': (client, who) =>
        client.post('/api/staff', {
          email: `${uniqueName('new')}@staff.test`,
          name: `Hired by ${who}`,
          password: STAFF_PASSWORD,
          role: 'staff',
          departmentIds: [],
        }),
      'PATCH /api/staff/:id': (client, who) =>
        client.patch(`/api/staff/${world.staffBId}`, { name: `Renamed by ${who}` }),
      'GET /api/clients': (client) => client.get('/api/clients'),
      'POST /api/clients': (client, who) =>
        client.post('/api/clients', { email: `${uniqueName('new')}@client.test`, name: `Client by ${who}` }),
    };

    it.each<[string, number]>([
      ['POST /api/departments', 201],
      ['PATCH /api/departments/:id', 200],
      ['GET /api/staff', 200],
      ['POST /api/staff', 201],
      ['PATCH /api/staff/:id', 200],
      ['GET /api/clients', 200],
      ['POST /api/clients', 201],
    ])('%s as admin answers %i', async (endpoint, status) => {
      const response = await adminOnly[endpoint](world.admin, 'admin');
      expect({ status: response.status, body: response.body }).toMatchObject({ status });
    });

    it.each<[string, Who]>([
      ...[
        'POST /api/departments',
        'PATCH /api/departments/:id',
        'GET /api/staff',
        'POST /api/staff',
        'PATCH /api/staff/:id',
      ].flatMap((endpoint) =>
        (['staffA', 'staffB', 'owner', 'otherClient'] as Who[]).map((who): [string, Who] => [endpoint, who]),
      ),
      ['GET /api/clients', 'owner'],
      ['GET /api/clients', 'otherClient'],
      ['POST /api/clients', 'owner'],
      ['POST /api/clients', 'otherClient'],
    ])('%s as %s is refused with 403 ACCESS_DENIED', async (endpoint, who) => {
      const response = await adminOnly[endpoint](as(who), who);
      expect({ status: response.status, body: response.body }).toMatchObject({
        status: 403,
        body: { statusCode: 403, code: ErrorCode.AccessDenied },
      });
    });

    // The issue: "Clients: GET/POST /api/clients (staff/admin)" — staff open tickets for clients.
    it.each<[string, Who, number]>([
      ['GET /api/clients', 'staffA', 200],
      ['GET /api/clients', 'staffB', 200],
      ['POST /api/clients', 'staffA', 201],
      ['POST /api/clients', 'staffB', 201],
    ])('%s as %s answers %i', async (endpoint, who, status) => {
      const response = await adminOnly[endpoint](as(who), who);
      expect({ status: response.status }).toEqual({ status });
    });

    it('refused writes changed nothing, while the admin’s went through', async () => {
      const names = (items: { name: string }[]) => items.map((item) => item.name).join('\n');
      const departments = names(await bodyOf(world.admin.get('/api/departments')));
      const staff = names(await bodyOf(world.admin.get('/api/staff')));
      const clients = names((await bodyOf(world.admin.get('/api/clients?limit=100'))).items);
      expect(departments).toContain('Dept by admin');
      expect(departments).toContain(`${world.departmentA.name} by admin`);
      expect(staff).toContain('Hired by admin');
      expect(staff).toContain('Renamed by admin');
      expect(clients).toContain('Client by admin');
      for (const who of ['staffA', 'staffB', 'owner', 'otherClient']) {
        expect(departments).not.toContain(`by ${who}`);
        expect(staff).not.toContain(`by ${who}`);
      }
      expect(clients).toContain('Client by staffA');
      expect(clients).not.toContain('Client by owner');
      expect(clients).not.toContain('Client by otherClient');
    });
  });

  describe('without a valid token', () => {
    const everyEndpoint = (): [string, Call][] => [
      ['GET /api/me', (client) => client.get('/api/me')],
      ['GET /api/tickets', (client) => client.get('/api/tickets')],
      [
        'POST /api/tickets',
        (client) => client.post('/api/tickets', { departmentId: world.departmentA.id, subject: 'x', message: 'y' }),
      ],
      ...Object.entries(ticketEndpoints).map(([name, call]): [string, Call] => [
        name,
        (client) => call(client, ticketA),
      ]),
      ['GET /api/departments', (client) => client.get('/api/departments')],
      ['POST /api/departments', (client) => client.post('/api/departments', { name: uniqueName('Department') })],
      [
        'PATCH /api/departments/:id',
        (client) => client.patch(`/api/departments/${world.departmentA.id}`, { active: false }),
      ],
      ['GET /api/staff', (client) => client.get('/api/staff')],
      ['GET /api/staff/:id', (client) => client.get(`/api/staff/${world.staffAId}`)],
      ['PATCH /api/staff/:id', (client) => client.patch(`/api/staff/${world.staffAId}`, { active: false })],
      ['GET /api/clients', (client) => client.get('/api/clients')],
      ['GET /api/clients/:id', (client) => client.get(`/api/clients/${world.ownerId}`)],
      ['GET /api/canned-responses', (client) => client.get('/api/canned-responses')],
      ['POST /api/canned-responses', (client) => client.post('/api/canned-responses', { title: 't', body: 'b' })],
    ];

    it('every endpoint answers 401 UNAUTHENTICATED without a token, with a garbage token and with a forged one', async () => {
      const anonymous = system.api();
      const garbage = anonymous.withToken('not-a-jwt');
      const forged = anonymous.withToken(forgedToken(1));
      for (const [name, call] of everyEndpoint()) {
        for (const [label, client] of [
          ['no token', anonymous],
          ['garbage token', garbage],
          ['forged token', forged],
        ] as const) {
          const response = await call(client);
          expect({ name, label, status: response.status, code: response.body?.code }).toEqual({
            name,
            label,
            status: 401,
            code: ErrorCode.Unauthenticated,
          });
        }
      }
      const ticket = await bodyOf(world.admin.get(`/api/tickets/${ticketA}`));
      expect(ticket.messages.map((message: { body: string }) => message.body)).not.toContain('y');
      const department = (await bodyOf(world.admin.get('/api/departments'))).find(
        (item: { id: number }) => item.id === world.departmentA.id,
      );
      expect(department.active).toBe(true);
    });

    it('self-registration is off by default: 403 REGISTRATION_DISABLED and no account is made', async () => {
      const email = `${uniqueName('self')}@client.test`;
      const response = await system
        .api()
        .post('/api/auth/register', { email, name: 'Sam Self', password: 'self-password-1' });
      expect({ status: response.status, body: response.body }).toMatchObject({
        status: 403,
        body: { code: ErrorCode.RegistrationDisabled },
      });
      const login = await system.api().post('/api/auth/login', { email, password: 'self-password-1' });
      expect(login.status).toBe(401);
      const clients = await bodyOf(world.admin.get(`/api/clients?q=${encodeURIComponent(email)}`));
      expect(clients.items).toEqual([]);
    });
  });

  describe('changes to a staff account apply on the next request', () => {
    it('new departments apply at once, with the token issued before the change', async () => {
      const email = `${uniqueName('dana')}@staff.test`;
      const member = await bodyOf(
        world.admin.post('/api/staff', {
          email,
          name: 'Dana Mover',
          password: STAFF_PASSWORD,
          role: 'staff',
          departmentIds: [world.departmentA.id],
        }),
        201,
      );
      const dana = await system.api().login(email, STAFF_PASSWORD);
      await expect(dana.get(`/api/tickets/${ticketA}`)).resolves.toMatchObject({ status: 200 });
      await expect(dana.get(`/api/tickets/${ticketB}`)).resolves.toMatchObject({ status: 404 });

      await bodyOf(world.admin.patch(`/api/staff/${member.id}`, { departmentIds: [world.departmentB.id] }));

      await expect(dana.get(`/api/tickets/${ticketA}`)).resolves.toMatchObject({
        status: 404,
        body: { code: ErrorCode.TicketNotFound },
      });
      await expect(dana.get(`/api/tickets/${ticketB}`)).resolves.toMatchObject({ status: 200, body: { id: ticketB } });
      const list = await bodyOf(dana.get('/api/tickets?limit=100'));
      const ids = list.items.map((item: { id: number }) => item.id);
      expect(ids).toContain(ticketB);
      expect(ids).not.toContain(ticketA);
      await expect(dana.get('/api/me')).resolves.toMatchObject({
        status: 200,
        body: { departmentIds: [world.departmentB.id] },
      });
    });

    it('a promotion to admin and a demotion back end the session; the next sign-in has the new role', async () => {
      const email = `${uniqueName('erin')}@staff.test`;
      const member = await bodyOf(
        world.admin.post('/api/staff', {
          email,
          name: 'Erin Riser',
          password: STAFF_PASSWORD,
          role: 'staff',
          departmentIds: [],
        }),
        201,
      );
      const asStaff = await system.api().login(email, STAFF_PASSWORD);
      await expect(asStaff.get('/api/staff')).resolves.toMatchObject({ status: 403 });
      await bodyOf(world.admin.patch(`/api/staff/${member.id}`, { role: 'admin' }));
      await expect(asStaff.get('/api/staff')).resolves.toMatchObject({ status: 401 });
      const asAdmin = await system.api().login(email, STAFF_PASSWORD);
      await expect(asAdmin.get('/api/staff')).resolves.toMatchObject({ status: 200 });
      await expect(asAdmin.get(`/api/tickets/${ticketB}`)).resolves.toMatchObject({ status: 200 });
      await bodyOf(world.admin.patch(`/api/staff/${member.id}`, { role: 'staff' }));
      await expect(asAdmin.get('/api/staff')).resolves.toMatchObject({ status: 401 });
      const demoted = await system.api().login(email, STAFF_PASSWORD);
      await expect(demoted.get('/api/staff')).resolves.toMatchObject({ status: 403 });
      await expect(demoted.get(`/api/tickets/${ticketB}`)).resolves.toMatchObject({ status: 404 });
    });

    it('a deactivated staff member’s existing token gets 401, and they cannot sign in again', async () => {
      const email = `${uniqueName('gone')}@staff.test`;
      const member = await bodyOf(
        world.admin.post('/api/staff', {
          email,
          name: 'Gale Gone',
          password: STAFF_PASSWORD,
          role: 'staff',
          departmentIds: [world.departmentA.id],
        }),
        201,
      );
      const gale = await system.api().login(email, STAFF_PASSWORD);
      await expect(gale.get(`/api/tickets/${ticketA}`)).resolves.toMatchObject({ status: 200 });

      await bodyOf(world.admin.patch(`/api/staff/${member.id}`, { active: false }));

      await expect(gale.get(`/api/tickets/${ticketA}`)).resolves.toMatchObject({
        status: 401,
        body: { statusCode: 401, code: ErrorCode.Unauthenticated },
      });
      await expect(gale.get('/api/me')).resolves.toMatchObject({ status: 401 });
      await expect(gale.post(`/api/tickets/${ticketA}/replies`, { message: 'still here?' })).resolves.toMatchObject({
        status: 401,
      });
      await expect(system.api().post('/api/auth/login', { email, password: STAFF_PASSWORD })).resolves.toMatchObject({
        status: 401,
        body: { code: ErrorCode.InvalidCredentials },
      });
    });
  });
});
