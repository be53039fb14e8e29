import { ErrorCode, HistoryEntryView, MessageView, TicketView } from '@helpdesk/contracts';
import {
  ApiClient,
  bodyOf,
  createDepartment,
  createStaff,
  createWorld,
  listAllTickets,
  HttpResponse,
  STAFF_PASSWORD,
  TestSystem,
  uniqueName,
  World,
} from '@helpdesk/testing';

const ERROR_BODY_KEYS = ['code', 'correlationId', 'details', 'message', 'statusCode'];

/** The documented error shape: {statusCode, code, message, details?, correlationId} and nothing else. */
function expectErrorBody(response: HttpResponse, status: number, code: ErrorCode): void {
  expect({ status: response.status, code: response.body?.code }).toEqual({ status, code });
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = response.body as Record<string, unknown>;
  expect(Object.keys(body).every((key) => ERROR_BODY_KEYS.includes(key))).toBe(true);
  expect(body).toEqual(
    expect.objectContaining({
      statusCode: status,
      code,
      message: expect.any(String),
      correlationId: expect.any(String),
    }),
  );
  expect((body.message as string).length).toBeGreaterThan(0);
}

describe('ticket lifecycle', () => {
  let system: TestSystem;
  let world: World;
  let ownerName: string;
  let staffAName: string;
  let adminId: number;

  const open = (client: ApiClient = world.owner, overrides: Record<string, unknown> = {}) =>
    client.post('/api/tickets', {
      departmentId: world.departmentA.id,
      subject: 'My invoice is wrong',
      message: 'Invoice 2041 was charged twice.',
      ...overrides,
    });
  const openOk = async (client?: ApiClient, overrides?: Record<string, unknown>): Promise<TicketView> =>
    bodyOf(open(client, overrides), 201);
  const ticket = (id: number, client: ApiClient = world.admin): Promise<TicketView> =>
    bodyOf(client.get(`/api/tickets/${id}`), 200);
  const statusOf = async (id: number) => (await ticket(id)).status;
  const allTicketIds = async (): Promise<number[]> => (await listAllTickets(world.admin)).map((ticket) => ticket.id);

  beforeAll(async () => {
    system = await TestSystem.start('ticket-lifecycle');
    world = await createWorld(system.api(), await system.admin());
    ownerName = (await bodyOf(world.owner.get('/api/me'))).name;
    staffAName = (await bodyOf(world.staffA.get('/api/me'))).name;
    adminId = (await bodyOf(world.admin.get('/api/me'))).id;
  }, 120_000);

  afterAll(() => system?.stop());

  describe('opening', () => {
    it('a client opens a ticket: 201, status open, routed to the chosen department', async () => {
      const response = await open(world.owner, { subject: '  Printer on fire  ', priority: 'high' });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        id: expect.any(Number),
        subject: 'Printer on fire',
        status: 'open',
        priority: 'high',
        client: { id: world.ownerId, name: ownerName },
        department: { id: world.departmentA.id, name: world.departmentA.name },
        assignee: null,
        messages: [
          {
            author: { kind: 'client', id: world.ownerId, name: ownerName },
            body: 'Invoice 2041 was charged twice.',
            internal: false,
            via: 'web',
          },
        ],
      });
      const id = response.body.id;
      await expect(world.staffA.get(`/api/tickets/${id}`)).resolves.toMatchObject({ status: 200 });
      await expect(world.staffB.get(`/api/tickets/${id}`)).resolves.toMatchObject({ status: 404 });
      const queue = await bodyOf(world.staffA.get(`/api/tickets?departmentId=${world.departmentA.id}&status=open`));
      expect(queue.items.map((item: { id: number }) => item.id)).toContain(id);
    });

    it('priority defaults to medium', async () => {
      await expect(open()).resolves.toMatchObject({ status: 201, body: { priority: 'medium', status: 'open' } });
    });

    it('staff opening a ticket must name the client: 400 without clientId, 201 with it', async () => {
      const without = await open(world.staffA);
      expectErrorBody(without, 400, ErrorCode.ValidationFailed);
      expect(without.body.message).toContain('clientId');

      const withClient = await open(world.staffA, { clientId: world.ownerId });
      expect(withClient.status).toBe(201);
      expect(withClient.body).toMatchObject({
        status: 'open',
        client: { id: world.ownerId, name: ownerName },
        messages: [{ author: { kind: 'staff', id: world.staffAId, name: staffAName } }],
      });
      const mine = await bodyOf(world.owner.get('/api/tickets?limit=100'));
      expect(mine.items.map((item: { id: number }) => item.id)).toContain(withClient.body.id);
    });

    it('staff cannot open a ticket in a department they do not work in', async () => {
      const response = await open(world.staffA, { clientId: world.ownerId, departmentId: world.departmentB.id });
      expectErrorBody(response, 403, ErrorCode.AccessDenied);
    });

    it('a client cannot open a ticket for another client', async () => {
      const response = await open(world.owner, { clientId: world.otherClientId });
      expectErrorBody(response, 400, ErrorCode.ValidationFailed);
    });
  });

  describe('status', () => {
    it('follows replies: staff → answered, client → customer_reply, closed by staff, reopened by a client reply', async () => {
      const { id } = await openOk();
      expect(await statusOf(id)).toBe('open');

      await bodyOf(world.staffA.post(`/api/tickets/${id}/replies`, { message: 'We are looking into it.' }), 201);
      expect(await statusOf(id)).toBe('answered');

      await bodyOf(world.owner.post(`/api/tickets/${id}/replies`, { message: 'Thanks, any update?' }), 201);
      expect(await statusOf(id)).toBe('customer_reply');

      const closed = await bodyOf(world.staffA.patch(`/api/tickets/${id}`, { status: 'closed' }), 200);
      expect(closed.status).toBe('closed');
      expect(await statusOf(id)).toBe('closed');

      await bodyOf(world.owner.post(`/api/tickets/${id}/replies`, { message: 'It broke again.' }), 201);
      expect(await statusOf(id)).toBe('customer_reply');

      const view = await ticket(id);
      expect(view.messages.map((message) => [message.author.kind, message.body])).toEqual([
        ['client', 'Invoice 2041 was charged twice.'],
        ['staff', 'We are looking into it.'],
        ['client', 'Thanks, any update?'],
        ['client', 'It broke again.'],
      ]);
    });

    it.each(['open', 'customer_reply', 'in_progress', 'on_hold', 'closed'])(
      'staff may set %s by hand',
      async (status) => {
        const { id } = await openOk();
        await bodyOf(world.staffA.post(`/api/tickets/${id}/replies`, { message: 'Hello' }), 201);
        await expect(world.staffA.patch(`/api/tickets/${id}`, { status })).resolves.toMatchObject({
          status: 200,
          body: { id, status },
        });
        expect(await statusOf(id)).toBe(status);
      },
    );

    it('answered cannot be set by hand: 422 STATUS_NOT_SETTABLE with a message that says why and what to use', async () => {
      const { id } = await openOk();
      const response = await world.staffA.patch(`/api/tickets/${id}`, { status: 'answered' });
      expectErrorBody(response, 422, ErrorCode.StatusNotSettable);
      expect(response.body.message).toMatch(/answered/);
      expect(response.body.message).toMatch(/repl/i);
      expect(response.body.message).toMatch(/in_progress/);
      expect(await statusOf(id)).toBe('open');
    });

    it('an unknown status is a validation error', async () => {
      const { id } = await openOk();
      expectErrorBody(
        await world.staffA.patch(`/api/tickets/${id}`, { status: 'resolved' }),
        400,
        ErrorCode.ValidationFailed,
      );
    });
  });

  describe('internal notes', () => {
    it('change no status and are shown to staff as internal', async () => {
      const { id } = await openOk();
      await bodyOf(world.owner.post(`/api/tickets/${id}/replies`, { message: 'Hello?' }), 201);
      expect(await statusOf(id)).toBe('customer_reply');
      const note = await bodyOf(world.staffA.post(`/api/tickets/${id}/notes`, { message: 'Check the ledger' }), 201);
      expect(note).toMatchObject({ internal: true, author: { kind: 'staff', id: world.staffAId }, via: 'web' });
      expect(await statusOf(id)).toBe('customer_reply');
      const view = await ticket(id, world.staffA);
      expect(view.messages[view.messages.length - 1]).toMatchObject({
        id: note.id,
        internal: true,
        body: 'Check the ledger',
      });
      const history = await bodyOf(world.staffA.get(`/api/tickets/${id}/history`));
      expect(history.filter((entry: HistoryEntryView) => entry.action === 'status_changed')).toHaveLength(1);
    });

    it('are staff-only: the client gets 403 on their own ticket and nothing is added', async () => {
      const { id } = await openOk();
      expectErrorBody(
        await world.owner.post(`/api/tickets/${id}/notes`, { message: 'sneaky' }),
        403,
        ErrorCode.AccessDenied,
      );
      const view = await ticket(id);
      expect(view.messages).toHaveLength(1);
      expect(view.status).toBe('open');
    });
  });

  describe('assignee', () => {
    it('may be active staff of the department, or an admin; null unassigns', async () => {
      const { id } = await openOk();
      await expect(world.staffA.patch(`/api/tickets/${id}`, { assigneeId: world.staffAId })).resolves.toMatchObject({
        status: 200,
        body: { assignee: { id: world.staffAId, name: staffAName } },
      });
      await expect(world.staffA.patch(`/api/tickets/${id}`, { assigneeId: adminId })).resolves.toMatchObject({
        status: 200,
        body: { assignee: { id: adminId } },
      });
      await expect(world.staffA.patch(`/api/tickets/${id}`, { assigneeId: null })).resolves.toMatchObject({
        status: 200,
        body: { assignee: null },
      });
      expect((await ticket(id)).assignee).toBeNull();
    });

    it.each<[string, () => Promise<number>]>([
      ['staff of another department', async () => world.staffBId],
      [
        'a deactivated staff member of the department',
        async () => {
          const member = await createStaff(world.admin, {
            departmentIds: [world.departmentA.id],
            name: 'Retired Agent',
          });
          await bodyOf(world.admin.patch(`/api/staff/${member.id}`, { active: false }));
          return member.id;
        },
      ],
      ['a staff id that does not exist', async () => 987_654],
    ])('must not be %s: 422 ASSIGNEE_NOT_ELIGIBLE, nothing changes', async (_, assigneeOf) => {
      const { id } = await openOk();
      await bodyOf(world.staffA.patch(`/api/tickets/${id}`, { assigneeId: world.staffAId }));
      const assigneeId = await assigneeOf();
      const response = await world.staffA.patch(`/api/tickets/${id}`, { assigneeId });
      expectErrorBody(response, 422, ErrorCode.AssigneeNotEligible);
      expect((await ticket(id)).assignee).toEqual({ id: world.staffAId, name: staffAName });
    });
  });

  describe('department', () => {
    it('an admin may move a ticket; an assignee who cannot work in the new department is unassigned', async () => {
      const { id } = await openOk();
      await bodyOf(world.staffA.patch(`/api/tickets/${id}`, { assigneeId: world.staffAId }));
      const moved = await bodyOf(world.admin.patch(`/api/tickets/${id}`, { departmentId: world.departmentB.id }));
      expect(moved).toMatchObject({
        department: { id: world.departmentB.id, name: world.departmentB.name },
        assignee: null,
      });
      await expect(world.staffA.get(`/api/tickets/${id}`)).resolves.toMatchObject({ status: 404 });
      await expect(world.staffB.get(`/api/tickets/${id}`)).resolves.toMatchObject({ status: 200 });
      const history = await bodyOf(world.admin.get(`/api/tickets/${id}/history`));
      expect(history.slice(-2).map((entry: HistoryEntryView) => [entry.action, entry.details])).toEqual(
        expect.arrayContaining([
          ['department_changed', { departmentId: { from: world.departmentA.id, to: world.departmentB.id } }],
          ['assigned', { assignee: { from: world.staffAId, to: null } }],
        ]),
      );
    });

    it('staff of both departments may move a ticket, and an assignee who works in both stays', async () => {
      const both = await createStaff(world.admin, {
        departmentIds: [world.departmentA.id, world.departmentB.id],
        name: 'Bridget Both',
      });
      const bridget = await system.api().login(both.email, STAFF_PASSWORD);
      const { id } = await openOk();
      await bodyOf(bridget.patch(`/api/tickets/${id}`, { assigneeId: both.id }));
      const moved = await bodyOf(bridget.patch(`/api/tickets/${id}`, { departmentId: world.departmentB.id }));
      expect(moved).toMatchObject({
        department: { id: world.departmentB.id },
        assignee: { id: both.id, name: 'Bridget Both' },
      });
    });

    it('staff of A may not move a ticket to B: 403, and the ticket stays', async () => {
      const { id } = await openOk();
      const response = await world.staffA.patch(`/api/tickets/${id}`, { departmentId: world.departmentB.id });
      expectErrorBody(response, 403, ErrorCode.AccessDenied);
      expect((await ticket(id)).department.id).toBe(world.departmentA.id);
    });

    it('a move together with an assignee of the new department assigns them', async () => {
      const { id } = await openOk();
      const moved = await bodyOf(
        world.admin.patch(`/api/tickets/${id}`, { departmentId: world.departmentB.id, assigneeId: world.staffBId }),
      );
      expect(moved).toMatchObject({ department: { id: world.departmentB.id }, assignee: { id: world.staffBId } });
      const refused = await world.admin.patch(`/api/tickets/${id}`, {
        departmentId: world.departmentA.id,
        assigneeId: world.staffBId,
      });
      expectErrorBody(refused, 422, ErrorCode.AssigneeNotEligible);
      expect((await ticket(id)).department.id).toBe(world.departmentB.id);
    });
  });

  describe('history', () => {
    it('lists who changed what, in order', async () => {
      const opened = await openOk();
      const id = opened.id;
      const reply = await bodyOf(world.staffA.post(`/api/tickets/${id}/replies`, { message: 'On it' }), 201);
      await bodyOf(world.staffA.patch(`/api/tickets/${id}`, { priority: 'urgent' }));
      await bodyOf(world.staffA.patch(`/api/tickets/${id}`, { assigneeId: world.staffAId }));
      const note = await bodyOf(world.staffA.post(`/api/tickets/${id}/notes`, { message: 'Escalating' }), 201);
      await bodyOf(world.admin.patch(`/api/tickets/${id}`, { departmentId: world.departmentB.id }));
      await bodyOf(world.staffB.patch(`/api/tickets/${id}`, { status: 'in_progress' }));

      const history: HistoryEntryView[] = await bodyOf(world.admin.get(`/api/tickets/${id}/history`));
      const client = { kind: 'client', id: world.ownerId, name: ownerName };
      const staffA = { kind: 'staff', id: world.staffAId, name: staffAName };
      const admin = { kind: 'staff', id: adminId, name: expect.any(String) };
      const staffB = { kind: 'staff', id: world.staffBId, name: expect.any(String) };
      expect(history.map(({ action, actor, details }) => ({ action, actor, details }))).toEqual([
        { action: 'opened', actor: client, details: { messageId: opened.messages[0].id } },
        { action: 'replied', actor: staffA, details: { messageId: reply.id } },
        { action: 'status_changed', actor: staffA, details: { status: { from: 'open', to: 'answered' } } },
        { action: 'priority_changed', actor: staffA, details: { priority: { from: 'medium', to: 'urgent' } } },
        { action: 'assigned', actor: staffA, details: { assignee: { from: null, to: world.staffAId } } },
        { action: 'note_added', actor: staffA, details: { messageId: note.id } },
        expect.objectContaining({ action: expect.stringMatching(/^(department_changed|assigned)$/), actor: admin }),
        expect.objectContaining({ action: expect.stringMatching(/^(department_changed|assigned)$/), actor: admin }),
        { action: 'status_changed', actor: staffB, details: { status: { from: 'answered', to: 'in_progress' } } },
      ]);
      expect(history.slice(6, 8).map(({ action, details }) => ({ action, details }))).toEqual(
        expect.arrayContaining([
          {
            action: 'department_changed',
            details: { departmentId: { from: world.departmentA.id, to: world.departmentB.id } },
          },
          { action: 'assigned', details: { assignee: { from: world.staffAId, to: null } } },
        ]),
      );
      const ids = history.map((entry) => entry.id);
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
      for (const entry of history) {
        expect(new Date(entry.createdAt).toISOString()).toBe(entry.createdAt);
      }
    });

    it('a change to the same value records nothing', async () => {
      const { id } = await openOk();
      await bodyOf(world.staffA.patch(`/api/tickets/${id}`, { priority: 'medium', status: 'open' }));
      const history = await bodyOf(world.staffA.get(`/api/tickets/${id}/history`));
      expect(history.map((entry: HistoryEntryView) => entry.action)).toEqual(['opened']);
    });
  });

  describe('ticket ids', () => {
    it('are sequential and never reused, and a failed creation leaves no partial ticket', async () => {
      const created: number[] = [];
      for (let i = 0; i < 3; i++) {
        created.push((await openOk(world.owner, { subject: `Sequence ${i}` })).id);
      }
      expect([...created].sort((a, b) => a - b)).toEqual(created);
      expect(new Set(created).size).toBe(3);

      const before = await allTicketIds();
      const closedDepartment = await createDepartment(world.admin, { name: uniqueName('Closing') });
      await bodyOf(world.admin.patch(`/api/departments/${closedDepartment.id}`, { active: false }));

      const failures: [HttpResponse, number, ErrorCode][] = [
        [
          await open(world.admin, { clientId: world.ownerId, departmentId: closedDepartment.id }),
          422,
          ErrorCode.DepartmentInactive,
        ],
        [await open(world.owner, { departmentId: 987_654 }), 404, ErrorCode.DepartmentNotFound],
        [await open(world.admin, { clientId: 987_654 }), 404, ErrorCode.ClientNotFound],
        [await open(world.owner, { subject: '' }), 400, ErrorCode.ValidationFailed],
        [await open(world.owner, { message: '   ' }), 400, ErrorCode.ValidationFailed],
      ];
      for (const [response, status, code] of failures) {
        expectErrorBody(response, status, code);
      }

      const after = await allTicketIds();
      expect(after).toEqual(before);
      expect(before.length).toBeGreaterThanOrEqual(3);

      const next = (await openOk(world.owner, { subject: 'After the failures' })).id;
      expect(next).toBeGreaterThan(Math.max(...before));
      expect(new Set([...before, next]).size).toBe(before.length + 1);
    });

    // A client whose form still offers a department that was just deactivated is told so plainly.
    it('a client opening a ticket in a deactivated department gets 422 DEPARTMENT_INACTIVE', async () => {
      const department = await createDepartment(world.admin, { name: uniqueName('Retired') });
      await bodyOf(world.admin.patch(`/api/departments/${department.id}`, { active: false }));
      expectErrorBody(await open(world.owner, { departmentId: department.id }), 422, ErrorCode.DepartmentInactive);
    });
  });

  describe('messages', () => {
    it('every entry has {id, author{kind,id,name}, body, internal, via: web, createdAt}', async () => {
      const { id } = await openOk();
      await bodyOf(world.staffA.post(`/api/tickets/${id}/replies`, { message: 'Reply' }), 201);
      await bodyOf(world.staffA.post(`/api/tickets/${id}/notes`, { message: 'Note' }), 201);
      await bodyOf(world.owner.post(`/api/tickets/${id}/replies`, { message: 'Answer' }), 201);
      const view = await ticket(id, world.staffA);
      expect(view.messages).toHaveLength(4);
      for (const message of view.messages) {
        expect(message).toEqual(
          expect.objectContaining({
            id: expect.any(Number),
            author: {
              kind: expect.stringMatching(/^(staff|client)$/),
              id: expect.any(Number),
              name: expect.any(String),
            },
            body: expect.any(String),
            internal: expect.any(Boolean),
            via: 'web',
            createdAt: expect.any(String),
          }),
        );
        expect(new Date(message.createdAt).toISOString()).toBe(message.createdAt);
      }
      expect(view.messages.map((message: MessageView) => [message.author.kind, message.internal])).toEqual([
        ['client', false],
        ['staff', false],
        ['staff', true],
        ['client', false],
      ]);
      const ids = view.messages.map((message) => message.id);
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    });
  });

  describe('request validation', () => {
    it('unknown fields are refused with 400 VALIDATION_FAILED naming them', async () => {
      const response = await open(world.owner, { status: 'closed', isAdmin: true });
      expectErrorBody(response, 400, ErrorCode.ValidationFailed);
      expect(response.body.message).toContain('isAdmin');
    });

    it('an unknown field in a PATCH refuses the whole change', async () => {
      const { id } = await openOk();
      const response = await world.staffA.patch(`/api/tickets/${id}`, {
        priority: 'urgent',
        clientId: world.otherClientId,
      });
      expectErrorBody(response, 400, ErrorCode.ValidationFailed);
      const view = await ticket(id);
      expect(view).toMatchObject({ priority: 'medium', client: { id: world.ownerId } });
    });

    it.each<[string, Record<string, unknown>]>([
      ['a priority that does not exist', { priority: 'critical' }],
      ['a subject that is too long', { subject: 'x'.repeat(201) }],
      ['a department id that is not a number', { departmentId: 'billing' }],
      ['no message', { message: undefined }],
    ])('%s is a 400 VALIDATION_FAILED', async (_, overrides) => {
      expectErrorBody(await open(world.owner, overrides), 400, ErrorCode.ValidationFailed);
    });

    it('text with a NUL character, which PostgreSQL cannot store, is a 400 VALIDATION_FAILED wherever it is sent', async () => {
      const { id } = await openOk();
      for (const response of [
        await open(world.owner, { subject: 'Nul\u0000subject' }),
        await world.owner.post(`/api/tickets/${id}/replies`, { message: 'Nul\u0000reply' }),
        await world.staffA.post(`/api/tickets/${id}/notes`, { message: 'Nul\u0000note' }),
        await world.admin.get('/api/tickets?q=nul%00search'),
      ]) {
        expectErrorBody(response, 400, ErrorCode.ValidationFailed);
      }
      expect((await ticket(id)).messages).toHaveLength(1);
    });

    it('malformed JSON is a 400 in the same error shape', async () => {
      const response = await world.owner.request('POST', '/api/tickets', '{"departmentId": 1, "subject": ');
      expectErrorBody(response, 400, ErrorCode.ValidationFailed);
    });

    it.each(['abc', '1.5', '0', '-3', '12abc', '99999999999999999999'])(
      'a ticket id of %s is a 400 VALIDATION_FAILED',
      async (id) => {
        expectErrorBody(await world.admin.get(`/api/tickets/${id}`), 400, ErrorCode.ValidationFailed);
        expectErrorBody(await world.admin.get(`/api/tickets/${id}/history`), 400, ErrorCode.ValidationFailed);
      },
    );

    it.each([
      ['a path id', (client: ApiClient) => client.get('/api/staff/3000000000')],
      ['a query id', (client: ApiClient) => client.get('/api/tickets?assigneeId=3000000000')],
      [
        'a body id',
        (client: ApiClient) =>
          client.post('/api/tickets', { departmentId: 3_000_000_000, subject: 'x', message: 'y', clientId: 1 }),
      ],
    ])('%s beyond the range of its column answers 400 VALIDATION_FAILED, never 500', async (_, call) => {
      expectErrorBody(await call(world.admin), 400, ErrorCode.ValidationFailed);
    });

    it('echoes the caller’s x-correlation-id in the response header and in the error body', async () => {
      const correlationId = `e2e-${uniqueName('corr')}`;
      const failed = await world.owner.request(
        'POST',
        '/api/tickets',
        { bogus: true },
        { 'x-correlation-id': correlationId },
      );
      expectErrorBody(failed, 400, ErrorCode.ValidationFailed);
      expect(failed.headers.get('x-correlation-id')).toBe(correlationId);
      expect(failed.body.correlationId).toBe(correlationId);

      const missing = await world.owner.request('GET', '/api/tickets/987654321', undefined, {
        'x-correlation-id': correlationId,
      });
      expectErrorBody(missing, 404, ErrorCode.TicketNotFound);
      expect(missing.headers.get('x-correlation-id')).toBe(correlationId);
      expect(missing.body.correlationId).toBe(correlationId);

      const ok = await world.owner.request('GET', '/api/tickets', undefined, { 'x-correlation-id': correlationId });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-correlation-id')).toBe(correlationId);
    });

    it('without an x-correlation-id (or with an unusable one) the gateway makes one and returns it', async () => {
      const plain = await world.owner.request('POST', '/api/tickets', { bogus: true });
      expect(plain.headers.get('x-correlation-id')).toEqual(expect.any(String));
      expect(plain.body.correlationId).toBe(plain.headers.get('x-correlation-id'));

      const unusable = await world.owner.request(
        'POST',
        '/api/tickets',
        { bogus: true },
        { 'x-correlation-id': 'has spaces; and=junk' },
      );
      expect(unusable.body.correlationId).not.toBe('has spaces; and=junk');
      expect(unusable.body.correlationId).toBe(unusable.headers.get('x-correlation-id'));
      expect(unusable.body.correlationId).not.toBe(plain.body.correlationId);
    });
  });
});
