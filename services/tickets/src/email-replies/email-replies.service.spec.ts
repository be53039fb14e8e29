import {
  DomainError,
  EmailReplyOutcome,
  ErrorCode,
  MessageVia,
  Principal,
  PrincipalKind,
  ReplyToClosedPolicy,
  TicketStatus,
} from '@helpdesk/contracts';
import { AccessClient } from '@helpdesk/messaging';

import { ClosedTicketDecision } from '../ticket-writes/closed-ticket-policy';
import { AddMessage, OpenTicket, TicketCommand } from '../ticket-writes/ticket-commands';
import { TicketWrites } from '../ticket-writes/ticket-writes';
import { Ticket } from '../tickets/ticket.entity';
import { ParticipantsService } from '../participants/participants.service';
import { TicketsService } from '../tickets/tickets.service';
import { EmailMessagesRepository } from './email-messages.repository';
import { EmailRepliesService } from './email-replies.service';

const casey: Principal = {
  kind: PrincipalKind.Client,
  id: 7,
  name: 'Casey',
  email: 'casey@client.test',
  departmentIds: [],
};
const now = new Date('2026-03-10T12:00:00Z');
const makeTicket = (overrides: Partial<Ticket> = {}) =>
  ({
    id: 42,
    departmentId: 1,
    clientId: 7,
    subject: 'Invoice',
    status: TicketStatus.Open,
    closedAt: null,
    ...overrides,
  }) as Ticket;

describe(EmailRepliesService.name, () => {
  let tickets: { findVisible: jest.Mock; currentTicketOf: jest.Mock };
  let writes: { execute: jest.Mock };
  let messages: { findByExternalId: jest.Mock };
  let access: { send: jest.Mock };
  let service: EmailRepliesService;

  /** The writes as TicketWrites answers them: a reply or note is added, a ticket opened. */
  const written = (command: OpenTicket | AddMessage) =>
    command.kind === 'open'
      ? { id: 43, department: { id: 1 }, messages: [{ id: 902 }] }
      : { kind: 'added', ticket: makeTicket({ id: command.ticketId }), message: { id: command.internal ? 901 : 900 } };
  const commands = () => writes.execute.mock.calls.map(([command]) => command as TicketCommand);

  beforeEach(() => {
    tickets = {
      findVisible: jest.fn().mockResolvedValue(makeTicket()),
      currentTicketOf: jest.fn().mockImplementation(async (id: number) => id),
    };
    writes = { execute: jest.fn().mockImplementation(async (command: OpenTicket | AddMessage) => written(command)) };
    messages = { findByExternalId: jest.fn().mockResolvedValue(null) };
    access = {
      send: jest.fn().mockResolvedValue({ replyToClosedPolicy: ReplyToClosedPolicy.Reopen, reopenWithinDays: null }),
    };
    service = new EmailRepliesService(
      tickets as unknown as TicketsService,
      writes as unknown as TicketWrites,
      messages as unknown as EmailMessagesRepository,
      access as unknown as AccessClient,
      { now: () => now },
      { ccsFor: jest.fn().mockResolvedValue([]) } as unknown as ParticipantsService,
    );
  });

  it('adds a reply by email with its key, once, without asking the department while the ticket is open', async () => {
    await expect(service.reply(casey, 42, { message: 'Thanks' }, 'mail-ingress:1')).resolves.toEqual({
      outcome: EmailReplyOutcome.Replied,
      ticketId: 42,
      messageId: 900,
      departmentId: 1,
      duplicate: false,
    });
    expect(commands()).toEqual([
      {
        kind: 'add-message',
        principal: casey,
        ticketId: 42,
        text: 'Thanks',
        attachmentIds: undefined,
        internal: false,
        via: MessageVia.Email,
        externalId: 'mail-ingress:1',
        senderVerdict: undefined,
        closedTicketPolicy: 'unknown',
        followMerge: true,
      },
    ]);
    expect(access.send).not.toHaveBeenCalled();
    expect(tickets.findVisible).not.toHaveBeenCalled();
    expect(messages.findByExternalId).not.toHaveBeenCalled();
  });

  it('adds a note by email, whatever the state of the ticket', async () => {
    await expect(service.reply(casey, 42, { message: 'FYI' }, 'mail-ingress:5', true)).resolves.toMatchObject({
      outcome: EmailReplyOutcome.Noted,
      messageId: 901,
    });
    expect(commands()).toEqual([
      expect.objectContaining({ internal: true, externalId: 'mail-ingress:5', closedTicketPolicy: null }),
    ]);
  });

  it('follows a merge: the reply goes on the ticket the mailed one was merged into, and says so', async () => {
    writes.execute.mockResolvedValueOnce({ kind: 'merged', targetId: 50 });
    await expect(service.reply(casey, 42, { message: 'Thanks' }, 'mail-ingress:7')).resolves.toEqual({
      outcome: EmailReplyOutcome.Replied,
      ticketId: 50,
      messageId: 900,
      departmentId: 1,
      redirectedFrom: 42,
      duplicate: false,
    });
    expect(commands().map((command) => (command as AddMessage).ticketId)).toEqual([42, 50]);
  });

  it('answers a repeat of a reply that followed a merge as the same reply on the target', async () => {
    writes.execute.mockRejectedValue(uniqueViolation());
    tickets.currentTicketOf.mockResolvedValue(50);
    messages.findByExternalId.mockResolvedValue({ messageId: 900, ticketId: 50, departmentId: 1, internal: false });
    await expect(service.reply(casey, 42, { message: 'Thanks' }, 'mail-ingress:7')).resolves.toEqual({
      outcome: EmailReplyOutcome.Replied,
      ticketId: 50,
      messageId: 900,
      departmentId: 1,
      redirectedFrom: 42,
      duplicate: true,
    });
  });

  const uniqueViolation = () =>
    Object.assign(new Error('duplicate key'), {
      driverError: { code: '23505', constraint: 'messages_external_id_key' },
    });

  it('answers the first message for a key already added, when the write finds it taken', async () => {
    writes.execute.mockRejectedValue(uniqueViolation());
    messages.findByExternalId.mockResolvedValue({ messageId: 900, ticketId: 42, departmentId: 1, internal: false });
    await expect(service.reply(casey, 42, { message: 'Thanks' }, 'mail-ingress:1')).resolves.toMatchObject({
      outcome: EmailReplyOutcome.Replied,
      messageId: 900,
      duplicate: true,
    });
  });

  it('answers a reply added before its ticket was closed, even where the department now refuses', async () => {
    const closed = makeTicket({ status: TicketStatus.Closed, closedAt: now });
    access.send.mockResolvedValue({ replyToClosedPolicy: ReplyToClosedPolicy.Refuse, reopenWithinDays: null });
    writes.execute
      .mockResolvedValueOnce({ kind: 'policy-needed', ticket: closed })
      .mockResolvedValueOnce({ kind: 'declined', decision: ClosedTicketDecision.Refuse, ticket: closed });
    messages.findByExternalId.mockResolvedValue({ messageId: 900, ticketId: 42, departmentId: 1, internal: false });
    await expect(service.reply(casey, 42, { message: 'Thanks' }, 'mail-ingress:1')).resolves.toMatchObject({
      outcome: EmailReplyOutcome.Replied,
      messageId: 900,
      duplicate: true,
    });
  });

  it('answers the winner when a concurrent call with the same key took the unique index first', async () => {
    writes.execute.mockRejectedValue(uniqueViolation());
    messages.findByExternalId.mockResolvedValueOnce({ messageId: 900, ticketId: 42, departmentId: 1, internal: false });
    await expect(service.reply(casey, 42, { message: 'Thanks' }, 'mail-ingress:1')).resolves.toMatchObject({
      duplicate: true,
      messageId: 900,
    });
  });

  it("asks for a closed ticket's policy, writes again with it, and refuses the reply the write declines", async () => {
    const closed = makeTicket({ status: TicketStatus.Closed, closedAt: now });
    const refuse = { replyToClosedPolicy: ReplyToClosedPolicy.Refuse, reopenWithinDays: null };
    access.send.mockResolvedValue(refuse);
    writes.execute
      .mockResolvedValueOnce({ kind: 'policy-needed', ticket: closed })
      .mockResolvedValueOnce({ kind: 'declined', decision: ClosedTicketDecision.Refuse, ticket: closed });
    await expect(service.reply(casey, 42, { message: 'Again' }, 'mail-ingress:2')).rejects.toMatchObject({
      code: ErrorCode.TicketClosed,
    });
    expect(commands()).toEqual([
      expect.objectContaining({ closedTicketPolicy: 'unknown' }),
      expect.objectContaining({ closedTicketPolicy: refuse }),
    ]);
  });

  it('opens a linked ticket, written to the same address, for a reply the write declines as too long after the close', async () => {
    const closed = makeTicket({
      status: TicketStatus.Closed,
      closedAt: new Date(now.getTime() - 10 * 86_400_000),
      writtenTo: 'help@company.test',
    });
    access.send.mockResolvedValue({ replyToClosedPolicy: ReplyToClosedPolicy.NewTicketAfterDays, reopenWithinDays: 3 });
    writes.execute
      .mockImplementationOnce(async () => ({ kind: 'policy-needed', ticket: closed }))
      .mockImplementationOnce(async () => ({
        kind: 'declined',
        decision: ClosedTicketDecision.NewTicket,
        ticket: closed,
      }));
    await expect(service.reply(casey, 42, { message: 'Months later' }, 'mail-ingress:3')).resolves.toMatchObject({
      outcome: EmailReplyOutcome.NewTicket,
      ticketId: 43,
      previousTicketId: 42,
      messageId: 902,
    });
    const [, , open, ...notes] = commands();
    expect(open).toMatchObject({
      kind: 'open',
      principal: casey,
      body: { departmentId: 1, subject: 'Invoice', message: 'Months later', clientId: undefined },
      via: MessageVia.Email,
      externalId: 'mail-ingress:3',
      writtenTo: 'help@company.test',
    });
    expect(
      notes.map((note) => (note.kind === 'add-message' ? [note.ticketId, note.externalId, note.internal] : [])).sort(),
    ).toEqual([
      [42, 'mail-ingress:3:follow-up-of', true],
      [43, 'mail-ingress:3:follow-up', true],
    ]);
  });

  it('passes other errors on', async () => {
    writes.execute.mockRejectedValue(new DomainError(ErrorCode.ServiceTimeout, 'slow'));
    await expect(service.reply(casey, 42, { message: 'x' }, 'mail-ingress:4')).rejects.toMatchObject({
      code: ErrorCode.ServiceTimeout,
    });
  });
});
