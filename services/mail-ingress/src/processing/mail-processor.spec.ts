import {
  DomainError,
  EmailReplyOutcome,
  ErrorCode,
  InboundMailReason,
  InboundMailRoute,
  InboundMailState,
  Principal,
  PrincipalKind,
  SenderEvidence,
  TicketPatterns,
} from '@helpdesk/contracts';
import { TicketsClient, UnprocessableEventError } from '@helpdesk/messaging';

import { People } from '../directory/people';
import { InboundMail } from '../inbound-mails/inbound-mail.entity';
import { InboundMailsRepository } from '../inbound-mails/inbound-mails.repository';
import { NoteReason } from '../mail/mail-types';
import { MailboxesRepository } from '../mailboxes/mailboxes.repository';
import { RawMailStore } from '../storage/raw-mail-store';
import { AttachmentImporter } from './attachment-importer';
import { ContentWorkerPool, ProcessingBudgetError } from './content-pool';
import { readMailContent } from './mail-content';
import { MailProcessor } from './mail-processor';

const casey: Principal = {
  kind: PrincipalKind.Client,
  id: 7,
  name: 'Casey',
  email: 'casey@client.test',
  departmentIds: [],
};

function makeMail(overrides: Partial<InboundMail> = {}): InboundMail {
  return {
    id: 11,
    route: InboundMailRoute.Token,
    ticketId: 42,
    departmentId: null,
    authorKind: PrincipalKind.Client,
    authorId: 7,
    noteReason: null,
    noteFrom: null,
    senderVerdict: null,
    rawKey: 'raw/x.eml',
    headerFrom: 'casey@client.test',
    headerFromName: 'Casey',
    envelopeFrom: 'casey@client.test',
    subject: 'Re: [#42] Invoice',
    attachmentIds: null,
    droppedAttachments: [],
    attempts: 1,
    detail: null,
    ...overrides,
  } as InboundMail;
}

const raw = (body: string, extra = '') =>
  Buffer.from(`From: Casey <casey@client.test>\r\nSubject: Re: [#42] Invoice\r\n${extra}\r\n${body}\r\n`);

describe(MailProcessor.name, () => {
  let mails: { claim: jest.Mock; finish: jest.Mock; release: jest.Mock; saveAttachments: jest.Mock };
  let store: { read: jest.Mock };
  let people: { resolveFresh: jest.Mock; findByEmail: jest.Mock; createClient: jest.Mock; departmentEmails: jest.Mock };
  let importer: { importAll: jest.Mock };
  let tickets: { send: jest.Mock };
  let content: { read: jest.Mock };
  let processor: MailProcessor;

  beforeEach(() => {
    mails = {
      claim: jest.fn().mockResolvedValue(makeMail()),
      finish: jest.fn().mockResolvedValue(undefined),
      release: jest.fn().mockResolvedValue(undefined),
      saveAttachments: jest.fn().mockResolvedValue(undefined),
    };
    store = { read: jest.fn().mockResolvedValue(raw('Thanks, it works.\n\n> quoted notification')) };
    people = {
      resolveFresh: jest.fn().mockResolvedValue(casey),
      findByEmail: jest.fn().mockResolvedValue(null),
      createClient: jest.fn(),
      departmentEmails: jest.fn().mockResolvedValue([]),
    };
    importer = { importAll: jest.fn().mockResolvedValue({ kept: [], dropped: [] }) };
    tickets = {
      send: jest.fn().mockResolvedValue({
        outcome: EmailReplyOutcome.Replied,
        ticketId: 42,
        messageId: 900,
        departmentId: 1,
        duplicate: false,
      }),
    };
    content = { read: jest.fn(readMailContent) };
    processor = new MailProcessor(
      { leaseMs: 60_000, maxAttempts: 5, maxCcs: 20, replyDomain: 'help.example.test', ownAddresses: [] },
      // `claim` answers the mail it claims; the repository's also hands back the bytes of a small one.
      {
        ...mails,
        claim: async (id: number, leaseMs: number) => {
          const mail = (await mails.claim(id, leaseMs)) as InboundMail | null;
          return mail && { mail, inlineRaw: null };
        },
      } as unknown as InboundMailsRepository,
      store as unknown as RawMailStore,
      people as unknown as People,
      importer as unknown as AttachmentImporter,
      tickets as unknown as TicketsClient,
      content as unknown as ContentWorkerPool,
      { allAddresses: async () => ['support@company.test'] } as unknown as MailboxesRepository,
    );
  });

  it('adds the stripped reply as the recipient, idempotently keyed by the inbound mail', async () => {
    await processor.process(11);
    expect(tickets.send).toHaveBeenCalledWith(TicketPatterns.ReplyByEmail, {
      principal: casey,
      ticketId: 42,
      message: 'Thanks, it works.',
      attachmentIds: undefined,
      externalId: 'mail-ingress:11',
      asNote: false,
    });
    expect(mails.finish).toHaveBeenCalledWith(11, {
      state: InboundMailState.Added,
      reason: InboundMailReason.Replied,
      detail: 'Added to ticket #42.',
      ticketId: 42,
      departmentId: 1,
      addedMessageId: 900,
    });
    // Without files there is nothing a retry could import twice, so nothing is written about them.
    expect(mails.saveAttachments).not.toHaveBeenCalled();
  });

  it('does nothing for a mail another worker holds or that is done', async () => {
    mails.claim.mockResolvedValue(null);
    await processor.process(11);
    expect(store.read).not.toHaveBeenCalled();
    expect(mails.finish).not.toHaveBeenCalled();
  });

  it('records a malformed message as failed and dead-letters its job', async () => {
    store.read.mockResolvedValue(Buffer.from('\r\nno header at all'));
    await expect(processor.process(11)).rejects.toBeInstanceOf(UnprocessableEventError);
    expect(mails.finish).toHaveBeenCalledWith(
      11,
      expect.objectContaining({ state: InboundMailState.Failed, reason: InboundMailReason.Malformed }),
    );
    expect(tickets.send).not.toHaveBeenCalled();
  });

  it('records a message over the processing budget as failed at once, acking its job', async () => {
    content.read.mockRejectedValue(new ProcessingBudgetError('Reading it took longer than 100 ms.'));
    await processor.process(11);
    expect(mails.finish).toHaveBeenCalledWith(11, {
      state: InboundMailState.Failed,
      reason: InboundMailReason.ProcessingError,
      detail: 'Over the processing budget: Reading it took longer than 100 ms.',
    });
    expect(mails.release).not.toHaveBeenCalled();
    expect(tickets.send).not.toHaveBeenCalled();
  });

  it('ignores a reply with nothing left after stripping and no files', async () => {
    store.read.mockResolvedValue(raw('> only the quote'));
    await processor.process(11);
    expect(mails.finish).toHaveBeenCalledWith(
      11,
      expect.objectContaining({ state: InboundMailState.Ignored, reason: InboundMailReason.Empty }),
    );
    expect(tickets.send).not.toHaveBeenCalled();
  });

  it.each([
    [ErrorCode.TicketClosed, InboundMailReason.TicketClosed],
    [ErrorCode.TicketNotFound, InboundMailReason.TicketGone],
  ])('records %s from tickets as refused, without retrying', async (code, reason) => {
    tickets.send.mockRejectedValue(new DomainError(code, 'no'));
    await processor.process(11);
    expect(mails.finish).toHaveBeenCalledWith(11, expect.objectContaining({ state: InboundMailState.Refused, reason }));
    expect(mails.release).not.toHaveBeenCalled();
  });

  it('gives the mail back and retries when a service is away', async () => {
    tickets.send.mockRejectedValue(
      new DomainError(ErrorCode.ServiceTimeout, 'The tickets service did not answer in time'),
    );
    await expect(processor.process(11)).rejects.toThrow('did not answer');
    expect(mails.release).toHaveBeenCalledWith(11, expect.stringContaining('did not answer'));
    expect(mails.finish).not.toHaveBeenCalled();
  });

  it('gives up for good past its attempts', async () => {
    mails.claim.mockResolvedValue(makeMail({ attempts: 6 }));
    await processor.process(11);
    expect(mails.finish).toHaveBeenCalledWith(
      11,
      expect.objectContaining({ state: InboundMailState.Failed, reason: InboundMailReason.ProcessingError }),
    );
  });

  it('refuses when the recipient no longer has an account', async () => {
    people.resolveFresh.mockResolvedValue(null);
    await processor.process(11);
    expect(mails.finish).toHaveBeenCalledWith(
      11,
      expect.objectContaining({ state: InboundMailState.Refused, reason: InboundMailReason.RecipientGone }),
    );
  });

  it('reuses the attachments an earlier attempt imported, and tells staff of the dropped ones in a note', async () => {
    mails.claim.mockResolvedValue(
      makeMail({ attachmentIds: [5, 6], droppedAttachments: [{ filename: 'setup.exe', reason: 'not allowed' }] }),
    );
    await processor.process(11);
    expect(importer.importAll).not.toHaveBeenCalled();
    expect(tickets.send).toHaveBeenNthCalledWith(
      1,
      TicketPatterns.ReplyByEmail,
      expect.objectContaining({ attachmentIds: [5, 6] }),
    );
    expect(tickets.send).toHaveBeenNthCalledWith(
      2,
      TicketPatterns.ReplyByEmail,
      expect.objectContaining({
        asNote: true,
        externalId: 'mail-ingress:11:dropped',
        message: expect.stringContaining('- setup.exe: not allowed'),
      }),
    );
  });

  it('writes a mail from someone else than the recipient as a note marked with its real sender', async () => {
    mails.claim.mockResolvedValue(makeMail({ noteReason: NoteReason.SenderMismatch, noteFrom: 'mallory@evil.test' }));
    await processor.process(11);
    expect(tickets.send).toHaveBeenCalledWith(
      TicketPatterns.ReplyByEmail,
      expect.objectContaining({
        asNote: true,
        principal: expect.objectContaining({ kind: PrincipalKind.Staff, id: 0, name: 'Email from mallory@evil.test' }),
        message: expect.stringMatching(/^Email from mallory@evil\.test, not from Casey <casey@client\.test>/),
      }),
    );
  });

  it('writes an unverified mail as a note naming the sender and its checks, creating no one', async () => {
    mails.claim.mockResolvedValue(
      makeMail({
        authorKind: null,
        authorId: null,
        noteReason: NoteReason.Unverified,
        noteFrom: 'admin@example.com',
        senderVerdict: {
          evidence: SenderEvidence.Verified,
          dkim: 'none',
          spf: 'none',
          dmarc: 'none',
          domain: 'example.com',
          aligned: false,
          authservId: null,
        },
      }),
    );
    await processor.process(11);
    expect(people.findByEmail).not.toHaveBeenCalled();
    expect(people.createClient).not.toHaveBeenCalled();
    expect(tickets.send).toHaveBeenCalledWith(
      TicketPatterns.ReplyByEmail,
      expect.objectContaining({
        asNote: true,
        principal: expect.objectContaining({ kind: PrincipalKind.Staff, id: 0 }),
        message: expect.stringMatching(/^Unverified mail from admin@example\.com \(DKIM none, SPF none, DMARC none\)/),
      }),
    );
  });

  it('never posts a released mail without a token as staff: a staff From: on a department address is refused', async () => {
    const alice = { ...casey, kind: PrincipalKind.Staff, id: 3, name: 'Alice', email: 'alice@staff.test' } as Principal;
    mails.claim.mockResolvedValue(
      makeMail({
        route: InboundMailRoute.Department,
        ticketId: null,
        departmentId: 1,
        authorKind: null,
        authorId: null,
      }),
    );
    people.findByEmail.mockResolvedValue(alice);
    await processor.process(11);
    expect(tickets.send).not.toHaveBeenCalled();
    expect(people.createClient).not.toHaveBeenCalled();
    expect(mails.finish).toHaveBeenCalledWith(
      11,
      expect.objectContaining({ state: InboundMailState.Refused, reason: InboundMailReason.UnknownSender }),
    );
  });

  it("writes a note-token reply as its staff recipient's own note", async () => {
    const alice = { ...casey, kind: PrincipalKind.Staff, id: 3, name: 'Alice', email: 'alice@staff.test' } as Principal;
    people.resolveFresh.mockResolvedValue(alice);
    tickets.send.mockResolvedValue({
      outcome: EmailReplyOutcome.Noted,
      ticketId: 42,
      messageId: 901,
      departmentId: 1,
      duplicate: false,
    });
    mails.claim.mockResolvedValue(
      makeMail({ authorKind: PrincipalKind.Staff, authorId: 3, noteReason: NoteReason.NoteToken }),
    );
    await processor.process(11);
    expect(tickets.send).toHaveBeenCalledWith(
      TicketPatterns.ReplyByEmail,
      expect.objectContaining({ asNote: true, principal: alice, message: 'Thanks, it works.' }),
    );
    expect(mails.finish).toHaveBeenCalledWith(11, expect.objectContaining({ reason: InboundMailReason.Noted }));
  });

  it('opens a ticket from a department address as written to, creating the client when the route allows it', async () => {
    mails.claim.mockResolvedValue(
      makeMail({
        route: InboundMailRoute.Department,
        ticketId: null,
        departmentId: 3,
        authorKind: null,
        authorId: null,
        headerFrom: 'new@x.test',
        writtenTo: 'help@company.test',
      }),
    );
    people.createClient.mockResolvedValue({ ...casey, id: 99, email: 'new@x.test' });
    tickets.send.mockResolvedValue({
      outcome: EmailReplyOutcome.Opened,
      ticketId: 77,
      messageId: 5,
      departmentId: 3,
      duplicate: false,
    });
    await processor.process(11);
    expect(people.createClient).toHaveBeenCalledWith('new@x.test', 'Casey');
    expect(tickets.send).toHaveBeenCalledWith(
      TicketPatterns.OpenByEmail,
      expect.objectContaining({
        departmentId: 3,
        subject: 'Re: [#42] Invoice',
        externalId: 'mail-ingress:11',
        principal: expect.objectContaining({ id: 99 }),
        writtenTo: 'help@company.test',
      }),
    );
    expect(mails.finish).toHaveBeenCalledWith(
      11,
      expect.objectContaining({ reason: InboundMailReason.Opened, ticketId: 77 }),
    );
  });
});
