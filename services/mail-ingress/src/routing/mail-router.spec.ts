import {
  DepartmentView,
  DomainError,
  ErrorCode,
  InboundMailReason,
  InboundMailRoute,
  Principal,
  PrincipalKind,
  ReplyToClosedPolicy,
  SenderEvidence,
  SenderVerdict,
  StaffRole,
  TicketStatus,
  TicketView,
} from '@helpdesk/contracts';
import { newMessageId, replyAddress, ReplyTokens } from '@helpdesk/mail';
import { RpcClient, TicketsClient } from '@helpdesk/messaging';

import { MailIngressConfig, SenderMismatchPolicy, UnverifiedSenderPolicy } from '../config/mail-ingress-config';
import { MAIL_INGRESS_PRINCIPAL, People } from '../directory/people';
import { InboundMailsRepository } from '../inbound-mails/inbound-mails.repository';
import { EMPTY_HEADER_SUMMARY, HeaderSummary } from '../mail/header-summary';
import { AcceptedRecipient, Envelope, NoteReason } from '../mail/mail-types';
import { MailRouter } from './mail-router';

const addressing = { localPart: 'reply', domain: 'helpdesk.test' };
const tokens = new ReplyTokens('a-test-secret-of-sufficient-length');
const casey: Principal = {
  kind: PrincipalKind.Client,
  id: 7,
  name: 'Casey',
  email: 'casey@client.test',
  departmentIds: [],
};
const oscar: Principal = {
  kind: PrincipalKind.Client,
  id: 8,
  name: 'Oscar',
  email: 'oscar@client.test',
  departmentIds: [],
};
const alice: Principal = {
  kind: PrincipalKind.Staff,
  id: 3,
  role: StaffRole.Staff,
  name: 'Alice',
  email: 'alice@staff.test',
  departmentIds: [1],
};
const bob: Principal = { ...alice, id: 4, name: 'Bob', email: 'bob@staff.test', departmentIds: [2] };
const billing = { id: 1, name: 'Billing', active: true, email: 'billing@helpdesk.test' } as DepartmentView;
const ticket42 = {
  id: 42,
  status: TicketStatus.Open,
  client: { id: casey.id, name: casey.name },
  department: { id: 1, name: 'Billing' },
} as TicketView;
const envelope: Envelope = { from: 'casey@client.test', to: [], remoteAddress: '127.0.0.1', helo: 'mx.client.test' };
const verified: SenderVerdict = {
  evidence: SenderEvidence.Verified,
  dkim: 'pass',
  spf: 'pass',
  dmarc: 'pass',
  domain: 'client.test',
  aligned: true,
  authservId: null,
};
const unverified: SenderVerdict = { ...verified, dkim: 'none', spf: 'softfail', dmarc: 'none', aligned: false };

describe(MailRouter.name, () => {
  let config: MailIngressConfig;
  let people: {
    resolve: jest.Mock;
    findByEmail: jest.Mock;
    departmentByEmail: jest.Mock;
    department: jest.Mock;
    someDepartmentRefusesClosedReplies: jest.Mock;
  };
  let tickets: { send: jest.Mock };
  let preflight: { send: jest.Mock };
  let mails: { countRecent: jest.Mock };
  let router: MailRouter;

  beforeEach(() => {
    config = {
      addressing,
      ownAddresses: ['support@helpdesk.test'],
      senderMismatchPolicy: SenderMismatchPolicy.Refuse,
      unverifiedSenderPolicy: UnverifiedSenderPolicy.Hold,
      ratePerTokenPerHour: 5,
      allowNewClients: false,
      maxBytes: 1_000,
    };
    const byId = new Map([casey, oscar, alice, bob].map((p) => [`${p.kind}:${p.id}`, p]));
    const byEmail = new Map([casey, oscar, alice, bob].map((p) => [p.email, p]));
    people = {
      resolve: jest.fn((kind: string, id: number) => Promise.resolve(byId.get(`${kind}:${id}`) ?? null)),
      findByEmail: jest.fn((email: string) => Promise.resolve(byEmail.get(email) ?? null)),
      departmentByEmail: jest.fn((email: string) => Promise.resolve(email === billing.email ? billing : null)),
      department: jest.fn(() => Promise.resolve({ ...billing, replyToClosedPolicy: ReplyToClosedPolicy.Refuse })),
      someDepartmentRefusesClosedReplies: jest.fn(() => Promise.resolve(true)),
    };
    tickets = {
      // Tickets shows ticket 42 to its client, staff of its department and the system only.
      send: jest.fn((_pattern: string, { principal, id }: { principal: Principal; id: number }) =>
        id === 42 && [casey, alice, MAIL_INGRESS_PRINCIPAL].includes(principal)
          ? Promise.resolve(ticket42)
          : Promise.reject(new DomainError(ErrorCode.TicketNotFound, 'no')),
      ),
    };
    preflight = { send: jest.fn(() => Promise.resolve(ticket42)) };
    mails = { countRecent: jest.fn(() => Promise.resolve(0)) };
    router = new MailRouter(
      config,
      tokens,
      people as unknown as People,
      tickets as unknown as TicketsClient,
      preflight as unknown as RpcClient<never>,
      mails as unknown as InboundMailsRepository,
    );
  });

  const headers = (overrides: Partial<HeaderSummary> = {}): HeaderSummary => ({
    ...EMPTY_HEADER_SUMMARY,
    from: 'casey@client.test',
    ...overrides,
  });
  const tokenOf = (who: Principal, ticketId = 42, purpose?: 'cc') => {
    const token = tokens.sign({ ticketId, recipient: { kind: who.kind, id: who.id }, purpose });
    return {
      kind: 'token',
      address: replyAddress(addressing, token),
      token,
      subject: tokens.verify(token)!,
    } as AcceptedRecipient;
  };
  const untagged: AcceptedRecipient = { kind: 'untagged', address: 'support@helpdesk.test' };

  describe('checkRecipient', () => {
    it('accepts verified tokens, our untagged addresses and department addresses; refuses the rest', async () => {
      await expect(router.checkRecipient(tokenOf(casey).address)).resolves.toMatchObject({ accepted: true });
      await expect(router.checkRecipient('support@helpdesk.test')).resolves.toMatchObject({ accepted: true });
      await expect(router.checkRecipient('Billing@Helpdesk.test')).resolves.toMatchObject({
        accepted: true,
        recipient: { kind: 'department', department: billing },
      });
      await expect(router.checkRecipient('reply+42-c7-aaaaaaaaaaaaaaaaaaaa@helpdesk.test')).resolves.toMatchObject({
        accepted: false,
        reason: InboundMailReason.InvalidToken,
        reply: { code: 550, text: expect.stringMatching(/^5\.1\.1 /) },
      });
      await expect(router.checkRecipient('x@elsewhere.test')).resolves.toMatchObject({
        accepted: false,
        reply: { code: 550, text: expect.stringMatching(/^5\.7\.1 Relaying denied/) },
      });
    });
  });

  describe('route', () => {
    it("accepts a token's reply from its recipient, as the recipient", async () => {
      await expect(
        router.route(envelope, headers({ from: 'Casey@Client.test' }), verified, [tokenOf(casey)]),
      ).resolves.toEqual([
        expect.objectContaining({
          action: 'accept',
          route: InboundMailRoute.Token,
          ticketId: 42,
          author: { kind: PrincipalKind.Client, id: 7 },
          routeKey: 'ticket:42:c7',
          noteReason: null,
        }),
      ]);
    });

    it('refuses a reply from someone else, or keeps it as a note by configuration', async () => {
      const [refused] = await router.route(envelope, headers({ from: 'oscar@client.test' }), verified, [
        tokenOf(casey),
      ]);
      expect(refused).toMatchObject({
        action: 'refuse',
        reason: InboundMailReason.SenderMismatch,
        reply: { code: 550 },
      });
      config.senderMismatchPolicy = SenderMismatchPolicy.InternalNote;
      const [noted] = await router.route(envelope, headers({ from: 'oscar@client.test' }), verified, [tokenOf(casey)]);
      expect(noted).toMatchObject({
        action: 'accept',
        noteReason: NoteReason.SenderMismatch,
        noteFrom: 'oscar@client.test',
        author: { id: 7 },
      });
    });

    it('refuses the token of a CC no longer on the ticket like an unknown one', async () => {
      const fromOscar = { ...envelope, from: 'oscar@client.test' };
      const [refused] = await router.route(fromOscar, headers({ from: 'oscar@client.test' }), verified, [
        tokenOf(oscar, 42, 'cc'),
      ]);
      expect(refused).toMatchObject({
        action: 'refuse',
        reason: InboundMailReason.InvalidToken,
        reply: { code: 550 },
      });
    });

    it('refuses a token whose envelope sender is not its recipient, even with the right From:', async () => {
      const forged = { ...envelope, from: 'bounce@attacker.example' };
      await expect(router.route(forged, headers(), verified, [tokenOf(casey)])).resolves.toEqual([
        expect.objectContaining({ action: 'refuse', reason: InboundMailReason.SenderMismatch }),
      ]);
    });

    it('keeps a token reply whose authentication failed as an unverified note, or refuses it', async () => {
      const failed = { ...unverified, dmarc: 'fail' };
      await expect(router.route(envelope, headers(), failed, [tokenOf(casey)])).resolves.toEqual([
        expect.objectContaining({
          action: 'accept',
          noteReason: NoteReason.Unverified,
          noteFrom: 'casey@client.test',
          routeKey: 'ticket:42:unverified:casey@client.test',
        }),
      ]);
      await expect(router.route(envelope, headers(), unverified, [tokenOf(casey)])).resolves.toEqual([
        expect.objectContaining({ action: 'accept', noteReason: null, author: { kind: PrincipalKind.Client, id: 7 } }),
      ]);
      config.unverifiedSenderPolicy = UnverifiedSenderPolicy.Refuse;
      await expect(router.route(envelope, headers(), failed, [tokenOf(casey)])).resolves.toEqual([
        expect.objectContaining({
          action: 'refuse',
          reason: InboundMailReason.Unverified,
          reply: expect.objectContaining({ code: 550, text: expect.stringMatching(/^5\.7\.1 We could not verify/) }),
        }),
      ]);
    });

    it("turns a reply through a staff member's note-only token into their note", async () => {
      const token = tokens.sign({ ticketId: 42, recipient: { kind: alice.kind, id: alice.id }, purpose: 'note' });
      const note = { kind: 'token', address: replyAddress(addressing, token), token, subject: tokens.verify(token)! };
      const staffEnvelope = { ...envelope, from: alice.email };
      await expect(
        router.route(staffEnvelope, headers({ from: alice.email }), verified, [note as AcceptedRecipient]),
      ).resolves.toEqual([
        expect.objectContaining({
          action: 'accept',
          noteReason: NoteReason.NoteToken,
          noteFrom: null,
          author: { kind: PrincipalKind.Staff, id: 3 },
        }),
      ]);
    });

    it('refuses mail to a recipient who has no account any more', async () => {
      people.resolve.mockResolvedValue(null);
      await expect(router.route(envelope, headers(), verified, [tokenOf(casey)])).resolves.toEqual([
        expect.objectContaining({ action: 'refuse', reason: InboundMailReason.RecipientGone }),
      ]);
    });

    it('ignores mail past the hourly limit of its reply address', async () => {
      mails.countRecent.mockResolvedValue(5);
      const [target] = await router.route(envelope, headers(), verified, [tokenOf(casey)]);
      expect(target).toMatchObject({ action: 'ignore', reason: InboundMailReason.RateLimited });
      expect(mails.countRecent).toHaveBeenCalledWith('ticket:42:c7', 3_600_000);
    });

    it('matches our Message-ID in References for the verified ticket client; staff only ever make a note', async () => {
      const threadIds = ['<x@gmail.com>', newMessageId(42, 'helpdesk.test')];
      const routeFrom = (from: string) => router.route(envelope, headers({ from, threadIds }), verified, [untagged]);
      await expect(routeFrom('casey@client.test')).resolves.toEqual([
        expect.objectContaining({
          action: 'accept',
          route: InboundMailRoute.Thread,
          ticketId: 42,
          author: { kind: PrincipalKind.Client, id: 7 },
          noteReason: null,
        }),
      ]);
      for (const staff of ['alice@staff.test', 'bob@staff.test']) {
        await expect(routeFrom(staff)).resolves.toEqual([
          expect.objectContaining({
            action: 'accept',
            author: null,
            noteReason: NoteReason.Unverified,
            noteFrom: staff,
          }),
        ]);
      }
      for (const stranger of ['oscar@client.test', 'nobody@x.test']) {
        await expect(routeFrom(stranger)).resolves.toEqual([
          expect.objectContaining({ action: 'refuse', reason: InboundMailReason.NoMatch }),
        ]);
      }
    });

    it("keeps an unverified client's reply by subject tag as a note naming the sender, or refuses it", async () => {
      const tagged = headers({ subject: 'Re: [#42] Invoice charged twice' });
      await expect(router.route(envelope, tagged, unverified, [untagged])).resolves.toEqual([
        expect.objectContaining({
          action: 'accept',
          route: InboundMailRoute.SubjectTag,
          ticketId: 42,
          noteReason: NoteReason.Unverified,
          noteFrom: 'casey@client.test',
        }),
      ]);
      config.unverifiedSenderPolicy = UnverifiedSenderPolicy.Refuse;
      await expect(router.route(envelope, tagged, unverified, [untagged])).resolves.toEqual([
        expect.objectContaining({ action: 'refuse', reason: InboundMailReason.Unverified }),
      ]);
    });

    it('holds an unverified mail to a department address for release, as the client it names', async () => {
      const department: AcceptedRecipient = { kind: 'department', address: billing.email!, department: billing };
      await expect(router.route(envelope, headers(), unverified, [department])).resolves.toEqual([
        expect.objectContaining({
          action: 'hold',
          reason: InboundMailReason.Unverified,
          author: { kind: PrincipalKind.Client, id: 7 },
          departmentId: 1,
        }),
      ]);
      config.allowNewClients = true;
      await expect(router.route(envelope, headers({ from: 'new@x.test' }), unverified, [department])).resolves.toEqual([
        expect.objectContaining({ action: 'hold', author: null }),
      ]);
    });

    describe('with UNVERIFIED_SENDER_POLICY=new_ticket', () => {
      const department: AcceptedRecipient = { kind: 'department', address: billing.email!, department: billing };
      const opensUnverified = (author: { kind: PrincipalKind; id: number } | null, route: InboundMailRoute) =>
        expect.objectContaining({
          action: 'accept',
          route,
          ticketId: null,
          departmentId: 1,
          author,
          noteReason: null,
          unverifiedRequester: true,
        });
      const caseyRef = { kind: PrincipalKind.Client, id: 7 };

      beforeEach(() => {
        config.unverifiedSenderPolicy = UnverifiedSenderPolicy.NewTicket;
      });

      it('opens a new ticket under an unverified requester from a department address, as the client it names', async () => {
        await expect(router.route(envelope, headers(), unverified, [department])).resolves.toEqual([
          opensUnverified(caseyRef, InboundMailRoute.Department),
        ]);
        await expect(
          router.route(envelope, headers({ from: 'new@x.test' }), unverified, [department]),
        ).resolves.toEqual([expect.objectContaining({ action: 'refuse', reason: InboundMailReason.UnknownSender })]);
        config.allowNewClients = true;
        await expect(
          router.route(envelope, headers({ from: 'new@x.test' }), unverified, [department]),
        ).resolves.toEqual([opensUnverified(null, InboundMailRoute.Department)]);
      });

      it("never posts on the matched ticket: an unverified client's reply by tag, thread or token opens a new one in its department", async () => {
        const tagged = headers({ subject: 'Re: [#42] Invoice charged twice' });
        await expect(router.route(envelope, tagged, unverified, [untagged])).resolves.toEqual([
          opensUnverified(caseyRef, InboundMailRoute.SubjectTag),
        ]);
        const threaded = headers({ threadIds: [newMessageId(42, 'helpdesk.test')] });
        await expect(router.route(envelope, threaded, unverified, [untagged])).resolves.toEqual([
          opensUnverified(caseyRef, InboundMailRoute.Thread),
        ]);
        await expect(
          router.route(envelope, headers(), { ...unverified, dmarc: 'fail' }, [tokenOf(casey)]),
        ).resolves.toEqual([opensUnverified(caseyRef, InboundMailRoute.Token)]);
      });

      it('holds a staff From: as with hold: there is no client to open a ticket for', async () => {
        await expect(router.route(envelope, headers({ from: alice.email }), unverified, [department])).resolves.toEqual(
          [expect.objectContaining({ action: 'hold', author: null, ticketId: null })],
        );
        const tagged = headers({ from: alice.email, subject: 'Re: [#42] hi' });
        await expect(router.route(envelope, tagged, verified, [untagged])).resolves.toEqual([
          expect.objectContaining({ action: 'accept', ticketId: 42, noteReason: NoteReason.Unverified }),
        ]);
      });

      it('still adds a verified client reply to its ticket', async () => {
        await expect(
          router.route(envelope, headers({ subject: 'Re: [#42] hi' }), verified, [untagged]),
        ).resolves.toEqual([
          expect.objectContaining({ action: 'accept', ticketId: 42, author: caseyRef, noteReason: null }),
        ]);
      });
    });

    it('matches a [#id] subject tag last, and only an existing ticket', async () => {
      await expect(router.route(envelope, headers({ subject: 'Re: [#42] hi' }), verified, [untagged])).resolves.toEqual(
        [expect.objectContaining({ action: 'accept', route: InboundMailRoute.SubjectTag, ticketId: 42 })],
      );
      await expect(router.route(envelope, headers({ subject: 'Re: [#43] hi' }), verified, [untagged])).resolves.toEqual(
        [expect.objectContaining({ action: 'refuse', reason: InboundMailReason.NoMatch })],
      );
    });

    it("opens tickets by a department's address for known clients only (a staff From: is held), unless new clients are allowed", async () => {
      const department: AcceptedRecipient = { kind: 'department', address: billing.email!, department: billing };
      await expect(router.route(envelope, headers(), verified, [department])).resolves.toEqual([
        expect.objectContaining({
          action: 'accept',
          route: InboundMailRoute.Department,
          departmentId: 1,
          author: { kind: PrincipalKind.Client, id: 7 },
        }),
      ]);
      await expect(
        router.route(envelope, headers({ from: 'alice@staff.test' }), verified, [department]),
      ).resolves.toEqual([
        expect.objectContaining({ action: 'hold', reason: InboundMailReason.Unverified, author: null, ticketId: null }),
      ]);
      await expect(router.route(envelope, headers({ from: 'new@x.test' }), verified, [department])).resolves.toEqual([
        expect.objectContaining({
          action: 'refuse',
          reason: InboundMailReason.UnknownSender,
          reply: expect.objectContaining({ code: 550 }),
        }),
      ]);
      config.allowNewClients = true;
      await expect(router.route(envelope, headers({ from: 'new@x.test' }), verified, [department])).resolves.toEqual([
        expect.objectContaining({ action: 'accept', author: null }),
      ]);
      await expect(
        router.route(envelope, headers(), verified, [{ ...department, department: { ...billing, active: false } }]),
      ).resolves.toEqual([
        expect.objectContaining({ action: 'refuse', reply: expect.objectContaining({ code: 550 }) }),
      ]);
    });

    it('prefers a token over the other addresses of the same message', async () => {
      const department: AcceptedRecipient = { kind: 'department', address: billing.email!, department: billing };
      const targets = await router.route(envelope, headers(), verified, [department, tokenOf(casey), tokenOf(casey)]);
      expect(targets).toEqual([expect.objectContaining({ route: InboundMailRoute.Token })]);
    });
  });

  describe('closedRefusal', () => {
    const accepted = { action: 'accept', ticketId: 42, noteReason: null } as never;

    it('refuses a reply to a closed ticket whose department refuses them', async () => {
      preflight.send.mockResolvedValue({ ...ticket42, status: TicketStatus.Closed });
      await expect(router.closedRefusal(accepted)).resolves.toMatchObject({
        action: 'refuse',
        reason: InboundMailReason.TicketClosed,
        reply: { code: 550, text: expect.stringMatching(/^5\.7\.1 Ticket #42 is closed/) },
      });
    });

    it('lets it through when the ticket is open, the policy differs, or tickets does not answer', async () => {
      await expect(router.closedRefusal(accepted)).resolves.toBe(accepted);
      preflight.send.mockResolvedValue({ ...ticket42, status: TicketStatus.Closed });
      people.department.mockResolvedValue({ ...billing, replyToClosedPolicy: ReplyToClosedPolicy.Reopen });
      await expect(router.closedRefusal(accepted)).resolves.toBe(accepted);
      preflight.send.mockRejectedValue(new DomainError(ErrorCode.ServiceTimeout, 'slow'));
      await expect(router.closedRefusal(accepted)).resolves.toBe(accepted);
    });

    it('does not ask tickets while no department refuses replies to closed tickets', async () => {
      people.someDepartmentRefusesClosedReplies.mockResolvedValue(false);
      preflight.send.mockResolvedValue({ ...ticket42, status: TicketStatus.Closed });
      await expect(router.closedRefusal(accepted)).resolves.toBe(accepted);
      expect(preflight.send).not.toHaveBeenCalled();
    });
  });
});
