import { ErrorCode, HistoryAction, HistoryEntryView, TicketLinkView, TicketView } from '@helpdesk/contracts';
import { bodyOf, createWorld, STAFF_PASSWORD, TestSystem, WebBrowser, World } from '@helpdesk/testing';

/**
 * Splitting a ticket (issue 20): client messages move to a new ticket of the same client, the two
 * are linked split_to/split_from, and nothing else may be split out.
 */
describe('splitting tickets', () => {
  let system: TestSystem;
  let world: World;
  let web: WebBrowser;

  beforeAll(async () => {
    web = await WebBrowser.start();
    system = await TestSystem.start('split', {
      services: ['access', 'tickets', 'gateway'],
      serviceEnv: { gateway: { WEB_DIST_DIR: web.webDir } },
    });
    world = await createWorld(system.api(), await system.admin());
  }, 180_000);

  afterAll(async () => {
    await web?.stop();
    await system?.stop();
  }, 60_000);

  /** A ticket of the owner: their question, a staff answer, a note, and a second, unrelated question. */
  const twoProblems = async () => {
    const ticket = await bodyOf<TicketView>(
      world.owner.post('/api/tickets', {
        departmentId: world.departmentA.id,
        subject: 'Printer and VPN',
        message: 'The printer jams.',
      }),
      201,
    );
    await bodyOf(world.staffA.post(`/api/tickets/${ticket.id}/replies`, { message: 'Try tray 2.' }), 201);
    await bodyOf(world.staffA.post(`/api/tickets/${ticket.id}/notes`, { message: 'Known model.' }), 201);
    const vpn = await bodyOf<{ id: number }>(
      world.owner.post(`/api/tickets/${ticket.id}/replies`, { message: 'Also, the VPN drops every hour.' }),
      201,
    );
    return { ticket: await bodyOf<TicketView>(world.staffA.get(`/api/tickets/${ticket.id}`)), vpnMessageId: vpn.id };
  };
  const codeOf = (response: { status: number; body: { code?: string } }) => ({
    status: response.status,
    code: response.body?.code,
  });

  it('moves the chosen client messages to a new ticket of the same client, linked both ways', async () => {
    const { ticket, vpnMessageId } = await twoProblems();
    const split = world.staffA.post(`/api/tickets/${ticket.id}/split`, {
      messageIds: [vpnMessageId],
      subject: 'VPN drops every hour',
    });
    const created = await bodyOf<TicketView>(split, 201);
    expect(created).toMatchObject({
      subject: 'VPN drops every hour',
      client: { id: world.ownerId },
      department: { id: world.departmentA.id },
      status: 'open',
    });
    expect(created.messages.map((m) => [m.id, m.body])).toEqual([[vpnMessageId, 'Also, the VPN drops every hour.']]);
    const original = await bodyOf<TicketView>(world.staffA.get(`/api/tickets/${ticket.id}`));
    expect(original.messages.map((m) => m.body)).toEqual(['The printer jams.', 'Try tray 2.', 'Known model.']);

    const linksOf = (id: number) => bodyOf<TicketLinkView[]>(world.staffA.get(`/api/tickets/${id}/links`));
    expect((await linksOf(ticket.id)).map((l) => [l.type, l.ticket.id])).toEqual([['split_to', created.id]]);
    expect((await linksOf(created.id)).map((l) => [l.type, l.ticket.id])).toEqual([['split_from', ticket.id]]);
    const history = await bodyOf<HistoryEntryView[]>(world.staffA.get(`/api/tickets/${ticket.id}/history`));
    expect(history.at(-1)).toMatchObject({
      action: HistoryAction.Split,
      details: { ticketId: created.id, messageIds: [vpnMessageId] },
    });
    const mine = await bodyOf<TicketView>(world.owner.get(`/api/tickets/${created.id}`));
    expect(mine.messages.map((m) => m.body)).toEqual(['Also, the VPN drops every hour.']);
  });

  it('refuses notes, staff messages, other tickets’ messages and the whole conversation (422)', async () => {
    const { ticket } = await twoProblems();
    const [question, answer, note] = ticket.messages;
    const other = await twoProblems();
    const attempt = (messageIds: number[]) => world.staffA.post(`/api/tickets/${ticket.id}/split`, { messageIds });
    for (const messageIds of [[note.id], [answer.id], [other.vpnMessageId]]) {
      expect(codeOf(await attempt(messageIds))).toEqual({ status: 422, code: ErrorCode.SplitNotAllowed });
    }
    const onlyClients = await twoProblems();
    const clientIds = onlyClients.ticket.messages.filter((m) => m.author.kind === 'client').map((m) => m.id);
    expect(clientIds).toHaveLength(2);
    expect(
      codeOf(await world.staffA.post(`/api/tickets/${onlyClients.ticket.id}/split`, { messageIds: clientIds })),
    ).toEqual({
      status: 201,
      code: undefined,
    });
    expect(codeOf(await attempt([]))).toEqual({ status: 400, code: ErrorCode.ValidationFailed });
    expect(codeOf(await world.owner.post(`/api/tickets/${ticket.id}/split`, { messageIds: [question.id] }))).toEqual({
      status: 403,
      code: ErrorCode.AccessDenied,
    });
    expect(codeOf(await world.staffB.post(`/api/tickets/${ticket.id}/split`, { messageIds: [question.id] }))).toEqual({
      status: 404,
      code: ErrorCode.TicketNotFound,
    });
  });

  it('in the web app: staff tick a client message, split it out and land on the new ticket', async () => {
    const { ticket } = await twoProblems();
    const alice = await bodyOf<{ email: string }>(world.admin.get(`/api/staff/${world.staffAId}`));
    const page = await web.signedIn(system.baseUrl, alice.email, STAFF_PASSWORD);
    await page.goto(`${system.baseUrl}/admin/tickets/${ticket.id}`);
    await page
      .getByRole('article', { name: /Message from/ })
      .filter({ hasText: 'Also, the VPN drops every hour.' })
      .getByLabel('Split out')
      .check();
    const panel = page.getByRole('region', { name: 'Split into a new ticket' });
    await panel.getByLabel('Subject of the new ticket').fill('VPN drops');
    await panel.getByRole('button', { name: 'Split' }).click();
    await page.getByRole('heading', { name: /VPN drops/ }).waitFor();
    expect(page.url()).not.toContain(`/admin/tickets/${ticket.id}`);
    await page.context().close();
  });
});
