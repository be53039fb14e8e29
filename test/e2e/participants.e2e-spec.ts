import {
  ErrorCode,
  InboundMailReason,
  InboundMailState,
  InboundMailView,
  MentionView,
  Page,
  ParticipantsView,
  PrincipalKind,
  TicketStatus,
  TicketSummary,
  TicketView,
} from '@helpdesk/contracts';
import {
  bodyOf,
  createDepartment,
  createStaff,
  createWorld,
  expectEventually,
  ReceivedMail,
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

interface ErrorReply {
  code: string;
  message: string;
}

/**
 * Issue 19 end to end over SMTP: a client writes to a department with a colleague on Cc, the
 * colleague answers through their own token, CCs and followers get what they should (and notes
 * never reach a CC), a mention mails once and makes a follower, a removed CC's token is refused.
 */
describe('participants: CCs, followers and mentions', () => {
  const key = testDkimKey();
  let sink: SmtpSink;
  let system: TestSystem;
  let world: World;
  let departmentEmail: string;
  let owner: { email: string; name: string };
  let carol: { id: number; name: string; email: string };

  beforeAll(async () => {
    sink = await SmtpSink.start();
    system = await TestSystem.start('participants', {
      services: ['access', 'tickets', 'notifications', 'mail-ingress', 'gateway'],
      serviceEnv: {
        tickets: { TICKET_MAX_CCS: '3' },
        notifications: { SMTP_URL: sink.url, ENABLE_NOTE_EMAILS: 'true' },
        'mail-ingress': { MAIL_DIRECTORY_CACHE_TTL: '0', MAIL_PROCESSING_RETRY_MS: '200', TICKET_MAX_CCS: '3' },
      },
    });
    const dns = system.dns!;
    dns.setTxt('s1._domainkey.client.test', [key.record]);
    dns.setTxt('_dmarc.client.test', ['v=DMARC1; p=reject']);
    world = await createWorld(system.api(), await system.admin());
    departmentEmail = `desk-${uniqueName('a').toLowerCase()}@desk.test`;
    await bodyOf(world.admin.patch(`/api/departments/${world.departmentA.id}`, { email: departmentEmail }));
    owner = await bodyOf<{ email: string; name: string }>(world.admin.get(`/api/clients/${world.ownerId}`));
    const created = await createStaff(world.admin, {
      name: `Carol ${uniqueName('c')}`,
      departmentIds: [world.departmentA.id],
    });
    carol = { id: created.id, name: created.name, email: created.email };
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
    await sink?.stop();
  }, 60_000);

  const raw = (headers: Record<string, string>, body: string): string =>
    Object.entries({ 'Message-ID': `<${uniqueName('m')}@mail.test>`, Date: new Date().toUTCString(), ...headers })
      .map(([name, value]) => `${name}: ${value}`)
      .join('\r\n') + `\r\n\r\n${body}\r\n`;

  const signed = async (message: string): Promise<string> => {
    const signer = { signingDomain: 'client.test', selector: 's1', privateKey: key.privateKey };
    return (await dkimSign(message, { ...signer, signatureData: [signer] })).signatures + message;
  };

  const deliver = async (from: string, to: string[], message: string) => {
    const result = await smtpTransaction(system.smtpPort, { from, to, message, helo: 'mx.sender.test' });
    return result.final ?? result.rcptTo[0];
  };

  const inbound = (subject: string) =>
    expectEventually(
      async () => {
        const page = await bodyOf<Page<InboundMailView>>(world.admin.get('/api/inbound-mails?limit=100'));
        const found = page.items.find((mail) => mail.subject === subject);
        expect([InboundMailState.Added, InboundMailState.Refused]).toContain(found?.state);
        return found as InboundMailView;
      },
      20_000,
      200,
    );

  const mailsOf = (address: string, ticketId: number): ReceivedMail[] =>
    sink.to(address).filter((mail) => mail.parsed.subject?.startsWith(`[#${ticketId}] `) ?? false);
  const replyTo = (mail: ReceivedMail) => mail.parsed.replyTo?.value[0]?.address ?? '';
  const participants = (ticketId: number) =>
    bodyOf<ParticipantsView>(world.staffA.get(`/api/tickets/${ticketId}/participants`));

  /** The ticket a client mails to the department, with `cc` on Cc: (and nobody on Bcc). */
  const ticketByMail = async (cc: string[]) => {
    const subject = uniqueName('Printer on fire');
    const message = raw(
      { From: owner.email, To: departmentEmail, ...(cc.length ? { Cc: cc.join(', ') } : {}), Subject: subject },
      'The printer in room 4 is on fire again.',
    );
    expect((await deliver(owner.email, [departmentEmail], await signed(message))).code).toBe(250);
    const mail = await inbound(subject);
    expect(mail.state).toBe(InboundMailState.Added);
    return { id: mail.ticketId as number, subject, mail };
  };

  it('a colleague on Cc becomes a CC, gets the staff answer with their own token, and answers once as themselves', async () => {
    const colleague = `robin-${uniqueName('r').toLowerCase()}@colleague.test`;
    const ticket = await ticketByMail([colleague, departmentEmail]);
    const { ccs } = await participants(ticket.id);
    expect(ccs.map((cc) => [cc.email, cc.addedVia])).toEqual([[colleague, 'email']]);
    // The colleague hears of the new ticket, with the client named as also receiving it.
    await expectEventually(() => expect(mailsOf(colleague, ticket.id)).toHaveLength(1), 20_000);

    await bodyOf(world.staffA.post(`/api/tickets/${ticket.id}/replies`, { message: 'We sent the fire brigade.' }), 201);
    const [toOwner, toColleague] = await expectEventually(() => {
      const ownerMails = mailsOf(owner.email, ticket.id).filter((m) => m.parsed.text?.includes('fire brigade'));
      const colleagueMails = mailsOf(colleague, ticket.id).filter((m) => m.parsed.text?.includes('fire brigade'));
      expect(ownerMails).toHaveLength(1);
      expect(colleagueMails).toHaveLength(1);
      return [ownerMails[0], colleagueMails[0]];
    }, 20_000);
    expect(replyTo(toOwner)).not.toBe(replyTo(toColleague));
    expect(toOwner.parsed.text).toContain(`Also sent to ${ccs[0].name} <${colleague}>`);
    expect(toColleague.parsed.text).toContain(`<${owner.email}>`);

    // Reply-all: to the colleague's own reply address and the department's; it lands once.
    const subject = `Re: [#${ticket.id}] ${ticket.subject}`;
    const answer = raw(
      { From: colleague, To: replyTo(toColleague), Cc: departmentEmail, Subject: subject },
      'It is out now.',
    );
    expect((await deliver(colleague, [replyTo(toColleague), departmentEmail], answer)).code).toBe(250);
    const added = await inbound(subject);
    expect(added.ticketId).toBe(ticket.id);
    const view = await bodyOf<TicketView>(world.staffA.get(`/api/tickets/${ticket.id}`));
    const fromColleague = view.messages.filter((m) => m.body.includes('It is out now.'));
    expect(fromColleague).toHaveLength(1);
    expect(fromColleague[0].author).toMatchObject({ kind: PrincipalKind.Client, id: ccs[0].clientId });
    expect(view.status).toBe(TicketStatus.CustomerReply);
    // The client hears of it; the colleague does not get their own message back.
    await expectEventually(
      () =>
        expect(mailsOf(owner.email, ticket.id).filter((m) => m.parsed.text?.includes('It is out now.'))).toHaveLength(
          1,
        ),
      20_000,
    );
    expect(mailsOf(colleague, ticket.id).filter((m) => m.parsed.text?.includes('It is out now.'))).toHaveLength(0);

    // Notes never reach a CC (nor the client); a mention mails Carol once and makes her a follower.
    await bodyOf(
      world.staffA.post(`/api/tickets/${ticket.id}/notes`, {
        message: `Internal: @${carol.name} check the insurance.`,
      }),
      201,
    );
    // Carol is staff of the department: the mention is her one mail about the note.
    const aboutNote = () => mailsOf(carol.email, ticket.id).filter((m) => m.parsed.text?.includes('the insurance'));
    await expectEventually(() => expect(aboutNote()).toHaveLength(1), 20_000);
    expect(aboutNote()[0].parsed.text).toContain('mentioned you');
    expect((await participants(ticket.id)).followers).toEqual([{ staffId: carol.id, name: carol.name }]);
    const carolApi = await system.api().login(carol.email, STAFF_PASSWORD);
    const mentions = await bodyOf<MentionView[]>(carolApi.get('/api/me/mentions'));
    expect(mentions[0]).toMatchObject({ ticketId: ticket.id, subject: ticket.subject });

    // A mention of staff who cannot see the department is refused, and nothing is saved.
    const bob = await bodyOf<{ name: string }>(world.admin.get(`/api/staff/${world.staffBId}`));
    const refused = await world.staffA.post(`/api/tickets/${ticket.id}/notes`, { message: `@${bob.name} any idea?` });
    expect(refused.status).toBe(422);
    expect((refused.body as ErrorReply).code).toBe(ErrorCode.MentionNoAccess);
    expect((refused.body as ErrorReply).message).toContain(bob.name);
    const after = await bodyOf<TicketView>(world.staffA.get(`/api/tickets/${ticket.id}`));
    expect(after.messages.some((m) => m.body.includes('any idea?'))).toBe(false);

    // Followers get what the ticket's staff get: a client reply.
    await bodyOf(world.owner.post(`/api/tickets/${ticket.id}/replies`, { message: 'Thanks all.' }), 201);
    await expectEventually(
      () =>
        expect(mailsOf(carol.email, ticket.id).filter((m) => m.parsed.text?.includes('Thanks all.'))).toHaveLength(1),
      20_000,
    );
    expect(mailsOf(colleague, ticket.id).some((m) => m.parsed.text?.includes('Internal:'))).toBe(false);
    expect(mailsOf(owner.email, ticket.id).some((m) => m.parsed.text?.includes('Internal:'))).toBe(false);

    // Removed, the colleague's token is refused like an unknown one.
    expect((await world.staffA.delete(`/api/tickets/${ticket.id}/ccs/${encodeURIComponent(colleague)}`)).status).toBe(
      204,
    );
    expect((await participants(ticket.id)).ccs).toEqual([]);
    const late = raw({ From: colleague, To: replyTo(toColleague), Subject: subject }, 'One more thing.');
    const reply = await deliver(colleague, [replyTo(toColleague)], late);
    expect(reply.code).toBe(550);
    expect(reply.text).toContain('reply to the notification email');
  }, 120_000);

  it('a Bcc recipient never becomes a participant, nor the requester of the ticket', async () => {
    const bcc = `hidden-${uniqueName('h').toLowerCase()}@elsewhere.test`;
    // The client's provider sent a copy to `bcc`: it shows in no header, only in its own envelope.
    const ticket = await ticketByMail([]);
    const view = await bodyOf<TicketView>(world.staffA.get(`/api/tickets/${ticket.id}`));
    expect(view.client.id).toBe(world.ownerId);
    expect((await participants(ticket.id)).ccs).toEqual([]);
    // Their reply-all to the department is no reply of the client's and opens nothing as them.
    const subject = `Re: ${ticket.subject}`;
    const reply = raw(
      { From: bcc, To: `${owner.email}, ${departmentEmail}`, Subject: subject, 'In-Reply-To': '<x@mail.test>' },
      'Me too.',
    );
    expect((await deliver(bcc, [departmentEmail], reply)).code).toBe(550);
    const logged = await inbound(subject);
    expect(logged.reason).toBe(InboundMailReason.UnknownSender);
    const mine = await bodyOf<Page<TicketSummary>>(world.admin.get(`/api/tickets?q=${encodeURIComponent('Me too')}`));
    expect(mine.items).toEqual([]);
  }, 60_000);

  it('answers bad input with what to fix, and lets a registered client on Cc read and reply, never more', async () => {
    const ticket = await bodyOf<TicketView>(
      world.owner.post('/api/tickets', { departmentId: world.departmentA.id, subject: 'Cc rules', message: 'Hello' }),
      201,
    );
    const path = `/api/tickets/${ticket.id}/ccs`;
    const status = async (request: Promise<{ status: number; body: unknown }>, expected: number, code?: string) => {
      const response = await request;
      expect(response.status).toBe(expected);
      if (code) {
        expect((response.body as ErrorReply).code).toBe(code);
      }
    };
    await status(world.staffA.post(path, { email: 'not an address' }), 400, ErrorCode.ValidationFailed);
    await status(world.staffA.post(path, { email: departmentEmail }), 422, ErrorCode.CcIsSystemAddress);
    await status(world.staffA.post(path, { email: `x@${TEST_MAIL.domain}` }), 422, ErrorCode.CcIsSystemAddress);
    await status(world.owner.post(path, { email: 'friend@colleague.test' }), 403, ErrorCode.AccessDenied);
    await status(world.staffB.post(path, { email: 'friend@colleague.test' }), 404, ErrorCode.TicketNotFound);
    await status(
      world.staffA.put(`/api/tickets/${ticket.id}/followers/${world.staffBId}`, {}),
      422,
      ErrorCode.FollowerNotEligible,
    );
    await status(world.staffA.put(`/api/tickets/${ticket.id}/followers/me`, {}), 200);

    const other = await bodyOf<{ email: string }>(world.admin.get(`/api/clients/${world.otherClientId}`));
    await status(world.staffA.post(path, { email: other.email }), 201);
    await status(world.staffA.post(path, { email: other.email.toUpperCase() }), 200);
    await status(world.staffA.post(path, { email: 'two@colleague.test' }), 201);
    await status(world.staffA.post(path, { email: 'three@colleague.test' }), 201);
    await status(world.staffA.post(path, { email: 'four@colleague.test' }), 422, ErrorCode.CcLimit);

    // The CC client: in My Tickets marked as CC, reads and replies, no notes, no followers, no changes.
    await bodyOf(world.staffA.post(`/api/tickets/${ticket.id}/notes`, { message: 'staff only' }), 201);
    const list = await bodyOf<Page<TicketSummary>>(world.otherClient.get('/api/tickets'));
    expect(list.items.find((item) => item.id === ticket.id)?.asCc).toBe(true);
    const seen = await bodyOf<TicketView>(world.otherClient.get(`/api/tickets/${ticket.id}`));
    expect(seen.messages.some((m) => m.internal)).toBe(false);
    expect(
      (await bodyOf<ParticipantsView>(world.otherClient.get(`/api/tickets/${ticket.id}/participants`))).followers,
    ).toEqual([]);
    await status(world.otherClient.post(`/api/tickets/${ticket.id}/replies`, { message: 'Me too' }), 201);
    await status(world.otherClient.patch(`/api/tickets/${ticket.id}`, { priority: 'high' }), 403);
    await status(world.otherClient.post(path, { email: 'five@colleague.test' }), 403);

    // A department that lets clients add CCs.
    const open = await createDepartment(world.admin, { clientsMayAddCc: true });
    const own = await bodyOf<TicketView>(
      world.owner.post('/api/tickets', {
        departmentId: open.id,
        subject: 'Mine',
        message: 'Hi',
        cc: ['pal@colleague.test'],
      }),
      201,
    );
    const { ccs } = await bodyOf<ParticipantsView>(world.owner.get(`/api/tickets/${own.id}/participants`));
    expect(ccs.map((cc) => cc.email)).toEqual(['pal@colleague.test']);
  }, 60_000);
});
