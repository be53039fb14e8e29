import {
  DepartmentView,
  InboundMailReason,
  InboundMailRoute,
  InboundMailState,
  InboundMailView,
  MessageVia,
  Page,
  PrincipalKind,
  SenderEvidence,
  TicketView,
} from '@helpdesk/contracts';
import { ReplyTokens } from '@helpdesk/mail';
import {
  bodyOf,
  createWorld,
  expectEventually,
  freePort,
  SmtpSink,
  smtpTransaction,
  TEST_ADMIN,
  TEST_MAIL,
  testDkimKey,
  TestSystem,
  uniqueName,
  waitForSmtp,
  World,
} from '@helpdesk/testing';
import { dkimSign } from 'mailauth';

const DOMAIN = TEST_MAIL.domain;
const UNTAGGED = `${TEST_MAIL.replyLocalPart}@${DOMAIN}`;
const ATTACKER = 'bounce@attacker.example';

/**
 * Who may write through email (issue 13), end to end over SMTP with a local DNS zone: client.test,
 * staff.test and example.test publish a DKIM key and DMARC p=reject, so a From: of theirs passes
 * when signed by them and fails when forged. Nothing of an unverified mail may
 * reach a ticket's public thread or a client, and no reply token may show in an API answer.
 */
describe('mail-ingress: email trust', () => {
  const key = testDkimKey();
  const tokens = new ReplyTokens(TEST_MAIL.tokenSecret);
  let sink: SmtpSink;
  let system: TestSystem;
  let world: World;
  /** A second replica behind "the organisation's MTA": SENDER_AUTH=trusted-headers, mx.corp.test trusted. */
  let behindMtaPort: number;
  const email = { owner: '', alice: '' };

  beforeAll(async () => {
    sink = await SmtpSink.start();
    system = await TestSystem.start('mail_trust', {
      services: ['access', 'tickets', 'attachments', 'notifications', 'mail-ingress', 'gateway'],
      serviceEnv: {
        notifications: { SMTP_URL: sink.url, ENABLE_NOTE_EMAILS: 'false' },
        'mail-ingress': { MAIL_DIRECTORY_CACHE_TTL: '0', MAIL_PROCESSING_RETRY_MS: '200' },
      },
    });
    const dns = system.dns!;
    for (const domain of ['client.test', 'staff.test', 'example.test']) {
      dns.setTxt(`s1._domainkey.${domain}`, [key.record]);
      dns.setTxt(`_dmarc.${domain}`, ['v=DMARC1; p=reject']);
    }
    behindMtaPort = await freePort();
    system.startService('mail-ingress', 'mail-ingress-behind-mta', {
      SMTP_INGRESS_PORT: String(behindMtaPort),
      MAIL_INGRESS_HTTP_PORT: String(await freePort()),
      MAIL_DIRECTORY_CACHE_TTL: '0',
      SENDER_AUTH: 'trusted-headers',
      TRUSTED_AUTHSERV_IDS: 'mx.corp.test',
    });
    world = await createWorld(system.api(), await system.admin());
    const addressOf = async (path: string) => (await bodyOf<{ email: string }>(world.admin.get(path))).email;
    email.owner = await addressOf(`/api/clients/${world.ownerId}`);
    email.alice = await addressOf(`/api/staff/${world.staffAId}`);
    await Promise.all([system.smtpPort, behindMtaPort].map((port) => waitForSmtp(port)));
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
    await sink?.stop();
  }, 60_000);

  // ---- helpers ----------------------------------------------------------------------------

  const openTicket = () =>
    bodyOf<TicketView>(
      world.owner.post('/api/tickets', {
        departmentId: world.departmentA.id,
        subject: uniqueName('Invoice charged twice'),
        message: 'My card was charged twice.',
      }),
      201,
    );

  const message = (headers: Record<string, string>, body: string): string =>
    Object.entries({ 'Message-ID': `<${uniqueName('m')}@mail.test>`, Date: new Date().toUTCString(), ...headers })
      .map(([name, value]) => `${name}: ${value}`)
      .join('\r\n') + `\r\n\r\n${body}\r\n`;

  /** As the sender's provider sends it: DKIM-signed by its domain. */
  const signed = async (raw: string, domain = 'client.test'): Promise<string> => {
    const signer = { signingDomain: domain, selector: 's1', privateKey: key.privateKey };
    return (await dkimSign(raw, { ...signer, signatureData: [signer] })).signatures + raw;
  };

  const deliver = async (from: string, to: string, raw: string, port = system.smtpPort) => {
    const result = await smtpTransaction(port, { from, to: [to], message: raw, helo: 'mx.sender.test' });
    return result.final ?? result.rcptTo[0];
  };

  const inboundBySubject = (subject: string) =>
    expectEventually(
      async () => {
        const page = await bodyOf<Page<InboundMailView>>(world.admin.get('/api/inbound-mails?limit=100'));
        const found = page.items.find((mail) => mail.subject === subject);
        expect(found).toBeDefined();
        expect([InboundMailState.Received, InboundMailState.Processing]).not.toContain(found?.state);
        return found as InboundMailView;
      },
      20_000,
      200,
    );

  const messagesOf = async (ticketId: number) =>
    (await bodyOf<TicketView>(world.admin.get(`/api/tickets/${ticketId}`))).messages;

  const tokenAddress = (ticketId: number, kind: PrincipalKind, id: number, purpose: 'reply' | 'note' = 'reply') =>
    `${TEST_MAIL.replyLocalPart}+${tokens.sign({ ticketId, recipient: { kind, id }, purpose })}@${DOMAIN}`;

  // ---- the spoofing attempt -----------------------------------------------------------------------

  it('keeps the spoofed admin, staff and client replies by subject tag as internal notes; nothing public, no client mailed', async () => {
    const ticket = await openTicket();
    const mailsToOwner = () =>
      sink.to(email.owner).filter((mail) => mail.parsed.subject?.startsWith(`[#${ticket.id}] `));
    // The client's own "we opened your ticket" mail: the only one they may get.
    await expectEventually(() => expect(mailsToOwner()).toHaveLength(1), 20_000);
    const forgedFrom = { admin: TEST_ADMIN.email, staff: email.alice, client: email.owner };
    for (const [who, from] of Object.entries(forgedFrom)) {
      const subject = `Re: [#${ticket.id}] Invoice charged twice (${who} ${uniqueName('spoof')})`;
      const raw = message(
        { From: `Administrator <${from}>`, To: UNTAGGED, Subject: subject },
        'To receive your refund please confirm your card at https://refund.evil.example',
      );
      expect((await deliver(ATTACKER, UNTAGGED, raw)).code).toBe(250);
      expect(await inboundBySubject(subject)).toMatchObject({
        state: InboundMailState.Added,
        reason: InboundMailReason.NotedUnverified,
        route: InboundMailRoute.SubjectTag,
        ticketId: ticket.id,
        author: null,
        senderVerdict: { evidence: SenderEvidence.Verified, dmarc: 'fail', aligned: false },
      });
    }
    const fromEmail = (await messagesOf(ticket.id)).filter((m) => m.via === MessageVia.Email);
    expect(fromEmail).toHaveLength(3);
    for (const note of fromEmail) {
      expect(note.internal).toBe(true);
      expect(note.author).toMatchObject({ kind: PrincipalKind.Staff, id: 0 });
      expect(note.body).toMatch(/^Unverified mail from \S+ \(DKIM none, SPF none, DMARC fail\)/);
    }
    const clientView = await bodyOf<TicketView>(world.owner.get(`/api/tickets/${ticket.id}`));
    expect(clientView.messages.map((m) => m.body).join('\n')).not.toContain('refund.evil.example');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(mailsToOwner()).toHaveLength(1);
  });

  it("holds a spoofed client's or staff member's mail to a department address; a release posts it as the client, never as staff", async () => {
    const address = `${uniqueName('billing')}@${DOMAIN}`.toLowerCase();
    const department = await bodyOf<DepartmentView>(
      world.admin.post('/api/departments', { name: uniqueName('Mailed'), email: address }),
      201,
    );
    const subject = uniqueName('Please call me');
    const raw = message({ From: email.owner, To: address, Subject: subject }, 'Call me on +1 555 0100.');
    expect((await deliver(ATTACKER, address, raw)).code).toBe(250);
    const held = await inboundBySubject(subject);
    expect(held).toMatchObject({
      state: InboundMailState.Held,
      reason: InboundMailReason.Unverified,
      ticketId: null,
      author: { kind: PrincipalKind.Client, id: world.ownerId },
    });
    expect((await world.staffA.post(`/api/inbound-mails/${held.id}/release`)).status).toBe(404);

    const released = await bodyOf<InboundMailView>(world.admin.post(`/api/inbound-mails/${held.id}/release`));
    expect(released.state).toBe(InboundMailState.Received);
    const opened = await inboundBySubject(subject);
    expect(opened).toMatchObject({ state: InboundMailState.Added, reason: InboundMailReason.Opened });
    const ticket = await bodyOf<TicketView>(world.owner.get(`/api/tickets/${opened.ticketId}`));
    expect(ticket).toMatchObject({ client: { id: world.ownerId }, department: { id: department.id } });
    expect((await world.admin.post(`/api/inbound-mails/${held.id}/release`)).status).toBe(409);

    // A staff or admin From: without their token: held, and released it is posted as no one.
    for (const from of [email.alice, TEST_ADMIN.email]) {
      const staffSubject = uniqueName('Open this for me');
      const staffRaw = message({ From: from, To: address, Subject: staffSubject }, 'Open this.');
      expect((await deliver(ATTACKER, address, staffRaw)).code).toBe(250);
      const heldStaff = await inboundBySubject(staffSubject);
      expect(heldStaff).toMatchObject({
        state: InboundMailState.Held,
        reason: InboundMailReason.Unverified,
        ticketId: null,
        author: null,
      });
      await bodyOf<InboundMailView>(world.admin.post(`/api/inbound-mails/${heldStaff.id}/release`));
      await expect(inboundBySubject(staffSubject)).resolves.toMatchObject({
        state: InboundMailState.Refused,
        reason: InboundMailReason.UnknownSender,
        ticketId: null,
        addedMessageId: null,
      });
    }
  });

  it("adds a DKIM-signed client reply by subject tag as the client's own reply", async () => {
    const ticket = await openTicket();
    const subject = `Re: [#${ticket.id}] ${uniqueName('signed')}`;
    const raw = await signed(
      message({ From: `Olivia <${email.owner}>`, To: UNTAGGED, Subject: subject }, 'Invoice 2041.'),
    );
    expect((await deliver(email.owner, UNTAGGED, raw)).code).toBe(250);
    expect(await inboundBySubject(subject)).toMatchObject({
      state: InboundMailState.Added,
      reason: InboundMailReason.Replied,
      author: { kind: PrincipalKind.Client, id: world.ownerId },
      senderVerdict: { dkim: 'pass', dmarc: 'pass', domain: 'client.test', aligned: true },
    });
    expect((await messagesOf(ticket.id)).at(-1)).toMatchObject({
      internal: false,
      author: { kind: PrincipalKind.Client, id: world.ownerId },
      body: 'Invoice 2041.',
      senderVerdict: {
        evidence: SenderEvidence.Verified,
        dkim: 'pass',
        dmarc: 'pass',
        domain: 'client.test',
        aligned: true,
      },
    });
    // The verdict is for staff: the client's own view of the ticket does not carry it.
    const clientView = await bodyOf<TicketView>(world.owner.get(`/api/tickets/${ticket.id}`));
    expect(clientView.messages.every((m) => !('senderVerdict' in m))).toBe(true);
  });

  // ---- reply tokens -----------------------------------------------------------------------------

  it('refuses a token with a forged From: or envelope, and holds a token reply whose DMARC failed', async () => {
    const ticket = await openTicket();
    const to = tokenAddress(ticket.id, PrincipalKind.Client, world.ownerId);
    const forgedFrom = await signed(message({ From: 'mallory@client.test', To: to, Subject: 'Re: x' }, 'Mine now.'));
    await expect(deliver(email.owner, to, forgedFrom)).resolves.toMatchObject({
      code: 550,
      text: expect.stringMatching(/^5\.7\.1 This reply address belongs to someone else/),
    });
    const forwarded = await signed(message({ From: email.owner, To: to, Subject: 'Re: y' }, 'Forwarded.'));
    await expect(deliver('mallory@client.test', to, forwarded)).resolves.toMatchObject({ code: 550 });

    const subject = uniqueName('Unsigned');
    const unsigned = message({ From: email.owner, To: to, Subject: subject }, 'Confirm your card here.');
    expect((await deliver(email.owner, to, unsigned)).code).toBe(250);
    expect(await inboundBySubject(subject)).toMatchObject({
      state: InboundMailState.Added,
      reason: InboundMailReason.NotedUnverified,
      senderVerdict: { dmarc: 'fail' },
    });
    expect((await messagesOf(ticket.id)).filter((m) => m.via === MessageVia.Email)).toEqual([
      expect.objectContaining({ internal: true, body: expect.stringMatching(/^Unverified mail from /) }),
    ]);
  });

  it("turns a reply to a note notification into the staff member's internal note, never a public message", async () => {
    const ticket = await openTicket();
    const to = tokenAddress(ticket.id, PrincipalKind.Staff, world.staffAId, 'note');
    const subject = uniqueName('Note reply');
    const raw = await signed(
      message({ From: email.alice, To: to, Subject: subject }, 'Checked the ledger: charged twice.'),
      'staff.test',
    );
    expect((await deliver(email.alice, to, raw)).code).toBe(250);
    expect(await inboundBySubject(subject)).toMatchObject({
      state: InboundMailState.Added,
      reason: InboundMailReason.Noted,
    });
    expect((await messagesOf(ticket.id)).at(-1)).toMatchObject({
      internal: true,
      author: { kind: PrincipalKind.Staff, id: world.staffAId },
      body: 'Checked the ledger: charged twice.',
    });
  });

  // ---- behind the organisation's MTA ------------------------------------------------------------

  it('behind an MTA, believes only the Authentication-Results of a trusted authserv-id', async () => {
    const ticket = await openTicket();
    const results = (authservId: string) =>
      `${authservId}; dkim=pass header.d=client.test; spf=pass smtp.mailfrom=${email.owner}; dmarc=pass header.from=client.test`;
    const send = async (authservId: string) => {
      const subject = `Re: [#${ticket.id}] ${uniqueName(authservId)}`;
      const raw = message(
        { 'Authentication-Results': results(authservId), From: email.owner, To: UNTAGGED, Subject: subject },
        `Checked by ${authservId}.`,
      );
      expect((await deliver(email.owner, UNTAGGED, raw, behindMtaPort)).code).toBe(250);
      return inboundBySubject(subject);
    };
    expect(await send('mx.corp.test')).toMatchObject({
      reason: InboundMailReason.Replied,
      senderVerdict: { evidence: SenderEvidence.TrustedHeaders, authservId: 'mx.corp.test', aligned: true },
    });
    expect(await send('evil.example')).toMatchObject({
      reason: InboundMailReason.NotedUnverified,
      senderVerdict: { evidence: SenderEvidence.None, aligned: false },
    });
  });

  // ---- tokens stay secret -----------------------------------------------------------------------

  it('shows no reply token in the inbound log or the raw download; the stored original stays whole', async () => {
    const ticket = await openTicket();
    const to = tokenAddress(ticket.id, PrincipalKind.Client, world.ownerId);
    const token = to.slice(TEST_MAIL.replyLocalPart.length + 1, to.indexOf('@'));
    const subject = uniqueName('Secret');
    const raw = await signed(message({ From: email.owner, To: to, Subject: subject, 'Delivered-To': to }, 'Thanks.'));
    expect((await deliver(email.owner, to, raw)).code).toBe(250);
    const logged = await inboundBySubject(subject);
    for (const client of [world.admin, world.staffA]) {
      const answers = [
        JSON.stringify((await client.get(`/api/inbound-mails/${logged.id}`)).body),
        JSON.stringify((await client.get(`/api/inbound-mails?ticketId=${ticket.id}`)).body),
        JSON.stringify((await client.get(`/api/tickets/${ticket.id}`)).body),
      ];
      for (const answer of answers) {
        expect(answer).not.toContain(token);
      }
    }
    expect(logged.envelopeTo).toEqual([`${TEST_MAIL.replyLocalPart}+${'*'.repeat(token.length)}@${DOMAIN}`]);
    const download = await world.admin.get(`/api/inbound-mails/${logged.id}/raw`);
    const source = download.body as string;
    expect(download.status).toBe(200);
    expect(source).not.toContain(token);
    expect(source).toContain(`Delivered-To: ${TEST_MAIL.replyLocalPart}+${'*'.repeat(token.length)}@${DOMAIN}`);
    expect(Buffer.byteLength(source)).toBe(logged.size);
  });
});
