import { ErrorCode, HistoryAction, HistoryEntryView, TicketView } from '@helpdesk/contracts';
import { bodyOf, createWorld, STAFF_PASSWORD, TestSystem, WebBrowser, World } from '@helpdesk/testing';

/**
 * Two people answering at once (issue 20): a reply or note based on an older message than the
 * newest one by someone else is refused with 409 STALE_REPLY listing what is new, unless forced;
 * PATCH honours If-Match with the ticket's ETag; and the web app shows the collision before sending.
 */
describe('collision guards', () => {
  let system: TestSystem;
  let world: World;
  let web: WebBrowser;
  let alice: { email: string };

  beforeAll(async () => {
    web = await WebBrowser.start();
    system = await TestSystem.start('collisions', {
      services: ['access', 'tickets', 'gateway'],
      serviceEnv: { gateway: { WEB_DIST_DIR: web.webDir } },
    });
    world = await createWorld(system.api(), await system.admin());
    alice = await bodyOf(world.admin.get(`/api/staff/${world.staffAId}`));
    // Bob works in department A too, to answer the same tickets as Alice.
    await bodyOf(
      world.admin.patch(`/api/staff/${world.staffBId}`, {
        departmentIds: [world.departmentA.id, world.departmentB.id],
      }),
    );
  }, 180_000);

  afterAll(async () => {
    await web?.stop();
    await system?.stop();
  }, 60_000);

  const open = () =>
    bodyOf<TicketView>(
      world.owner.post('/api/tickets', {
        departmentId: world.departmentA.id,
        subject: 'The printer is on fire',
        message: 'Flames everywhere.',
      }),
      201,
    );
  const codeOf = (response: { status: number; body: { code?: string } }) => ({
    status: response.status,
    code: response.body?.code,
  });

  it('refuses a reply written over a newer one by someone else, lists it, and sends it when forced', async () => {
    const ticket = await open();
    const seen = ticket.messages[0].id;
    const bobs = await bodyOf<{ id: number }>(
      world.staffB.post(`/api/tickets/${ticket.id}/replies`, {
        message: 'Use the extinguisher.',
        basedOnMessageId: seen,
      }),
      201,
    );
    const stale = await world.staffA.post(`/api/tickets/${ticket.id}/replies`, {
      message: 'Call the fire brigade.',
      basedOnMessageId: seen,
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      code: ErrorCode.StaleReply,
      details: {
        newer: [{ id: bobs.id, internal: false, excerpt: 'Use the extinguisher.', author: { id: world.staffBId } }],
      },
    });
    expect((await bodyOf<TicketView>(world.staffA.get(`/api/tickets/${ticket.id}`))).messages).toHaveLength(2);

    const forced = await bodyOf<{ id: number }>(
      world.staffA.post(`/api/tickets/${ticket.id}/replies`, {
        message: 'Call the fire brigade.',
        basedOnMessageId: seen,
        force: true,
      }),
      201,
    );
    const history = await bodyOf<HistoryEntryView[]>(world.staffA.get(`/api/tickets/${ticket.id}/history`));
    expect(history.find((entry) => entry.details.messageId === forced.id)).toMatchObject({
      action: HistoryAction.Replied,
      details: { sentDespiteNewer: [bobs.id] },
    });

    // Your own newer messages never make your reply stale; nor do notes a client cannot see.
    const note = await bodyOf<{ id: number }>(
      world.staffA.post(`/api/tickets/${ticket.id}/notes`, { message: 'Insurance?', basedOnMessageId: forced.id }),
      201,
    );
    expect(
      (await world.staffA.post(`/api/tickets/${ticket.id}/replies`, { message: 'And…', basedOnMessageId: forced.id }))
        .status,
    ).toBe(201);
    expect(note.id).toBeGreaterThan(forced.id);
    const client = await world.owner.post(`/api/tickets/${ticket.id}/replies`, {
      message: 'Thanks!',
      basedOnMessageId: forced.id,
    });
    expect(codeOf(client)).toEqual({ status: 409, code: ErrorCode.StaleReply });
    expect(
      (client.body as { details: { newer: { internal: boolean }[] } }).details.newer.map((m) => m.internal),
    ).toEqual([false]);
    const other = await open();
    expect(
      codeOf(
        await world.staffA.post(`/api/tickets/${ticket.id}/replies`, {
          message: 'x',
          basedOnMessageId: other.messages[0].id,
        }),
      ),
    ).toEqual({ status: 400, code: ErrorCode.ValidationFailed });
  });

  it('changes a ticket only at the version its If-Match names (412 otherwise), and gives it as the ETag', async () => {
    const ticket = await open();
    const read = await world.staffA.get(`/api/tickets/${ticket.id}`);
    const etag = read.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]{16}"$/);
    expect(read.body).not.toHaveProperty('version');

    const first = await world.staffA.request(
      'PATCH',
      `/api/tickets/${ticket.id}`,
      { priority: 'high' },
      { 'if-match': etag! },
    );
    expect(first.status).toBe(200);
    const current = first.headers.get('etag');
    expect(current).not.toBe(etag);

    const second = await world.staffB.request(
      'PATCH',
      `/api/tickets/${ticket.id}`,
      { priority: 'low' },
      { 'if-match': etag! },
    );
    expect(second).toMatchObject({
      status: 412,
      body: { code: ErrorCode.PreconditionFailed, details: { version: current!.replace(/"/g, '') } },
    });
    expect((await bodyOf<TicketView>(world.staffA.get(`/api/tickets/${ticket.id}`))).priority).toBe('high');
    expect((await world.staffB.patch(`/api/tickets/${ticket.id}`, { priority: 'low' })).status).toBe(200);
  });

  it('in the web app: the reply box refuses to send over a newer reply until you chose to', async () => {
    const ticket = await open();
    const page = await web.signedIn(system.baseUrl, alice.email, STAFF_PASSWORD);
    await page.goto(`${system.baseUrl}/admin/tickets/${ticket.id}`);
    await page.getByLabel('Your reply').fill('Get out of the building.');
    await bodyOf(
      world.staffB.post(`/api/tickets/${ticket.id}/replies`, { message: 'Pull the fire alarm first.' }),
      201,
    );
    await page.getByRole('button', { name: 'Send reply' }).click();
    const warning = page.getByRole('region', { name: 'Newer messages' });
    await warning.getByText('Pull the fire alarm first.').waitFor();
    await warning.getByRole('button', { name: 'Send anyway' }).click();
    await page.getByText('Reply sent.').waitFor();
    const after = await bodyOf<TicketView>(world.staffA.get(`/api/tickets/${ticket.id}`));
    expect(after.messages.map((m) => m.body)).toEqual([
      'Flames everywhere.',
      'Pull the fire alarm first.',
      'Get out of the building.',
    ]);
    await page.context().close();
  });
});
