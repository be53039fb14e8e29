import { Logger } from '@nestjs/common';
import {
  EmailKind,
  EmailState,
  ErrorCode,
  PrincipalKind,
  TicketEmailView,
  TicketPatterns,
  TicketView,
} from '@helpdesk/contracts';
import { messageIdsIn, ReplyTokens, ticketIdFromMessageId, tokenFromReplyAddress } from '@helpdesk/mail';
import { TicketsClient } from '@helpdesk/messaging';
import {
  ApiClient,
  bodyOf,
  createStaff,
  createTicket,
  createWorld,
  expectEventually,
  ReceivedMail,
  SmtpSink,
  TEST_MAIL,
  TestSystem,
  World,
} from '@helpdesk/testing';
import amqp from 'amqplib';
import { randomUUID } from 'node:crypto';

const DEAD_LETTERS = 'notifications.ticket-events.dead';
const PUBLIC_URL = 'https://help.example.test';

describe('notifications', () => {
  let sink: SmtpSink;
  let system: TestSystem;
  let world: World;
  let tokens: ReplyTokens;
  /** Addresses of the cast: the department A staff are Alice (staffA) and Alan; Bob works in B. */
  const email = { owner: '', alice: '', alan: '', bob: '', inactive: '' };
  let alanId: number;
  let tickets: TicketsClient;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    system = await TestSystem.start('notifications', {
      services: ['access', 'tickets', 'notifications', 'gateway'],
      serviceEnv: { notifications: { SMTP_URL: sink.url, PUBLIC_URL, MAIL_FROM: 'Helpdesk <support@helpdesk.test>' } },
    });
    world = await createWorld(system.api(), await system.admin());
    tokens = new ReplyTokens(TEST_MAIL.tokenSecret);
    const addressOf = async (path: string) => (await bodyOf(world.admin.get(path))).email as string;
    email.owner = await addressOf(`/api/clients/${world.ownerId}`);
    email.alice = await addressOf(`/api/staff/${world.staffAId}`);
    email.bob = await addressOf(`/api/staff/${world.staffBId}`);
    const newStaffOfA = (name: string) => createStaff(world.admin, { name, departmentIds: [world.departmentA.id] });
    const second = await newStaffOfA('Alan Second');
    alanId = second.id;
    email.alan = second.email;
    const inactive = await newStaffOfA('Ivy Inactive');
    email.inactive = inactive.email;
    await bodyOf(world.admin.patch(`/api/staff/${inactive.id}`, { active: false }));
    // tickets.open-by-email has no HTTP route: mail-ingress sends it, as this client does.
    Logger.overrideLogger(['error', 'warn']);
    tickets = new TicketsClient({ url: system.isolation.rabbitmqUrl, timeoutMs: 10_000 });
  }, 120_000);

  afterAll(async () => {
    await tickets?.onModuleDestroy();
    await system?.stop();
    await sink?.stop();
  }, 60_000);

  const openTicket = (subject: string, message = 'My card was charged twice.'): Promise<TicketView> =>
    createTicket(world.owner, { departmentId: world.departmentA.id, subject, message });
  const about = (ticketId: number, address: string) =>
    sink.to(address).filter((mail) => mail.parsed.subject?.startsWith(`[#${ticketId}] `));
  /** Waits until exactly `count` mails about the ticket reached `address`. */
  const mailsAbout = (ticketId: number, address: string, count: number, timeoutMs = 15_000) =>
    expectEventually(() => {
      const mails = about(ticketId, address);
      expect(mails.map((mail) => mail.parsed.subject)).toHaveLength(count);
      return mails;
    }, timeoutMs);
  const log = async (ticketId: number, client: ApiClient = world.staffA): Promise<TicketEmailView[]> =>
    bodyOf(client.get(`/api/tickets/${ticketId}/emails`), 200);
  const kindsTo = (entries: TicketEmailView[], address: string) =>
    entries.filter((entry) => entry.recipient.email === address).map((entry) => entry.kind);
  const last = (mails: ReceivedMail[]) => mails[mails.length - 1];
  /** Opens a ticket as the owner, as mail-ingress does for a mail fetched from a mailbox, written to `writtenTo`. */
  const openByEmailTo = async (writtenTo: string, subject: string): Promise<number> => {
    const owner = await bodyOf<{ name: string }>(world.admin.get(`/api/clients/${world.ownerId}`));
    const opened = await tickets.send(TicketPatterns.OpenByEmail, {
      principal: {
        kind: PrincipalKind.Client,
        id: world.ownerId,
        name: owner.name,
        email: email.owner,
        departmentIds: [],
      },
      departmentId: world.departmentA.id,
      subject,
      message: 'Hello, my invoice is wrong.',
      externalId: `notifications-e2e:${randomUUID()}`,
      writtenTo,
    });
    return opened.ticketId;
  };

  it('a new ticket: an acknowledgement to the client, a notice to each active staff member of the department', async () => {
    const ticket = await openTicket('Invoice charged twice');
    const [ack] = await mailsAbout(ticket.id, email.owner, 1);
    const [toAlice] = await mailsAbout(ticket.id, email.alice, 1);
    await mailsAbout(ticket.id, email.alan, 1);
    expect(ack.parsed.subject).toBe(`[#${ticket.id}] Invoice charged twice`);
    expect(ack.parsed.text).toContain(`opened ticket #${ticket.id}`);
    expect(ack.parsed.text).toContain(`${PUBLIC_URL}/client/tickets/${ticket.id}`);
    expect(toAlice.parsed.text).toContain('My card was charged twice.');
    expect(toAlice.parsed.text).toContain(`${PUBLIC_URL}/admin/tickets/${ticket.id}`);

    const entries = await log(ticket.id);
    expect(entries.map((entry) => [entry.kind, entry.recipient.email]).sort()).toEqual(
      [
        [EmailKind.Acknowledgement, email.owner],
        [EmailKind.NewTicket, email.alice],
        [EmailKind.NewTicket, email.alan],
      ].sort(),
    );
    expect(about(ticket.id, email.bob)).toHaveLength(0);
    expect(about(ticket.id, email.inactive)).toHaveLength(0);
  });

  it('names the ticket in the subject, signs the Reply-To and Message-ID, and keeps auto-responders quiet', async () => {
    const ticket = await openTicket('Headers please');
    const [ack] = await mailsAbout(ticket.id, email.owner, 1);
    const [notice] = await mailsAbout(ticket.id, email.alice, 1);

    const replyTo = ack.parsed.replyTo?.value[0].address as string;
    expect(replyTo).toMatch(new RegExp(`^reply\\+${ticket.id}-c${world.ownerId}-[a-z2-7]{20}@helpdesk\\.test$`));
    expect(replyTo.split('@')[0].length).toBeLessThanOrEqual(64);
    const token = tokenFromReplyAddress(replyTo, { localPart: 'reply', domain: TEST_MAIL.domain }) as string;
    expect(tokens.verify(token)).toEqual({
      ticketId: ticket.id,
      recipient: { kind: PrincipalKind.Client, id: world.ownerId },
      purpose: 'reply',
    });
    expect(tokens.verify(token.toUpperCase())).not.toBeNull();
    expect(new ReplyTokens('some-other-secret-of-enough-length').verify(token)).toBeNull();
    expect(ticketIdFromMessageId(ack.parsed.messageId as string, TEST_MAIL.domain)).toBe(ticket.id);
    expect(ack.parsed.messageId).not.toContain(token.split('-')[2]);

    const staffToken = tokenFromReplyAddress(notice.parsed.replyTo?.value[0].address as string, {
      localPart: 'reply',
      domain: TEST_MAIL.domain,
    });
    expect(tokens.verify(staffToken as string)).toEqual({
      ticketId: ticket.id,
      recipient: { kind: PrincipalKind.Staff, id: world.staffAId },
      purpose: 'reply',
    });

    expect(ack.envelope.to).toEqual([email.owner]);
    expect(ack.parsed.from?.value[0]).toMatchObject({ address: 'support@helpdesk.test', name: 'Helpdesk' });
    expect(ack.header('Auto-Submitted')).toBe('auto-generated');
    expect(ack.header('X-Auto-Response-Suppress')).toBe('All');
    expect(ack.header('Precedence')).toBe('bulk');
    expect(ack.header('Thread-Topic')).toBe(`[#${ticket.id}] Headers please`);
    expect(ack.header('Thread-Index')).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(ack.header('Content-Type')).toMatch(/^multipart\/alternative/);
    expect(ack.parsed.text).toBeTruthy();
    expect(ack.parsed.html).toBeTruthy();
  });

  it('a ticket written to a support address: its mails go out From it, Reply-To still its token; never its own CC', async () => {
    const writtenTo = 'help@company.test';
    const ticketId = await openByEmailTo(writtenTo, 'Written to an alias');
    expect(await bodyOf(world.staffA.get(`/api/tickets/${ticketId}`))).toMatchObject({ writtenTo });
    expect(await bodyOf(world.staffA.post(`/api/tickets/${ticketId}/ccs`, { email: writtenTo }), 422)).toMatchObject({
      code: ErrorCode.CcIsSystemAddress,
    });

    await bodyOf(world.staffA.post(`/api/tickets/${ticketId}/replies`, { message: 'Looking into it.' }));
    const toOwner = await mailsAbout(ticketId, email.owner, 2);
    const [toAlice] = await mailsAbout(ticketId, email.alice, 1);
    for (const mail of [...toOwner, toAlice]) {
      expect(mail.parsed.from?.value).toEqual([expect.objectContaining({ name: 'Helpdesk', address: writtenTo })]);
      expect(mail.parsed.replyTo?.value[0].address).toMatch(new RegExp(`^reply\\+${ticketId}-[cs]\\d+-[a-z2-7]{20}@`));
      expect(ticketIdFromMessageId(mail.parsed.messageId as string, TEST_MAIL.domain)).toBe(ticketId);
    }
    expect(toOwner[1].parsed.inReplyTo).toBe(toOwner[0].parsed.messageId);
  });

  it('a staff reply reaches the client in the same thread, escaped in HTML; a client reply reaches the department', async () => {
    const ticket = await openTicket('Threading');
    const [ack] = await mailsAbout(ticket.id, email.owner, 1);
    await mailsAbout(ticket.id, email.alice, 1);

    await bodyOf(
      world.staffA.post(`/api/tickets/${ticket.id}/replies`, { message: 'Fixed it.\n<script>alert("x")</script>' }),
    );
    const [, reply] = await mailsAbout(ticket.id, email.owner, 2);
    expect(reply.parsed.subject).toBe(ack.parsed.subject);
    expect(reply.parsed.text).toContain('<script>alert("x")</script>');
    expect(reply.parsed.html).not.toContain('<script>');
    expect(reply.parsed.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(reply.parsed.inReplyTo).toBe(ack.parsed.messageId);
    expect(messageIdsIn(reply.header('References'))).toEqual([ack.parsed.messageId]);

    await bodyOf(world.owner.post(`/api/tickets/${ticket.id}/replies`, { message: 'Thanks, works now.' }));
    const toAlice = await mailsAbout(ticket.id, email.alice, 2);
    await mailsAbout(ticket.id, email.alan, 2);
    expect(last(toAlice).parsed.text).toContain('Thanks, works now.');
    expect(last(toAlice).parsed.inReplyTo).toBe(toAlice[0].parsed.messageId);

    await bodyOf(world.staffA.post(`/api/tickets/${ticket.id}/replies`, { message: 'Glad to hear.' }));
    const toOwner = await mailsAbout(ticket.id, email.owner, 3);
    expect(toOwner[2].parsed.inReplyTo).toBe(toOwner[1].parsed.messageId);
    expect(messageIdsIn(toOwner[2].header('References'))).toEqual([
      toOwner[0].parsed.messageId,
      toOwner[1].parsed.messageId,
    ]);
    const heads = toOwner.map((mail) =>
      Buffer.from(mail.header('Thread-Index') as string, 'base64')
        .subarray(0, 22)
        .toString('hex'),
    );
    expect(new Set(heads).size).toBe(1);
    // Nobody is told about their own reply.
    expect(kindsTo(await log(ticket.id), email.alice)).toEqual([EmailKind.NewTicket, EmailKind.ClientReply]);
  });

  it('an internal note goes to the other staff of the ticket, never to the client', async () => {
    const ticket = await openTicket('Note');
    await mailsAbout(ticket.id, email.alan, 1);
    await bodyOf(world.staffA.post(`/api/tickets/${ticket.id}/notes`, { message: 'Refund needs approval.' }));
    const [, note] = await mailsAbout(ticket.id, email.alan, 2);
    expect(note.parsed.text).toContain('Refund needs approval.');
    expect(note.parsed.text).toContain('Reply to this email to add another internal note');
    expect(note.parsed.html).toContain('Reply to this email to add another internal note');
    const noteToken = tokenFromReplyAddress(note.parsed.replyTo?.value[0].address as string, {
      localPart: 'reply',
      domain: TEST_MAIL.domain,
    });
    expect(tokens.verify(noteToken as string)).toEqual({
      ticketId: ticket.id,
      recipient: { kind: PrincipalKind.Staff, id: alanId },
      purpose: 'note',
    });
    const entries = await log(ticket.id);
    expect(kindsTo(entries, email.owner)).toEqual([EmailKind.Acknowledgement]);
    expect(kindsTo(entries, email.alice)).toEqual([EmailKind.NewTicket]);
    expect(about(ticket.id, email.owner).some((mail) => mail.parsed.text?.includes('Refund needs approval.'))).toBe(
      false,
    );
  });

  it('assignment: the new assignee is told, and client replies then go to the assignee only', async () => {
    const ticket = await openTicket('Assign me');
    await mailsAbout(ticket.id, email.alan, 1);
    await bodyOf(world.staffA.patch(`/api/tickets/${ticket.id}`, { assigneeId: alanId }));
    const [, assigned] = await mailsAbout(ticket.id, email.alan, 2);
    expect(assigned.parsed.text).toContain(`assigned ticket #${ticket.id}`);

    await bodyOf(world.owner.post(`/api/tickets/${ticket.id}/replies`, { message: 'Any news?' }));
    await mailsAbout(ticket.id, email.alan, 3);
    const entries = await log(ticket.id);
    expect(kindsTo(entries, email.alan)).toEqual([EmailKind.NewTicket, EmailKind.Assigned, EmailKind.ClientReply]);
    expect(kindsTo(entries, email.alice)).toEqual([EmailKind.NewTicket]);

    // Assigning a ticket to yourself mails nobody.
    await bodyOf(world.staffA.patch(`/api/tickets/${ticket.id}`, { assigneeId: world.staffAId }));
    await bodyOf(world.staffA.post(`/api/tickets/${ticket.id}/replies`, { message: 'On it.' }));
    await mailsAbout(ticket.id, email.owner, 2);
    expect(kindsTo(await log(ticket.id), email.alice)).toEqual([EmailKind.NewTicket]);
  });

  it('closing, by staff or automatically (after a reminder), tells the client once, even when delivered twice', async () => {
    const ticket = await openTicket('Close me');
    await mailsAbout(ticket.id, email.owner, 1);
    await bodyOf(world.staffA.patch(`/api/tickets/${ticket.id}`, { status: 'closed' }));
    const [, closed] = await mailsAbout(ticket.id, email.owner, 2);
    expect(closed.parsed.text).toMatch(/closed your ticket/);

    // The auto-close sweep publishes a reminder, then the same event with reason "auto"; the
    // close is delivered twice here, as a redelivery would.
    const facts = {
      id: ticket.id,
      subject: ticket.subject,
      status: 'answered',
      priority: ticket.priority,
      departmentId: ticket.department.id,
      departmentName: ticket.department.name,
      clientId: ticket.client.id,
      clientName: ticket.client.name,
      assigneeId: null,
      assigneeName: null,
    };
    const autoClose = { windowMs: 7 * 86_400_000, windowDays: 7, closesAt: '2030-01-02T00:00:00.000Z', daysLeft: 2 };
    const actor = { kind: 'system', id: null, name: 'Auto-close' };
    const reminder = { ticket: facts, actor, reason: 'auto', autoClose };
    await publish([
      {
        eventId: randomUUID(),
        name: 'ticket.auto-close-reminder',
        occurredAt: new Date().toISOString(),
        payload: reminder,
      },
    ]);
    const reminded = await mailsAbout(ticket.id, email.owner, 3);
    expect(last(reminded).parsed.text).toContain('will be closed automatically on 2 January 2030 (in 2 days)');
    const auto = {
      eventId: randomUUID(),
      name: 'ticket.closed',
      occurredAt: new Date().toISOString(),
      payload: {
        ticket: { ...facts, status: 'closed' },
        actor,
        changes: { status: { from: 'answered', to: 'closed' } },
        reason: 'auto',
        autoClose: { ...autoClose, daysLeft: 0 },
      },
    };
    await publish([auto, auto]);
    const mails = await mailsAbout(ticket.id, email.owner, 4);
    expect(last(mails).parsed.text).toContain('closed automatically, as it saw no activity for 7 days');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(about(ticket.id, email.owner)).toHaveLength(4);
  });

  it('while the SMTP server is down mail waits, and arrives once when it is back', async () => {
    const ticket = await openTicket('Outage');
    await mailsAbout(ticket.id, email.owner, 1);
    await sink.stop();
    await bodyOf(world.staffA.post(`/api/tickets/${ticket.id}/replies`, { message: 'Sent during the outage.' }));
    const waiting = await expectEventually(async () => {
      const entry = (await log(ticket.id)).find((candidate) => candidate.kind === EmailKind.StaffReply);
      expect(entry).toMatchObject({ state: EmailState.Pending, lastError: expect.any(String) });
      expect(entry?.attempts).toBeGreaterThanOrEqual(2);
      return entry as TicketEmailView;
    });
    expect(waiting.sentAt).toBeNull();

    await sink.start();
    const [, reply] = await mailsAbout(ticket.id, email.owner, 2);
    expect(reply.parsed.text).toContain('Sent during the outage.');
    await expectEventually(async () => {
      const entry = (await log(ticket.id)).find((candidate) => candidate.kind === EmailKind.StaffReply);
      expect(entry).toMatchObject({ state: EmailState.Sent, sentAt: expect.any(String) });
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(about(ticket.id, email.owner)).toHaveLength(2);
  });

  it('an event that does not fit the contract ends in the dead-letter queue', async () => {
    const before = await deadLetterCount();
    await publish([
      {
        eventId: randomUUID(),
        name: 'ticket.replied',
        occurredAt: new Date().toISOString(),
        payload: { garbage: true },
      },
      'not even json',
    ]);
    await expectEventually(async () => expect(await deadLetterCount()).toBe(before + 2));
    // The consumer goes on with the next events.
    const ticket = await openTicket('After the poison');
    await mailsAbout(ticket.id, email.owner, 1);
  });

  it('GET /api/tickets/:id/emails: staff who see the ticket yes, the client 403, other departments 404', async () => {
    const ticket = await openTicket('Who may see the log');
    await mailsAbout(ticket.id, email.owner, 1);
    const entries = await expectEventually(async () => {
      const found = await log(ticket.id, world.admin);
      expect(found.every((entry) => entry.state === EmailState.Sent)).toBe(true);
      return found;
    });
    expect(entries[0]).toEqual({
      id: expect.any(Number),
      ticketId: ticket.id,
      kind: EmailKind.Acknowledgement,
      event: 'ticket.opened',
      recipient: { kind: PrincipalKind.Client, id: world.ownerId, name: ticket.client.name, email: email.owner },
      subject: `[#${ticket.id}] Who may see the log`,
      messageId: about(ticket.id, email.owner)[0].parsed.messageId,
      state: EmailState.Sent,
      attempts: 1,
      lastError: null,
      skipReason: null,
      createdAt: expect.any(String),
      sentAt: expect.any(String),
    });
    expect((await world.owner.get(`/api/tickets/${ticket.id}/emails`)).status).toBe(403);
    expect((await world.otherClient.get(`/api/tickets/${ticket.id}/emails`)).status).toBe(403);
    expect((await world.staffB.get(`/api/tickets/${ticket.id}/emails`)).status).toBe(404);
    expect((await world.staffA.get(`/api/tickets/999999999/emails`)).status).toBe(404);
    expect((await system.api().get(`/api/tickets/${ticket.id}/emails`)).status).toBe(401);
  });

  it('GET /api/tickets/:id/emails shows no reply token, to the staff of the department nor to an admin', async () => {
    const ticket = await openTicket('Tokens are credentials');
    const mails = [
      ...(await mailsAbout(ticket.id, email.owner, 1)),
      ...(await mailsAbout(ticket.id, email.alice, 1)),
      ...(await mailsAbout(ticket.id, email.alan, 1)),
    ];
    const sentTokens = mails.map(
      (mail) =>
        tokenFromReplyAddress(mail.parsed.replyTo?.value[0].address as string, {
          localPart: 'reply',
          domain: TEST_MAIL.domain,
        }) as string,
    );
    expect(sentTokens.every((token) => tokens.verify(token) !== null)).toBe(true);
    for (const reader of [world.staffA, world.admin]) {
      const response = await reader.get(`/api/tickets/${ticket.id}/emails`);
      expect(response.status).toBe(200);
      const body = JSON.stringify(response.body);
      for (const token of sentTokens) {
        expect(body).not.toContain(token);
        expect(body).not.toContain(token.split('-')[2]);
      }
    }
    expect((await world.owner.get(`/api/tickets/${ticket.id}/emails`)).status).toBe(403);
  });

  describe('who gets staff mail is checked again at send time', () => {
    const newStaffOfA = async (name: string) => {
      const member = await createStaff(world.admin, { name, departmentIds: [world.departmentA.id] });
      return { id: member.id, address: member.email };
    };

    it('a staff member taken out of the department gets no more mail about its tickets, even as assignee', async () => {
      const dora = await newStaffOfA('Dora Moved');
      const ticket = await openTicket('Assigned, then moved away');
      await mailsAbout(ticket.id, dora.address, 1);
      await bodyOf(world.staffA.patch(`/api/tickets/${ticket.id}`, { assigneeId: dora.id }));
      await mailsAbout(ticket.id, dora.address, 2);

      await bodyOf(world.admin.patch(`/api/staff/${dora.id}`, { departmentIds: [world.departmentB.id] }));
      await bodyOf(world.owner.post(`/api/tickets/${ticket.id}/replies`, { message: 'Still waiting.' }));
      // The assignee may no longer see the ticket: its department hears of the reply instead.
      await mailsAbout(ticket.id, email.alice, 2);
      await mailsAbout(ticket.id, email.alan, 2);
      const other = await openTicket('After the move');
      await mailsAbout(other.id, email.alan, 1);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(about(ticket.id, dora.address)).toHaveLength(2);
      expect(about(other.id, dora.address)).toHaveLength(0);
      expect(kindsTo(await log(ticket.id, world.admin), dora.address)).toEqual([
        EmailKind.NewTicket,
        EmailKind.Assigned,
      ]);
    });

    it('a deactivated staff member gets nothing, not even the mail recorded for them before', async () => {
      const eve = await newStaffOfA('Eve Leaving');
      const ticket = await openTicket('Recorded, then deactivated');
      await mailsAbout(ticket.id, eve.address, 1);

      await sink.stop();
      await bodyOf(world.owner.post(`/api/tickets/${ticket.id}/replies`, { message: 'Sent while mail is down.' }));
      const entryFor = async (address: string) =>
        (await log(ticket.id, world.admin)).find(
          (entry) => entry.kind === EmailKind.ClientReply && entry.recipient.email === address,
        );
      await expectEventually(async () => {
        expect(await entryFor(eve.address)).toMatchObject({ state: EmailState.Pending, lastError: expect.any(String) });
      });

      await bodyOf(world.admin.patch(`/api/staff/${eve.id}`, { active: false }));
      const skipped = await expectEventually(async () => {
        const entry = await entryFor(eve.address);
        expect(entry).toMatchObject({ state: EmailState.Skipped, sentAt: null });
        return entry as TicketEmailView;
      });
      expect(skipped.skipReason).toBe('Eve Leaving was deactivated');

      await sink.start();
      await mailsAbout(ticket.id, email.alan, 2);
      await bodyOf(world.owner.post(`/api/tickets/${ticket.id}/replies`, { message: 'And once more.' }));
      await mailsAbout(ticket.id, email.alan, 3);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(about(ticket.id, eve.address)).toHaveLength(1);
      expect(kindsTo(await log(ticket.id, world.admin), eve.address)).toEqual([
        EmailKind.NewTicket,
        EmailKind.ClientReply,
      ]);
    });
  });

  /** Publishes to the events exchange as the tickets outbox would (strings go as they are). */
  async function publish(messages: unknown[]): Promise<void> {
    const connection = await amqp.connect(system.isolation.rabbitmqUrl);
    try {
      const channel = await connection.createConfirmChannel();
      for (const message of messages) {
        const name = typeof message === 'string' ? 'ticket.replied' : (message as { name: string }).name;
        const content = Buffer.from(typeof message === 'string' ? message : JSON.stringify(message));
        channel.publish('helpdesk.events', name, content, { persistent: true, contentType: 'application/json' });
      }
      await channel.waitForConfirms();
    } finally {
      await connection.close();
    }
  }

  async function deadLetterCount(): Promise<number> {
    const connection = await amqp.connect(system.isolation.rabbitmqUrl);
    try {
      const channel = await connection.createChannel();
      return (await channel.checkQueue(DEAD_LETTERS)).messageCount;
    } finally {
      await connection.close();
    }
  }
});
