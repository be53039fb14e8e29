import {
  DepartmentView,
  HistoryAction,
  HistoryEntryView,
  InboundMailRoute,
  InboundMailState,
  InboundMailView,
  Page as ResultPage,
  TicketView,
} from '@helpdesk/contracts';
import {
  bodyOf,
  createWorld,
  dkimSigned,
  expectEventually,
  rawMail,
  SmtpSink,
  smtpTransaction,
  STAFF_PASSWORD,
  TEST_MAIL,
  testDkimKey,
  TestSystem,
  uniqueName,
  waitForSmtp,
  WebBrowser,
  World,
} from '@helpdesk/testing';

const DOMAIN = TEST_MAIL.domain;
const ATTACKER = 'bounce@attacker.example';

/**
 * UNVERIFIED_SENDER_POLICY=new_ticket (issue 13), over SMTP with a local DNS zone in which
 * client.test signs its mail and publishes DMARC p=reject: a mail that claims to come from a
 * client but cannot be verified opens a ticket of its own under an unverified requester, who gets
 * no mail until a staff member verifies them, in the API or with the web app's button.
 */
describe('unverified requesters (UNVERIFIED_SENDER_POLICY=new_ticket)', () => {
  const key = testDkimKey();
  let sink: SmtpSink;
  let system: TestSystem;
  let world: World;
  let web: WebBrowser;
  let department: DepartmentView;
  const email = { owner: '', alice: '' };

  beforeAll(async () => {
    web = await WebBrowser.start();
    sink = await SmtpSink.start();
    system = await TestSystem.start('unverified_requester', {
      services: ['access', 'tickets', 'attachments', 'notifications', 'mail-ingress', 'gateway'],
      serviceEnv: {
        notifications: { SMTP_URL: sink.url, ENABLE_NOTE_EMAILS: 'false' },
        'mail-ingress': { UNVERIFIED_SENDER_POLICY: 'new_ticket', MAIL_DIRECTORY_CACHE_TTL: '0' },
        gateway: { WEB_DIST_DIR: web.webDir },
      },
    });
    system.dns!.setTxt('s1._domainkey.client.test', [key.record]);
    system.dns!.setTxt('_dmarc.client.test', ['v=DMARC1; p=reject']);
    world = await createWorld(system.api(), await system.admin());
    email.owner = (await bodyOf<{ email: string }>(world.admin.get(`/api/clients/${world.ownerId}`))).email;
    email.alice = (await bodyOf<{ email: string }>(world.admin.get(`/api/staff/${world.staffAId}`))).email;
    const address = `${uniqueName('billing')}@${DOMAIN}`.toLowerCase();
    department = await bodyOf<DepartmentView>(
      world.admin.post('/api/departments', { name: uniqueName('Billing by mail'), email: address }),
      201,
    );
    expect(
      (
        await world.admin.patch(`/api/staff/${world.staffAId}`, {
          departmentIds: [world.departmentA.id, department.id],
        })
      ).status,
    ).toBe(200);
    await waitForSmtp(system.smtpPort);
  }, 180_000);

  afterAll(async () => {
    await web?.stop();
    await system?.stop();
    await sink?.stop();
  }, 60_000);

  const signed = (raw: string) => dkimSigned(raw, key.privateKey, 'client.test');

  const deliver = async (from: string, to: string, raw: string) => {
    const result = await smtpTransaction(system.smtpPort, { from, to: [to], message: raw, helo: 'mx.sender.test' });
    return (result.final ?? result.rcptTo[0]).code;
  };

  const inboundBySubject = (subject: string) =>
    expectEventually(
      async () => {
        const page = await bodyOf<ResultPage<InboundMailView>>(world.admin.get('/api/inbound-mails?limit=100'));
        const found = page.items.find((mail) => mail.subject === subject);
        expect(found?.state).toBe(InboundMailState.Added);
        return found as InboundMailView;
      },
      20_000,
      200,
    );

  const staffView = (ticketId: number) => bodyOf<TicketView>(world.staffA.get(`/api/tickets/${ticketId}`));
  const mailsAbout = (ticketId: number, to: string) =>
    sink.to(to).filter((mail) => mail.parsed.subject?.includes(`[#${ticketId}]`));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1_500));

  /** An unsigned mail "from" the client to the department's address: anyone could have sent it. */
  const openUnverified = async (subject: string): Promise<TicketView> => {
    const raw = rawMail({ From: email.owner, To: department.email!, Subject: subject }, 'Please refund me.');
    expect(await deliver(ATTACKER, department.email!, raw)).toBe(250);
    const opened = await inboundBySubject(subject);
    expect(opened.detail).toMatch(/under an unverified requester: nothing is mailed to them until staff verify them/);
    return staffView(opened.ticketId as number);
  };

  it('opens an unverified mail as a ticket whose requester gets nothing until staff verify them', async () => {
    const ticket = await openUnverified(uniqueName('Refund please'));
    expect(ticket).toMatchObject({
      requesterVerified: false,
      client: { id: world.ownerId },
      department: { id: department.id },
    });
    const clientView = await bodyOf<TicketView>(world.owner.get(`/api/tickets/${ticket.id}`));
    expect(clientView).not.toHaveProperty('requesterVerified');

    expect((await world.staffA.post(`/api/tickets/${ticket.id}/replies`, { message: 'Which invoice?' })).status).toBe(
      201,
    );
    await expectEventually(() => expect(mailsAbout(ticket.id, email.alice).length).toBeGreaterThan(0), 20_000);
    await settle();
    expect(mailsAbout(ticket.id, email.owner)).toEqual([]);

    const verified = await bodyOf<TicketView>(world.staffA.post(`/api/tickets/${ticket.id}/verify-requester`, {}));
    expect(verified.requesterVerified).toBe(true);
    expect((await world.staffA.post(`/api/tickets/${ticket.id}/verify-requester`, {})).status).toBe(200);
    expect((await world.staffB.post(`/api/tickets/${ticket.id}/verify-requester`, {})).status).toBe(404);
    const history = await bodyOf<HistoryEntryView[]>(world.staffA.get(`/api/tickets/${ticket.id}/history`));
    expect(history.filter((entry) => entry.action === HistoryAction.RequesterVerified)).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ id: world.staffAId }) }),
    ]);

    expect((await world.staffA.post(`/api/tickets/${ticket.id}/replies`, { message: 'Refunded.' })).status).toBe(201);
    await expectEventually(
      () =>
        expect(mailsAbout(ticket.id, email.owner).map((mail) => mail.parsed.text)).toEqual([
          expect.stringContaining('Refunded.'),
        ]),
      20_000,
    );
  });

  it("opens an unverified reply to a client's ticket as a new ticket in its department, leaving the ticket alone", async () => {
    const existing = await bodyOf<TicketView>(
      world.owner.post('/api/tickets', {
        departmentId: department.id,
        subject: 'Invoice charged twice',
        message: 'Twice!',
      }),
      201,
    );
    const subject = `Re: [#${existing.id}] Invoice charged twice (${uniqueName('forged')})`;
    const raw = rawMail(
      { From: email.owner, To: `${TEST_MAIL.replyLocalPart}@${DOMAIN}`, Subject: subject },
      'Pay here.',
    );
    expect(await deliver(ATTACKER, `${TEST_MAIL.replyLocalPart}@${DOMAIN}`, raw)).toBe(250);
    const opened = await inboundBySubject(subject);
    expect(opened).toMatchObject({ route: InboundMailRoute.SubjectTag });
    expect(opened.ticketId).not.toBe(existing.id);
    expect(await staffView(opened.ticketId as number)).toMatchObject({
      requesterVerified: false,
      department: { id: department.id },
      client: { id: world.ownerId },
    });
    expect((await staffView(existing.id)).messages.map((m) => m.body)).toEqual(['Twice!']);
  });

  it('opens a signed, aligned mail as a ticket of a verified requester', async () => {
    const subject = uniqueName('Signed request');
    const raw = await signed(rawMail({ From: email.owner, To: department.email!, Subject: subject }, 'Signed.'));
    expect(await deliver(email.owner, department.email!, raw)).toBe(250);
    const opened = await inboundBySubject(subject);
    expect((await staffView(opened.ticketId as number)).requesterVerified).toBe(true);
  });

  it('shows staff the unverified requester in the web app, and the Verify button clears it', async () => {
    const ticket = await openUnverified(uniqueName('Call me back'));
    const page = await web.signedIn(system.baseUrl, email.alice, STAFF_PASSWORD);
    await page.goto(`${system.baseUrl}/admin/tickets/${ticket.id}`);
    const notice = page.getByRole('region', { name: 'Unverified requester' });
    await notice.getByText('Unverified requester', { exact: true }).waitFor();
    await notice.getByRole('button', { name: 'Verify requester' }).click();
    await notice.waitFor({ state: 'detached' });
    expect((await staffView(ticket.id)).requesterVerified).toBe(true);
    await page.reload();
    await page.getByRole('heading', { name: new RegExp(`#${ticket.id} `) }).waitFor();
    expect(await page.getByRole('region', { name: 'Unverified requester' }).count()).toBe(0);
    await page.context().close();
  });
});
