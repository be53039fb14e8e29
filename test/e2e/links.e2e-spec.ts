import { ErrorCode, TicketLinkType, TicketLinkView, TicketView } from '@helpdesk/contracts';
import { bodyOf, createWorld, STAFF_PASSWORD, TestSystem, WebBrowser, World } from '@helpdesk/testing';

/** Related tickets (issue 20): staff link and unlink them both ways; clients never see links. */
describe('ticket links', () => {
  let system: TestSystem;
  let world: World;
  let web: WebBrowser;

  beforeAll(async () => {
    web = await WebBrowser.start();
    system = await TestSystem.start('links', {
      services: ['access', 'tickets', 'gateway'],
      serviceEnv: { gateway: { WEB_DIST_DIR: web.webDir } },
    });
    world = await createWorld(system.api(), await system.admin());
  }, 180_000);

  afterAll(async () => {
    await web?.stop();
    await system?.stop();
  }, 60_000);

  const open = (subject: string) =>
    bodyOf<TicketView>(
      world.owner.post('/api/tickets', { departmentId: world.departmentA.id, subject, message: 'Details.' }),
      201,
    );
  const linksOf = (id: number) => bodyOf<TicketLinkView[]>(world.staffA.get(`/api/tickets/${id}/links`));
  const codeOf = (response: { status: number; body: { code?: string } }) => ({
    status: response.status,
    code: response.body?.code,
  });

  it('links two tickets both ways, once, and unlinks them', async () => {
    const vpn = await open('VPN drops');
    const wifi = await open('Wifi drops');
    const link = { ticketId: wifi.id, type: TicketLinkType.Related };
    const made = await bodyOf<TicketLinkView>(world.staffA.post(`/api/tickets/${vpn.id}/links`, link), 201);
    expect(made).toMatchObject({
      type: 'related',
      ticket: { id: wifi.id, subject: 'Wifi drops', status: 'open' },
      createdBy: { id: world.staffAId },
    });
    await bodyOf(world.staffA.post(`/api/tickets/${vpn.id}/links`, link), 201);
    expect((await linksOf(vpn.id)).map((l) => l.ticket.id)).toEqual([wifi.id]);
    expect((await linksOf(wifi.id)).map((l) => [l.type, l.ticket.id])).toEqual([['related', vpn.id]]);

    expect((await world.staffA.delete(`/api/tickets/${wifi.id}/links/${vpn.id}`)).status).toBe(200);
    expect(await linksOf(vpn.id)).toEqual([]);
    expect(codeOf(await world.staffA.delete(`/api/tickets/${wifi.id}/links/${vpn.id}`))).toEqual({
      status: 404,
      code: ErrorCode.TicketLinkNotFound,
    });
  });

  it('refuses self-links and tickets out of reach, and shows clients nothing', async () => {
    const mine = await open('Mine');
    const elsewhere = await bodyOf<TicketView>(
      world.admin.post('/api/tickets', {
        departmentId: world.departmentB.id,
        clientId: world.ownerId,
        subject: 'Elsewhere',
        message: 'Elsewhere.',
      }),
      201,
    );
    const post = (id: number, ticketId: number, type = 'related') =>
      world.staffA.post(`/api/tickets/${id}/links`, { ticketId, type });
    expect(codeOf(await post(mine.id, mine.id))).toEqual({ status: 400, code: ErrorCode.ValidationFailed });
    expect(codeOf(await post(mine.id, elsewhere.id))).toEqual({ status: 404, code: ErrorCode.TicketNotFound });
    expect(codeOf(await post(mine.id, elsewhere.id, 'split_from'))).toEqual({
      status: 400,
      code: ErrorCode.ValidationFailed,
    });
    // An admin links across departments; staff of one department see only the links they may follow.
    await bodyOf(world.admin.post(`/api/tickets/${mine.id}/links`, { ticketId: elsewhere.id, type: 'related' }), 201);
    expect(await linksOf(mine.id)).toEqual([]);
    expect(await bodyOf<TicketLinkView[]>(world.admin.get(`/api/tickets/${mine.id}/links`))).toHaveLength(1);
    expect(codeOf(await world.owner.get(`/api/tickets/${mine.id}/links`))).toEqual({
      status: 404,
      code: ErrorCode.TicketNotFound,
    });
    expect(
      codeOf(await world.owner.post(`/api/tickets/${mine.id}/links`, { ticketId: elsewhere.id, type: 'related' })),
    ).toEqual({
      status: 404,
      code: ErrorCode.TicketNotFound,
    });
  });

  it('in the web app: staff link a related ticket from the ticket page and unlink it', async () => {
    const printer = await open('Printer offline');
    const scanner = await open('Scanner offline');
    const alice = await bodyOf<{ email: string }>(world.admin.get(`/api/staff/${world.staffAId}`));
    const page = await web.signedIn(system.baseUrl, alice.email, STAFF_PASSWORD);
    await page.goto(`${system.baseUrl}/admin/tickets/${printer.id}`);
    const panel = page.getByRole('region', { name: 'Linked tickets' });
    await panel.getByLabel('Link a related ticket').fill(`#${scanner.id}`);
    await panel.getByRole('button', { name: 'Link', exact: true }).click();
    await panel.getByRole('link', { name: `#${scanner.id}` }).waitFor();
    await panel.getByRole('button', { name: `Unlink #${scanner.id}` }).click();
    await panel.getByText('None.').waitFor();
    expect(await linksOf(scanner.id)).toEqual([]);
    await page.context().close();
  });
});
