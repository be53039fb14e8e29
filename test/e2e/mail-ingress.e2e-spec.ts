import {
  InboundMailReason,
  InboundMailRoute,
  InboundMailState,
  InboundMailView,
  MessageVia,
  Page,
  PrincipalKind,
  ReplyToClosedPolicy,
  TicketStatus,
  TicketView,
} from '@helpdesk/contracts';
import { ReplyTokens } from '@helpdesk/mail';
import {
  ApiClient,
  bodyOf,
  createWorld,
  expectEventually,
  freePort,
  ReceivedMail,
  SmtpDialogue,
  SmtpSink,
  smtpTransaction,
  TEST_MAIL,
  testDkimKey,
  TestSystem,
  uniqueName,
  waitForSmtp,
  World,
} from '@helpdesk/testing';
import { createTransport } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { Client } from 'pg';

const DOMAIN = TEST_MAIL.domain;
const SUPPORT = `support@${DOMAIN}`;
const MAX_BYTES = 2 * 1024 * 1024;
const RATE_LIMIT = 10;
/** Client domains whose provider DKIM-signs their mail, with a key published in the system's DNS zone. */
const SIGNING_DOMAINS = ['client.test', 'somewhere.test'];

/**
 * The SMTP ingress end to end: real notifications from the SMTP sink answered over a real SMTP
 * conversation on localhost (nodemailer, and raw socket dialogues for the protocol edges), and
 * the outcome read back through the gateway, as staff and clients see it.
 */
describe('mail-ingress', () => {
  let sink: SmtpSink;
  let system: TestSystem;
  let world: World;
  let db: Client;
  /** A second replica: keeps sender mismatches as notes, creates unknown clients. */
  let lenientPort: number;
  const email = { owner: '', other: '', alice: '', bob: '' };
  const dkimKey = testDkimKey();

  beforeAll(async () => {
    sink = await SmtpSink.start();
    system = await TestSystem.start('mail_ingress', {
      services: ['access', 'tickets', 'attachments', 'notifications', 'mail-ingress', 'gateway'],
      env: { MAIL_FROM: `Helpdesk <${SUPPORT}>` },
      serviceEnv: {
        notifications: { SMTP_URL: sink.url, ENABLE_NOTE_EMAILS: 'false' },
        'mail-ingress': {
          MAIL_DIRECTORY_CACHE_TTL: '0',
          SMTP_INGRESS_MAX_BYTES: String(MAX_BYTES),
          INBOUND_RATE_LIMIT_PER_TOKEN_PER_HOUR: String(RATE_LIMIT),
          MAIL_PROCESSING_RETRY_MS: '200',
        },
      },
    });
    for (const domain of SIGNING_DOMAINS) {
      system.dns!.setTxt(`s1._domainkey.${domain}`, [dkimKey.record]);
    }
    lenientPort = await freePort();
    system.startService('mail-ingress', 'mail-ingress-lenient', {
      SMTP_INGRESS_PORT: String(lenientPort),
      MAIL_INGRESS_HTTP_PORT: String(await freePort()),
      SENDER_MISMATCH_POLICY: 'internal_note',
      ALLOW_NEW_CLIENTS_BY_EMAIL: 'true',
      MAIL_DIRECTORY_CACHE_TTL: '0',
    });
    world = await createWorld(system.api(), await system.admin());
    db = new Client({ connectionString: system.isolation.databaseUrl });
    await db.connect();
    const addressOf = async (path: string) => (await bodyOf(world.admin.get(path))).email as string;
    email.owner = await addressOf(`/api/clients/${world.ownerId}`);
    email.other = await addressOf(`/api/clients/${world.otherClientId}`);
    email.alice = await addressOf(`/api/staff/${world.staffAId}`);
    email.bob = await addressOf(`/api/staff/${world.staffBId}`);
    await Promise.all([system.smtpPort, lenientPort].map((port) => waitForSmtp(port)));
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    await system?.stop();
    await sink?.stop();
  }, 60_000);

  // ---- helpers ----------------------------------------------------------------------------

  const openTicket = (subject = uniqueName('Subject'), message = 'My card was charged twice.', client = world.owner) =>
    bodyOf<TicketView>(client.post('/api/tickets', { departmentId: world.departmentA.id, subject, message }), 201);

  /** The last notification about the ticket that reached `address`, once `count` have. */
  const notification = async (ticketId: number, address: string, count = 1): Promise<ReceivedMail> => {
    const mails = await expectEventually(() => {
      const about = sink.to(address).filter((mail) => mail.parsed.subject?.startsWith(`[#${ticketId}] `));
      expect(about.length).toBeGreaterThanOrEqual(count);
      return about;
    }, 20_000);
    return mails[count - 1];
  };
  const replyToOf = (mail: ReceivedMail) => mail.parsed.replyTo?.value[0].address as string;

  /** As the sender's provider sends mail: DKIM-signed when its domain signs (SIGNING_DOMAINS). */
  const transport = (port = system.smtpPort, signingDomain?: string) =>
    createTransport({
      host: '127.0.0.1',
      port,
      secure: false,
      ignoreTLS: true,
      connectionTimeout: 10_000,
      ...(signingDomain
        ? { dkim: { domainName: signingDomain, keySelector: 's1', privateKey: dkimKey.privateKey } }
        : {}),
    });
  const send = (message: Mail.Options, port?: number) => {
    const from = message.from;
    const address = typeof from === 'string' ? from : Array.isArray(from) ? undefined : from?.address;
    const domain = address?.split('@').pop()?.toLowerCase() ?? '';
    return transport(port, SIGNING_DOMAINS.includes(domain) ? domain : undefined).sendMail(message);
  };

  const ticket = (id: number, client: ApiClient = world.staffA) => bodyOf<TicketView>(client.get(`/api/tickets/${id}`));
  /** Waits until the ticket has `count` messages that came by email, and returns them. */
  const emailMessages = (id: number, count: number, timeoutMs = 20_000) =>
    expectEventually(
      async () => {
        const messages = (await ticket(id, world.admin)).messages.filter((message) => message.via === MessageVia.Email);
        expect(messages).toHaveLength(count);
        return messages;
      },
      timeoutMs,
      200,
    );

  const inbound = (query = '', client: ApiClient = world.admin) =>
    bodyOf<Page<InboundMailView>>(client.get(`/api/inbound-mails${query}`));
  /** The newest inbound mail matching `where`, once it reached a final state. */
  const inboundWhere = (where: (mail: InboundMailView) => boolean, timeoutMs = 20_000) =>
    expectEventually(
      async () => {
        const found = (await inbound('?limit=100')).items.find(where);
        expect(found).toBeDefined();
        expect([InboundMailState.Received, InboundMailState.Processing]).not.toContain(found?.state);
        return found as InboundMailView;
      },
      timeoutMs,
      200,
    );
  const bySubject = (subject: string) => inboundWhere((mail) => mail.subject === subject);

  /** A reply as a mail client writes it: new text on top, the notification quoted below. */
  const quotedReply = (text: string, original: ReceivedMail) =>
    `${text}\n\nOn Tue, 3 Mar 2026 at 10:00, Helpdesk <${SUPPORT}> wrote:\n${(original.parsed.text ?? '')
      .split('\n')
      .map((line) => `> ${line}`)
      .join('\n')}\n`;

  const rawMessage = (headers: Record<string, string>, body: string | Buffer): Buffer =>
    Buffer.concat([
      Buffer.from(
        Object.entries({ 'Message-ID': `<${uniqueName('m')}@client.test>`, Date: new Date().toUTCString(), ...headers })
          .map(([name, value]) => `${name}: ${value}`)
          .join('\r\n') + '\r\n\r\n',
        'latin1',
      ),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
      Buffer.from('\r\n'),
    ]);

  /** A fresh ticket of the owner, with the owner's and Alice's reply addresses from real notifications. */
  const ticketWithAddresses = async (subject = uniqueName('Thread')) => {
    const opened = await openTicket(subject);
    const toAlice = await notification(opened.id, email.alice);
    await bodyOf(
      world.staffA.post(`/api/tickets/${opened.id}/replies`, { message: 'Could you send the invoice number?' }),
    );
    const toOwner = await notification(opened.id, email.owner, 2);
    return { ticket: opened, ownerReplyTo: replyToOf(toOwner), aliceReplyTo: replyToOf(toAlice), toOwner, toAlice };
  };

  // ---- the round trip -----------------------------------------------------------------------

  it("a client's reply to a notification becomes their reply, quoted history stripped; a staff reply by email answers", async () => {
    const { ticket: opened, ownerReplyTo, aliceReplyTo, toOwner, toAlice } = await ticketWithAddresses();
    expect(ownerReplyTo).toMatch(
      new RegExp(`^reply\\+${opened.id}-c${world.ownerId}-[a-z2-7]{20}@${DOMAIN.replace('.', '\\.')}$`),
    );

    const info = await send({
      from: { name: 'Olivia Owner', address: email.owner },
      to: ownerReplyTo,
      subject: `Re: ${toOwner.parsed.subject}`,
      inReplyTo: toOwner.parsed.messageId,
      references: [toOwner.parsed.messageId as string],
      text: quotedReply('The invoice number is 2041.\n\nThanks,\nOlivia', toOwner),
    });
    expect(info.response).toMatch(/^250 2\.6\.0/);

    const [reply] = await emailMessages(opened.id, 1);
    expect(reply).toMatchObject({
      author: { kind: PrincipalKind.Client, id: world.ownerId },
      body: 'The invoice number is 2041.\n\nThanks,\nOlivia',
      internal: false,
      via: MessageVia.Email,
    });
    expect((await ticket(opened.id)).status).toBe(TicketStatus.CustomerReply);

    await send({
      from: email.alice,
      to: aliceReplyTo,
      subject: `Re: ${toAlice.parsed.subject}`,
      text: quotedReply('Refunded, thanks for your patience.', toAlice),
    });
    const [, staffReply] = await emailMessages(opened.id, 2);
    expect(staffReply).toMatchObject({
      author: { kind: PrincipalKind.Staff, id: world.staffAId },
      body: 'Refunded, thanks for your patience.',
    });
    expect((await ticket(opened.id)).status).toBe(TicketStatus.Answered);
    // The client is told of the staff reply made by email, like of any other.
    const told = await notification(opened.id, email.owner, 3);
    expect(told.parsed.text).toContain('Refunded, thanks for your patience.');

    const logged = await inboundWhere((mail) => mail.addedMessageId === staffReply.id);
    expect(logged).toMatchObject({
      state: InboundMailState.Added,
      reason: InboundMailReason.Replied,
      route: InboundMailRoute.Token,
      ticketId: opened.id,
      author: { kind: PrincipalKind.Staff, id: world.staffAId },
      envelopeFrom: email.alice,
      from: email.alice,
      hasRaw: true,
    });
  });

  // ---- refusals ---------------------------------------------------------------------------

  it('refuses forged, altered and unknown addresses at RCPT with 550 and how to reply, and logs them for admins', async () => {
    const { ticket: opened, ownerReplyTo } = await ticketWithAddresses();
    const altered = ownerReplyTo.replace(`+${opened.id}-`, `+${opened.id + 1000}-`);
    const forged = `reply+${opened.id}-c${world.ownerId}-aaaaaaaaaaaaaaaaaaaa@${DOMAIN}`;
    const otherSecret = `reply+${new ReplyTokens('another-secret-0123456789abcdef').sign({
      ticketId: opened.id,
      recipient: { kind: PrincipalKind.Client, id: world.ownerId },
    })}@${DOMAIN}`;
    const { dialogue, greeting } = await SmtpDialogue.open(system.smtpPort);
    try {
      expect(greeting.code).toBe(220);
      const ehlo = await dialogue.command('EHLO client.test');
      expect(ehlo.code).toBe(250);
      expect(ehlo.lines).toContain(`SIZE ${MAX_BYTES}`);
      expect(ehlo.lines.some((line) => /^(AUTH|STARTTLS)/.test(line))).toBe(false);
      expect((await dialogue.command(`MAIL FROM:<${email.owner}>`)).code).toBe(250);
      for (const address of [altered, forged, otherSecret, ownerReplyTo.replace(/-[a-z2-7]{20}@/, '@')]) {
        const refused = await dialogue.command(`RCPT TO:<${address}>`);
        expect(refused.code).toBe(550);
        expect(refused.text).toMatch(
          /^5\.1\.1 This reply address is not valid.*reply to the notification email itself/,
        );
      }
      expect(await dialogue.command(`RCPT TO:<nobody@${DOMAIN}>`)).toMatchObject({
        code: 550,
        text: expect.stringMatching(/^5\.1\.1 No such mailbox/),
      });
      expect(await dialogue.command('RCPT TO:<someone@elsewhere.test>')).toMatchObject({
        code: 550,
        text: expect.stringMatching(/^5\.7\.1 Relaying denied/),
      });
      // The genuine address still works in the same transaction.
      expect((await dialogue.command(`RCPT TO:<${ownerReplyTo}>`)).code).toBe(250);
    } finally {
      await dialogue.quit();
    }
    const logged = await expectEventually(async () => {
      const page = await inbound(`?outcome=${InboundMailState.Refused}&limit=100`);
      // Shown with the token masked, as every reply address in the log.
      const shown = forged.replace(/\+([^@]+)@/, (_, token: string) => `+${'*'.repeat(token.length)}@`);
      const mine = page.items.find((mail) => mail.envelopeTo[0] === shown);
      expect(mine).toBeDefined();
      return mine as InboundMailView;
    });
    expect(logged).toMatchObject({
      reason: InboundMailReason.InvalidToken,
      envelopeFrom: email.owner,
      hasRaw: false,
      size: 0,
    });
    expect(logged.detail).toMatch(/^Refused at RCPT: 550 5\.1\.1/);
    expect((await ticket(opened.id)).messages.filter((message) => message.via === MessageVia.Email)).toHaveLength(0);
  });

  it('advertises SIZE and refuses larger messages with 552 5.3.4: at MAIL FROM when declared, after DATA otherwise', async () => {
    const { ticket: opened, ownerReplyTo } = await ticketWithAddresses();
    const { dialogue } = await SmtpDialogue.open(system.smtpPort);
    try {
      await dialogue.command('EHLO client.test');
      expect((await dialogue.command(`MAIL FROM:<${email.owner}> SIZE=${MAX_BYTES + 1}`)).code).toBe(552);
    } finally {
      await dialogue.quit();
    }
    const subject = uniqueName('Too big');
    const big = await smtpTransaction(system.smtpPort, {
      from: email.owner,
      to: [ownerReplyTo],
      message: rawMessage(
        { From: email.owner, To: ownerReplyTo, Subject: subject },
        `${'x'.repeat(998)}\r\n`.repeat(2200),
      ),
    });
    expect(big.final).toMatchObject({ code: 552, text: expect.stringMatching(/^5\.3\.4 Message too big/) });
    expect((await inbound('?limit=100')).items.some((mail) => mail.subject === subject)).toBe(false);
    expect((await ticket(opened.id)).messages.filter((message) => message.via === MessageVia.Email)).toHaveLength(0);
  });

  it('refuses a reply from another address than the recipient with 550 5.7.1, or keeps it as an internal note where configured', async () => {
    const { ticket: opened, ownerReplyTo } = await ticketWithAddresses();
    const subject = uniqueName('Mismatch');
    const message = rawMessage({ From: email.other, To: ownerReplyTo, Subject: subject }, 'Please refund me too.');
    const refused = await smtpTransaction(system.smtpPort, { from: email.other, to: [ownerReplyTo], message });
    expect(refused.final).toMatchObject({
      code: 550,
      text: expect.stringMatching(/^5\.7\.1 This reply address belongs to someone else/),
    });
    expect(await bySubject(subject)).toMatchObject({
      state: InboundMailState.Refused,
      reason: InboundMailReason.SenderMismatch,
      ticketId: opened.id,
      hasRaw: true,
    });

    const kept = await smtpTransaction(lenientPort, { from: email.other, to: [ownerReplyTo], message });
    expect(kept.final?.code).toBe(250);
    const [note] = await emailMessages(opened.id, 1);
    expect(note.internal).toBe(true);
    expect(note.author.name).toBe(`Email from ${email.other}`);
    expect(note.body).toMatch(
      new RegExp(
        `^Email from ${email.other.replace(/[.+]/g, '\\$&')}, not from .* <${email.owner.replace(/[.+]/g, '\\$&')}>`,
      ),
    );
    expect(note.body.endsWith('Please refund me too.')).toBe(true);
    const asClient = await ticket(opened.id, world.owner);
    expect(asClient.messages.some((message) => message.body.includes('Please refund me too.'))).toBe(false);
    expect(asClient.status).toBe(TicketStatus.Answered);
    expect(
      await inboundWhere((mail) => mail.subject === subject && mail.state === InboundMailState.Added),
    ).toMatchObject({ reason: InboundMailReason.NotedSenderMismatch, addedMessageId: note.id });
  });

  it('refuses a message that matches nothing with how to reply', async () => {
    const subject = uniqueName('Out of the blue');
    const result = await smtpTransaction(system.smtpPort, {
      from: email.owner,
      to: [SUPPORT],
      message: rawMessage({ From: email.owner, To: SUPPORT, Subject: subject }, 'Hello, is anyone there?'),
    });
    expect(result.final).toMatchObject({
      code: 550,
      text: expect.stringMatching(/^5\.1\.1 This message matches no ticket\. .*reply to its notification email/),
    });
    expect(await bySubject(subject)).toMatchObject({
      state: InboundMailState.Refused,
      reason: InboundMailReason.NoMatch,
      route: InboundMailRoute.None,
    });
  });

  // ---- no mail loops -------------------------------------------------------------------------

  describe('automatic mail is accepted and dropped, with the reason recorded', () => {
    let target: { ticket: TicketView; ownerReplyTo: string };
    beforeAll(async () => {
      target = await ticketWithAddresses();
    }, 60_000);

    it.each<[string, string, Record<string, string>, InboundMailReason]>([
      ['a bounce (null reverse-path)', '', {}, InboundMailReason.Bounce],
      [
        'a delivery status notification',
        'owner',
        { 'Content-Type': 'multipart/report; report-type=delivery-status; boundary="b"' },
        InboundMailReason.Bounce,
      ],
      ['Auto-Submitted: auto-replied', 'owner', { 'Auto-Submitted': 'auto-replied' }, InboundMailReason.AutoReply],
      ['X-Autoreply', 'owner', { 'X-Autoreply': 'yes' }, InboundMailReason.AutoReply],
      ['X-Autorespond', 'owner', { 'X-Autorespond': 'Out of office' }, InboundMailReason.AutoReply],
      ['Precedence: bulk', 'owner', { Precedence: 'bulk' }, InboundMailReason.Bulk],
      ['Precedence: junk', 'owner', { Precedence: 'junk' }, InboundMailReason.Bulk],
      ['Precedence: list', 'owner', { Precedence: 'list' }, InboundMailReason.MailingList],
      ['Precedence: auto_reply', 'owner', { Precedence: 'auto_reply' }, InboundMailReason.AutoReply],
      ['mail from our own notification address', SUPPORT, { From: `Helpdesk <${SUPPORT}>` }, InboundMailReason.OwnMail],
    ])('%s', async (_, envelopeFrom, headers, reason) => {
      const subject = uniqueName('Automatic');
      const from = envelopeFrom === 'owner' ? email.owner : envelopeFrom;
      const result = await smtpTransaction(system.smtpPort, {
        from,
        to: [target.ownerReplyTo],
        message: rawMessage(
          { From: email.owner, To: target.ownerReplyTo, Subject: subject, ...headers },
          headers['Content-Type']?.startsWith('multipart/report')
            ? '--b\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n--b--'
            : 'I am out of the office until Monday.',
        ),
      });
      expect(result.final?.code).toBe(250);
      expect(await bySubject(subject)).toMatchObject({
        state: InboundMailState.Ignored,
        reason,
        ticketId: target.ticket.id,
      });
    });

    it('added none of them to the ticket', async () => {
      expect(
        (await ticket(target.ticket.id)).messages.filter((message) => message.via === MessageVia.Email),
      ).toHaveLength(0);
    });
  });

  it('rate-limits mail through one reply address, so a broken auto-responder cannot flood a ticket', async () => {
    const { ticket: opened, ownerReplyTo } = await ticketWithAddresses();
    for (let i = 1; i <= RATE_LIMIT + 1; i++) {
      const result = await smtpTransaction(system.smtpPort, {
        from: email.owner,
        to: [ownerReplyTo],
        message: rawMessage(
          { From: email.owner, To: ownerReplyTo, Subject: `Rate ${opened.id} ${i}` },
          `Reply number ${i}`,
        ),
      });
      expect(result.final?.code).toBe(250);
    }
    await emailMessages(opened.id, RATE_LIMIT);
    expect(await bySubject(`Rate ${opened.id} ${RATE_LIMIT + 1}`)).toMatchObject({
      state: InboundMailState.Ignored,
      reason: InboundMailReason.RateLimited,
    });
  });

  it('records a reply that is empty once its quoted history is removed as ignored, with the original kept', async () => {
    const { ticket: opened, ownerReplyTo, toOwner } = await ticketWithAddresses();
    const subject = uniqueName('Only a quote');
    await send({ from: email.owner, to: ownerReplyTo, subject, text: quotedReply('', toOwner) });
    expect(await bySubject(subject)).toMatchObject({
      state: InboundMailState.Ignored,
      reason: InboundMailReason.Empty,
      hasRaw: true,
    });
    expect((await ticket(opened.id)).messages.filter((message) => message.via === MessageVia.Email)).toHaveLength(0);
  });

  // ---- what the text becomes ---------------------------------------------------------------------

  it('decodes the charsets and transfer encodings real clients send, and converts HTML-only mail to plain text', async () => {
    const { ticket: opened, ownerReplyTo } = await ticketWithAddresses();
    const cases: [Record<string, string>, string | Buffer, string][] = [
      [
        { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Transfer-Encoding': 'base64' },
        Buffer.from('Grüße, 你好 — ✓').toString('base64'),
        'Grüße, 你好 — ✓',
      ],
      [
        { 'Content-Type': 'text/plain; charset=ISO-8859-1', 'Content-Transfer-Encoding': 'quoted-printable' },
        'Gr=FC=DFe aus M=FCnchen',
        'Grüße aus München',
      ],
      [
        { 'Content-Type': 'text/plain; charset=windows-1252', 'Content-Transfer-Encoding': 'quoted-printable' },
        '=93Smart quotes=94 cost =8010',
        '“Smart quotes” cost €10',
      ],
      [
        { 'Content-Type': 'text/plain; charset=ISO-2022-JP', 'Content-Transfer-Encoding': '7bit' },
        Buffer.from('1b244224332473244b2441244f21224a563f2e2447243921231b2842', 'hex'),
        'こんにちは、返信です。',
      ],
      [
        { 'Content-Type': 'text/plain; charset=utf-8; format=flowed' },
        'A line my client wrapped \r\nat 72 columns.',
        'A line my client wrapped at 72 columns.',
      ],
      [
        { 'Content-Type': 'text/html; charset=utf-8' },
        '<div>Works <b>now</b>!<script>alert(1)</script><img src="x" onerror="alert(2)"></div>',
        'Works now!',
      ],
    ];
    for (const [headers, body] of cases) {
      const result = await smtpTransaction(system.smtpPort, {
        from: email.owner,
        to: [ownerReplyTo],
        message: rawMessage(
          { From: email.owner, To: ownerReplyTo, Subject: 'Charsets', 'MIME-Version': '1.0', ...headers },
          body,
        ),
      });
      expect(result.final?.code).toBe(250);
    }
    const messages = await emailMessages(opened.id, cases.length);
    expect(messages.map((message) => message.body).sort()).toEqual(cases.map(([, , expected]) => expected).sort());
    expect(messages.some((message) => /[<>]/.test(message.body))).toBe(false);
  });

  it('carries allowed attachments over, drops a disallowed one and tells staff in a note', async () => {
    const { ticket: opened, ownerReplyTo } = await ticketWithAddresses();
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
    await send({
      from: email.owner,
      to: ownerReplyTo,
      subject: 'Files',
      text: 'Here are the invoice and the log.',
      attachments: [
        { filename: 'invoice.pdf', content: pdf, contentType: 'application/pdf' },
        { filename: 'server.log', content: 'ERROR payment failed\n', contentType: 'text/plain' },
        {
          filename: 'setup.exe',
          content: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]),
          contentType: 'application/octet-stream',
        },
      ],
    });
    const [reply, note] = await emailMessages(opened.id, 2);
    expect(reply.body).toBe('Here are the invoice and the log.');
    expect(reply.attachments.map((file) => [file.filename, file.contentType])).toEqual([
      ['invoice.pdf', 'application/pdf'],
      ['server.log', expect.stringMatching(/^text\/plain/)],
    ]);
    expect(note.internal).toBe(true);
    expect(note.body).toContain('- setup.exe: ');
    const download = await fetch(`${system.baseUrl}/api/attachments/${reply.attachments[0].id}`, {
      headers: { authorization: `Bearer ${world.owner.token}` },
    });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(pdf);
    expect((await ticket(opened.id, world.owner)).messages.some((message) => message.internal)).toBe(false);
    expect(await inboundWhere((mail) => mail.addedMessageId === reply.id)).toMatchObject({
      attachmentIds: reply.attachments.map((file) => file.id),
      droppedAttachments: [{ filename: 'setup.exe', reason: expect.any(String) }],
    });
  });

  // ---- matching without a token --------------------------------------------------------------------

  it('matches a reply to our From address by its In-Reply-To for the verified ticket client; staff there only make a note', async () => {
    const { ticket: opened, toOwner, toAlice } = await ticketWithAddresses();
    await send({
      from: email.owner,
      to: SUPPORT,
      subject: `Re: ${toOwner.parsed.subject}`,
      inReplyTo: toOwner.parsed.messageId,
      text: 'Replying to the From address.',
    });
    // Staff write by email only through their own reply address: anything else is a note naming them.
    await send({
      from: email.alice,
      to: SUPPORT,
      subject: 'no tag here',
      references: [toAlice.parsed.messageId as string],
      text: 'Staff replying to From.',
    });
    const messages = await emailMessages(opened.id, 2);
    const reply = messages.find((message) => !message.internal);
    const note = messages.find((message) => message.internal);
    expect(reply).toMatchObject({ author: { id: world.ownerId }, body: 'Replying to the From address.' });
    expect(note?.author).toMatchObject({ kind: PrincipalKind.Staff, id: 0 });
    expect(note?.body).toMatch(new RegExp(`^Unverified mail from ${email.alice.replace(/[.+]/g, '\\$&')}`));
    expect(await inboundWhere((mail) => mail.addedMessageId === reply?.id)).toMatchObject({
      route: InboundMailRoute.Thread,
      senderVerdict: expect.objectContaining({ dkim: 'pass', aligned: true }),
    });

    await expect(
      send({
        from: email.other,
        to: SUPPORT,
        subject: 'Re: hello',
        inReplyTo: toOwner.parsed.messageId,
        text: 'Sneaking in.',
      }),
    ).rejects.toMatchObject({ responseCode: 550 });
  });

  it('matches a [#id] subject tag last, only for the verified ticket client', async () => {
    const opened = await openTicket();
    await send({
      from: email.owner,
      to: SUPPORT,
      subject: `Re: [#${opened.id}] about my ticket`,
      text: 'Tagged by hand.',
    });
    const [message] = await emailMessages(opened.id, 1);
    expect(message).toMatchObject({
      author: { kind: PrincipalKind.Client, id: world.ownerId },
      body: 'Tagged by hand.',
    });
    expect(await inboundWhere((mail) => mail.addedMessageId === message.id)).toMatchObject({
      route: InboundMailRoute.SubjectTag,
    });
    await expect(
      send({ from: email.other, to: SUPPORT, subject: `[#${opened.id}] mine now`, text: 'x' }),
    ).rejects.toMatchObject({
      responseCode: 550,
    });
  });

  // ---- department addresses -------------------------------------------------------------------------

  it("opens a ticket from a known client's mail to a department's address; refuses unknown senders unless allowed", async () => {
    const address = `${uniqueName('billing')}@${DOMAIN}`.toLowerCase();
    const department = await bodyOf(
      world.admin.post('/api/departments', { name: uniqueName('Mailed'), email: address.toUpperCase() }),
      201,
    );
    expect(department.email).toBe(address);
    await expect(
      bodyOf(world.admin.post('/api/departments', { name: uniqueName('Twin'), email: address })),
    ).rejects.toThrow(/409/);

    const subject = uniqueName('Charged twice');
    await send({
      from: { name: 'Olivia', address: email.owner },
      to: address,
      subject,
      text: 'My card was charged twice.\n\n-- \nOlivia Owner\nACME Ltd.',
      attachments: [
        { filename: 'statement.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n'), contentType: 'application/pdf' },
      ],
    });
    const logged = await bySubject(subject);
    expect(logged).toMatchObject({
      state: InboundMailState.Added,
      reason: InboundMailReason.Opened,
      route: InboundMailRoute.Department,
    });
    const opened = await ticket(logged.ticketId as number, world.owner);
    expect(opened).toMatchObject({
      subject,
      department: { id: department.id },
      client: { id: world.ownerId },
      status: TicketStatus.Open,
    });
    expect(opened.messages[0]).toMatchObject({ body: 'My card was charged twice.', via: MessageVia.Email });
    expect(opened.messages[0].attachments.map((file) => file.filename)).toEqual(['statement.pdf']);

    const stranger = `${uniqueName('stranger')}@somewhere.test`.toLowerCase();
    await expect(send({ from: stranger, to: address, subject: 'Hi', text: 'New here.' })).rejects.toMatchObject({
      responseCode: 550,
      response: expect.stringMatching(/5\.7\.1 We have no account for/),
    });
    const newcomerSubject = uniqueName('Newcomer');
    await send(
      { from: { name: 'Nina Newcomer', address: stranger }, to: address, subject: newcomerSubject, text: 'New here.' },
      lenientPort,
    );
    const created = await bySubject(newcomerSubject);
    expect(created).toMatchObject({ state: InboundMailState.Added, reason: InboundMailReason.Opened });
    const clients = await bodyOf(world.admin.get(`/api/clients?q=${encodeURIComponent(stranger)}`));
    expect(clients.items).toEqual([expect.objectContaining({ email: stranger, name: 'Nina Newcomer' })]);
    expect((await ticket(created.ticketId as number, world.admin)).client.id).toBe(clients.items[0].id);
  });

  // ---- closed tickets ---------------------------------------------------------------------------------

  it('follows the department policy for replies to closed tickets: reopen, refuse, or a new linked ticket after N days', async () => {
    const reopening = await ticketWithAddresses();
    await bodyOf(world.staffA.patch(`/api/tickets/${reopening.ticket.id}`, { status: TicketStatus.Closed }));
    await send({ from: email.owner, to: reopening.ownerReplyTo, subject: 'Re: closed', text: 'It broke again.' });
    await emailMessages(reopening.ticket.id, 1);
    expect((await ticket(reopening.ticket.id)).status).toBe(TicketStatus.CustomerReply);

    const policyDepartment = async (replyToClosedPolicy: ReplyToClosedPolicy, reopenWithinDays?: number) => {
      const department = await bodyOf(
        world.admin.post('/api/departments', { name: uniqueName('Policy'), replyToClosedPolicy, reopenWithinDays }),
        201,
      );
      expect(department).toMatchObject({ replyToClosedPolicy, reopenWithinDays: reopenWithinDays ?? null });
      const opened = await bodyOf<TicketView>(
        world.owner.post('/api/tickets', {
          departmentId: department.id,
          subject: uniqueName('Closed'),
          message: 'Help.',
        }),
        201,
      );
      const ack = await notification(opened.id, email.owner);
      await bodyOf(world.admin.patch(`/api/tickets/${opened.id}`, { status: TicketStatus.Closed }));
      return { opened, replyTo: replyToOf(ack) };
    };

    const refusing = await policyDepartment(ReplyToClosedPolicy.Refuse);
    const refusedSubject = uniqueName('Too late');
    await expect(
      send({ from: email.owner, to: refusing.replyTo, subject: refusedSubject, text: 'Me again.' }),
    ).rejects.toMatchObject({
      responseCode: 550,
      response: expect.stringMatching(new RegExp(`5\\.7\\.1 Ticket #${refusing.opened.id} is closed`)),
    });
    expect(await bySubject(refusedSubject)).toMatchObject({
      state: InboundMailState.Refused,
      reason: InboundMailReason.TicketClosed,
    });
    expect((await ticket(refusing.opened.id, world.admin)).status).toBe(TicketStatus.Closed);

    const lapsing = await policyDepartment(ReplyToClosedPolicy.NewTicketAfterDays, 2);
    const recent = await policyDepartment(ReplyToClosedPolicy.NewTicketAfterDays, 2);
    await db.query(`UPDATE "tickets"."tickets" SET "closed_at" = now() - interval '3 days' WHERE "id" = $1`, [
      lapsing.opened.id,
    ]);
    const lateSubject = uniqueName('Late');
    await send({ from: email.owner, to: lapsing.replyTo, subject: lateSubject, text: 'Same problem, months later.' });
    await send({ from: email.owner, to: recent.replyTo, subject: 'Re: recent', text: 'Still broken.' });

    const late = await bySubject(lateSubject);
    expect(late).toMatchObject({ state: InboundMailState.Added, reason: InboundMailReason.NewTicket });
    expect(late.ticketId).not.toBe(lapsing.opened.id);
    const followUp = await ticket(late.ticketId as number, world.admin);
    expect(followUp).toMatchObject({
      subject: lapsing.opened.subject,
      department: lapsing.opened.department,
      client: { id: world.ownerId },
    });
    expect(followUp.messages[0]).toMatchObject({
      body: 'Same problem, months later.',
      via: MessageVia.Email,
      internal: false,
    });
    expect(
      followUp.messages.some((message) => message.internal && message.body.includes(`ticket #${lapsing.opened.id}`)),
    ).toBe(true);
    const old = await ticket(lapsing.opened.id, world.admin);
    expect(old.status).toBe(TicketStatus.Closed);
    expect(old.messages.some((message) => message.internal && message.body.includes(`ticket #${followUp.id}`))).toBe(
      true,
    );

    await emailMessages(recent.opened.id, 1);
    expect((await ticket(recent.opened.id, world.admin)).status).toBe(TicketStatus.CustomerReply);
  });

  // ---- the inbound log -------------------------------------------------------------------------------

  it('shows staff the mails of their departments with the raw source; refusals to admins only; nothing to clients', async () => {
    const { ticket: opened, ownerReplyTo } = await ticketWithAddresses();
    const subject = uniqueName('Log me');
    const raw = rawMessage({ From: email.owner, To: ownerReplyTo, Subject: subject }, 'Where did my reply go?');
    expect(
      (await smtpTransaction(system.smtpPort, { from: email.owner, to: [ownerReplyTo], message: raw })).final?.code,
    ).toBe(250);
    const added = await bySubject(subject);
    expect(added.state).toBe(InboundMailState.Added);
    const refusedSubject = uniqueName('Refused');
    await smtpTransaction(system.smtpPort, {
      from: email.other,
      to: [ownerReplyTo],
      message: rawMessage({ From: email.other, To: ownerReplyTo, Subject: refusedSubject }, 'Not mine.'),
    });
    const refused = await bySubject(refusedSubject);

    const ofTicket = await inbound(`?ticketId=${opened.id}`, world.staffA);
    expect(ofTicket.items.map((mail) => mail.id)).toEqual([added.id]);
    expect((await inbound(`?ticketId=${opened.id}`)).items.map((mail) => mail.id)).toEqual([refused.id, added.id]);
    expect((await inbound('?limit=100', world.staffA)).items.some((mail) => mail.id === added.id)).toBe(true);
    expect(
      (await inbound('?limit=100', world.staffA)).items.some((mail) => mail.state === InboundMailState.Refused),
    ).toBe(false);
    expect((await inbound('?limit=100', world.staffB)).items.some((mail) => mail.ticketId === opened.id)).toBe(false);
    expect((await world.staffB.get(`/api/inbound-mails?ticketId=${opened.id}`)).status).toBe(404);
    expect((await world.staffB.get(`/api/inbound-mails/${added.id}`)).status).toBe(404);
    expect((await world.staffA.get(`/api/inbound-mails/${refused.id}`)).status).toBe(404);
    expect((await world.owner.get('/api/inbound-mails')).status).toBe(403);
    expect((await world.owner.get(`/api/inbound-mails/${added.id}`)).status).toBe(403);
    expect(await bodyOf(world.staffA.get(`/api/inbound-mails/${added.id}`))).toMatchObject({
      id: added.id,
      ticketId: opened.id,
    });

    const download = await fetch(`${system.baseUrl}/api/inbound-mails/${added.id}/raw`, {
      headers: { authorization: `Bearer ${world.staffA.token}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('message/rfc822');
    expect(download.headers.get('content-disposition')).toContain(`inbound-mail-${added.id}.eml`);
    const source = await download.text();
    expect(source).toContain(`Subject: ${subject}`);
    expect(source).toContain('Where did my reply go?');
    expect((await world.staffB.get(`/api/inbound-mails/${added.id}/raw`)).status).toBe(404);
    expect((await world.admin.get(`/api/inbound-mails/${refused.id}/raw`)).status).toBe(200);

    const first = await inbound('?limit=1');
    const second = await inbound(`?limit=1&cursor=${first.nextCursor}`);
    expect(second.items[0].id).toBeLessThan(first.items[0].id);
  });
});
