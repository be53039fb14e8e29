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
  expectEventually,
  REPO_ROOT,
  SmtpDialogue,
  SmtpSink,
  smtpTransaction,
  STAFF_PASSWORD,
  TEST_MAIL,
  testDkimKey,
  TestSystem,
  uniqueName,
  World,
} from '@helpdesk/testing';
import { dkimSign } from 'mailauth';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, chromium } from 'playwright-core';

const DOMAIN = TEST_MAIL.domain;
const ATTACKER = 'bounce@attacker.example';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'];

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
  let browser: Browser;
  let webDir: string;
  let department: DepartmentView;
  const email = { owner: '', alice: '' };

  beforeAll(async () => {
    execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build-web.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
    webDir = mkdtempSync(join(tmpdir(), 'helpdesk-web-'));
    cpSync(join(REPO_ROOT, 'dist', 'web'), webDir, { recursive: true });
    sink = await SmtpSink.start();
    system = await TestSystem.start('unverified_requester', {
      services: ['access', 'tickets', 'attachments', 'notifications', 'mail-ingress', 'gateway'],
      serviceEnv: {
        notifications: { SMTP_URL: sink.url, ENABLE_NOTE_EMAILS: 'false' },
        'mail-ingress': { UNVERIFIED_SENDER_POLICY: 'new_ticket', MAIL_DIRECTORY_CACHE_TTL: '0' },
        gateway: { WEB_DIST_DIR: webDir },
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
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    await sink?.stop();
    if (webDir) {
      rmSync(webDir, { recursive: true, force: true });
    }
  }, 60_000);

  const message = (headers: Record<string, string>, body: string): string =>
    Object.entries({ 'Message-ID': `<${uniqueName('m')}@mail.test>`, Date: new Date().toUTCString(), ...headers })
      .map(([name, value]) => `${name}: ${value}`)
      .join('\r\n') + `\r\n\r\n${body}\r\n`;

  const signed = async (raw: string): Promise<string> => {
    const signer = { signingDomain: 'client.test', selector: 's1', privateKey: key.privateKey };
    return (await dkimSign(raw, { ...signer, signatureData: [signer] })).signatures + raw;
  };

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
    const raw = message({ From: email.owner, To: department.email!, Subject: subject }, 'Please refund me.');
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
    const raw = message(
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
    const raw = await signed(message({ From: email.owner, To: department.email!, Subject: subject }, 'Signed.'));
    expect(await deliver(email.owner, department.email!, raw)).toBe(250);
    const opened = await inboundBySubject(subject);
    expect((await staffView(opened.ticketId as number)).requesterVerified).toBe(true);
  });

  it('shows staff the unverified requester in the web app, and the Verify button clears it', async () => {
    const ticket = await openUnverified(uniqueName('Call me back'));
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${system.baseUrl}/login`);
    await page.getByLabel('Email').fill(email.alice);
    await page.getByLabel('Password').fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/admin/tickets');
    await page.goto(`${system.baseUrl}/admin/tickets/${ticket.id}`);
    const notice = page.getByRole('region', { name: 'Unverified requester' });
    await notice.getByText('Unverified requester', { exact: true }).waitFor();
    await notice.getByRole('button', { name: 'Verify requester' }).click();
    await notice.waitFor({ state: 'detached' });
    expect((await staffView(ticket.id)).requesterVerified).toBe(true);
    await page.reload();
    await page.getByRole('heading', { name: new RegExp(`#${ticket.id} `) }).waitFor();
    expect(await page.getByRole('region', { name: 'Unverified requester' }).count()).toBe(0);
    await context.close();
  });
});

async function waitForSmtp(port: number): Promise<void> {
  await expectEventually(
    async () => {
      const { dialogue, greeting } = await SmtpDialogue.open(port);
      await dialogue.quit();
      expect(greeting.code).toBe(220);
    },
    60_000,
    250,
  );
}
