import { ApiScope, ApiTokenAdminView, ApiTokenSecret, ApiTokenView, TicketView } from '@helpdesk/contracts';
import { ApiClient, bodyOf, createWorld, TestSystem, World } from '@helpdesk/testing';

interface ErrorReply {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** The gateway sits behind one proxy here, so each test can speak from an address of its own. */
const from = (client: ApiClient, address: string) => ({
  get: (path: string) => client.request<ErrorReply>('GET', path, undefined, { 'x-forwarded-for': address }),
});

describe('API tokens', () => {
  let system: TestSystem;
  let world: World;
  let admin: ApiClient;
  let ticketA: TicketView;

  beforeAll(async () => {
    system = await TestSystem.start('api-tokens', {
      services: ['access', 'tickets', 'gateway'],
      serviceEnv: { gateway: { TRUST_PROXY_HOPS: '1' } },
    });
    admin = await system.admin();
    world = await createWorld(system.api(), admin);
    ticketA = await bodyOf(
      world.owner.post('/api/tickets', { departmentId: world.departmentA.id, subject: 'Sync', message: 'Hello' }),
      201,
    );
  }, 120_000);

  afterAll(() => system?.stop(), 60_000);

  const create = (as: ApiClient, scopes: ApiScope[], extra: object = {}): Promise<ApiTokenSecret> =>
    bodyOf(as.post('/api/me/tokens', { name: `token ${scopes.join(' ')}`, scopes, ...extra }), 201);
  const tokenClient = (secret: ApiTokenSecret) => system.api().withToken(secret.token);

  it('creates, lists without the secret, and revokes: the revoked token fails on its next request', async () => {
    const secret = await create(world.staffA, [ApiScope.TicketsRead], { expiresAt: '2099-01-01T00:00:00Z' });
    expect(secret.token).toMatch(/^hdk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    const token = tokenClient(secret);

    const before = await bodyOf<ApiTokenView[]>(world.staffA.get('/api/me/tokens'), 200);
    expect(before).toEqual([
      expect.objectContaining({
        id: secret.id,
        scopes: [ApiScope.TicketsRead],
        expiresAt: '2099-01-01T00:00:00.000Z',
        lastUsedAt: null,
      }),
    ]);
    expect(secret.token.startsWith(before[0].prefix)).toBe(true);

    expect((await token.get(`/api/tickets/${ticketA.id}`)).status).toBe(200);
    const after = await bodyOf<ApiTokenView[]>(world.staffA.get('/api/me/tokens'), 200);
    expect(after[0].lastUsedAt).not.toBeNull();
    const everyone = await bodyOf<ApiTokenAdminView[]>(admin.get(`/api/admin/tokens?staffId=${world.staffAId}`), 200);
    expect(everyone.map((t) => [t.id, t.owner.id])).toEqual([[secret.id, world.staffAId]]);
    for (const listed of [before, after, everyone]) {
      expect(JSON.stringify(listed)).not.toContain(secret.token.slice(-43));
    }
    // Someone else's token is not found among one's own.
    expect((await world.staffB.delete<ErrorReply>(`/api/me/tokens/${secret.id}`)).body.code).toBe(
      'API_TOKEN_NOT_FOUND',
    );

    await bodyOf(world.staffA.delete(`/api/me/tokens/${secret.id}`), 200);
    const revoked = await token.get<ErrorReply>(`/api/tickets/${ticketA.id}`);
    expect([revoked.status, revoked.body.code]).toEqual([401, 'TOKEN_REVOKED']);
    expect(await bodyOf(world.staffA.get('/api/me/tokens'), 200)).toEqual([]);

    // An admin revokes anyone's.
    const clientToken = await create(world.owner, [ApiScope.TicketsRead]);
    expect((await tokenClient(clientToken).get('/api/tickets')).status).toBe(200);
    await bodyOf(admin.delete(`/api/admin/tokens/${clientToken.id}`), 200);
    expect((await tokenClient(clientToken).get<ErrorReply>('/api/tickets')).body.code).toBe('TOKEN_REVOKED');
  });

  it('refuses bad input with a 400 naming the field, and scopes the account may not hold', async () => {
    const cases: [object, string][] = [
      [{ name: 'x', scopes: ['tickets:delete'] }, 'scopes'],
      [{ name: 'x', scopes: [] }, 'scopes'],
      [{ name: 'x', scopes: 'tickets:read' }, 'scopes'],
      [{ name: '  ', scopes: ['tickets:read'] }, 'name'],
      [{ name: 'x', scopes: ['tickets:read'], expiresAt: 'tomorrow' }, 'expiresAt'],
      [{ name: 'x', scopes: ['tickets:read'], expiresAt: '2001-01-01T00:00:00Z' }, 'expiresAt'],
    ];
    for (const [body, field] of cases) {
      const response = await world.staffA.post<ErrorReply>('/api/me/tokens', body);
      expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(response.body.message).toContain(field);
    }
    const staffAdmin = await world.staffA.post<ErrorReply>('/api/me/tokens', { name: 'x', scopes: ['admin'] });
    expect([staffAdmin.status, staffAdmin.body.code]).toEqual([403, 'ACCESS_DENIED']);
    const clientClients = await world.owner.post<ErrorReply>('/api/me/tokens', { name: 'x', scopes: ['clients:read'] });
    expect([clientClients.status, clientClients.body.code]).toEqual([403, 'ACCESS_DENIED']);
    expect((await world.staffA.delete('/api/me/tokens/not-a-uuid')).status).toBe(400);
    expect((await world.staffA.get('/api/admin/tokens')).status).toBe(403);
  });

  it('expires at expiresAt with its own code', async () => {
    const secret = await create(world.staffA, [ApiScope.TicketsRead], {
      expiresAt: new Date(Date.now() + 1_500).toISOString(),
    });
    expect((await tokenClient(secret).get('/api/tickets')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    const expired = await tokenClient(secret).get<ErrorReply>('/api/tickets');
    expect([expired.status, expired.body.code]).toEqual([401, 'TOKEN_EXPIRED']);
  });

  it('enforces scopes on every class of route, naming the missing scope', async () => {
    const probes: [ApiScope, () => [string, string, object?]][] = [
      [ApiScope.TicketsRead, () => ['GET', `/api/tickets/${ticketA.id}/history`]],
      [ApiScope.TicketsRead, () => ['GET', '/api/departments']],
      [ApiScope.TicketsWrite, () => ['POST', `/api/tickets/${ticketA.id}/notes`, { message: 'From the CRM' }]],
      [ApiScope.TicketsWrite, () => ['PATCH', `/api/tickets/${ticketA.id}`, { priority: 'high' }]],
      [ApiScope.ClientsRead, () => ['GET', '/api/clients']],
      [ApiScope.ClientsWrite, () => ['POST', '/api/clients', { email: `crm-${Date.now()}@client.test`, name: 'CRM' }]],
      [ApiScope.Admin, () => ['GET', '/api/staff']],
      [ApiScope.Admin, () => ['PATCH', `/api/departments/${world.departmentB.id}`, { name: world.departmentB.name }]],
      [ApiScope.Admin, () => ['GET', '/api/admin/tokens']],
    ];
    const scopes = Object.values(ApiScope);
    const tokens = new Map<ApiScope, ApiClient>();
    for (const scope of scopes) {
      tokens.set(scope, tokenClient(await create(admin, [scope])));
    }
    for (const [needed, probe] of probes) {
      for (const scope of scopes) {
        const [method, path, body] = probe();
        const response = await tokens.get(scope)!.request<ErrorReply>(method, path, body);
        if (scope === needed) {
          expect([method, path, scope, response.status < 300]).toEqual([method, path, scope, true]);
        } else {
          expect([method, path, scope, response.status, response.body.code]).toEqual([
            method,
            path,
            scope,
            403,
            'INSUFFICIENT_SCOPE',
          ]);
          expect(response.body.details?.requiredScope).toBe(needed);
          expect(response.body.message).toContain(needed);
        }
      }
    }
    // Any token may ask who it is; none may manage tokens.
    const reader = tokens.get(ApiScope.TicketsRead)!;
    expect((await bodyOf(reader.get('/api/me'), 200)).id).toBe((await bodyOf(admin.get('/api/me'), 200)).id);
    const minting = await tokens.get(ApiScope.Admin)!.post<ErrorReply>('/api/me/tokens', {
      name: 'x',
      scopes: ['admin'],
    });
    expect([minting.status, minting.body.code]).toEqual([403, 'ACCESS_DENIED']);
    expect((await reader.get<ErrorReply>('/api/me/tokens')).status).toBe(403);

    // What a token does is recorded as done through the API.
    const writer = tokens.get(ApiScope.TicketsWrite)!;
    const crmCc = `crm-cc-${Date.now()}@client.test`;
    await bodyOf(writer.post(`/api/tickets/${ticketA.id}/ccs`, { email: crmCc }), 201);
    const participants = await bodyOf<{ ccs: { email: string; addedVia: string }[] }>(
      admin.get(`/api/tickets/${ticketA.id}/participants`),
      200,
    );
    expect(participants.ccs.find((cc) => cc.email === crmCc)?.addedVia).toBe('api');
  });

  it("acts as its owner with today's departments and status: a change applies on the next request", async () => {
    const staffToken = tokenClient(await create(world.staffB, [ApiScope.TicketsRead]));
    expect((await staffToken.get(`/api/tickets/${ticketA.id}`)).status).toBe(404);
    await bodyOf(admin.patch(`/api/staff/${world.staffBId}`, { departmentIds: [world.departmentA.id] }), 200);
    expect((await staffToken.get(`/api/tickets/${ticketA.id}`)).status).toBe(200);
    await bodyOf(admin.patch(`/api/staff/${world.staffBId}`, { active: false }), 200);
    const deactivated = await staffToken.get<ErrorReply>(`/api/tickets/${ticketA.id}`);
    expect([deactivated.status, deactivated.body.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('throttles failed token attempts per address, as sign-ins are, leaving other addresses alone', async () => {
    const good = tokenClient(await create(world.staffA, [ApiScope.TicketsRead]));
    const forged = system.api().withToken(`hdk_${'0'.repeat(32)}_${'A'.repeat(43)}`);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      statuses.push((await from(forged, '203.0.113.40').get('/api/tickets')).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const locked = await from(good, '203.0.113.40').get('/api/tickets');
    expect([locked.status, locked.body.code]).toEqual([429, 'TOO_MANY_ATTEMPTS']);
    expect((await from(good, '198.51.100.40').get('/api/tickets')).status).toBe(200);
  });
});
