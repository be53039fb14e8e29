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

import { Clock } from '../common/clock';
import { Ticket } from '../tickets/ticket.entity';
import { MessageOptions, TicketsService } from '../tickets/tickets.service';
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
  let tickets: { reply: jest.Mock; addNote: jest.Mock; create: jest.Mock; findVisible: jest.Mock };
  let messages: { findByExternalId: jest.Mock };
  let access: { send: jest.Mock };
  let service: EmailRepliesService;

  beforeEach(() => {
    tickets = {
      reply: jest.fn().mockResolvedValue({ id: 900 }),
      addNote: jest.fn().mockResolvedValue({ id: 901 }),
      create: jest.fn().mockResolvedValue({ id: 43, department: { id: 1 }, messages: [{ id: 902 }] }),
      findVisible: jest.fn().mockResolvedValue(makeTicket()),
    };
    messages = { findByExternalId: jest.fn().mockResolvedValue(null) };
    access = {
      send: jest.fn().mockResolvedValue({ replyToClosedPolicy: ReplyToClosedPolicy.Reopen, reopenWithinDays: null }),
    };
    service = new EmailRepliesService(
      tickets as unknown as TicketsService,
      messages as unknown as EmailMessagesRepository,
      access as unknown as AccessClient,
      { now: () => now } as Clock,
    );
  });

  /** Runs the check the reply was given against a ticket as it is when locked. */
  const lockedCheck = () => (tickets.reply.mock.calls[0][4] as MessageOptions).beforeWrite!;

  it('adds a reply by email with its key, once', async () => {
    await expect(service.reply(casey, 42, { message: 'Thanks' }, 'mail-ingress:1')).resolves.toEqual({
      outcome: EmailReplyOutcome.Replied,
      ticketId: 42,
      messageId: 900,
      departmentId: 1,
      duplicate: false,
    });
    expect(tickets.reply).toHaveBeenCalledWith(
      casey,
      42,
      { message: 'Thanks' },
      MessageVia.Email,
      expect.objectContaining({ externalId: 'mail-ingress:1' }),
    );
    expect(access.send).not.toHaveBeenCalled();
  });

  it('answers the first message for a key already added, writing nothing', async () => {
    messages.findByExternalId.mockResolvedValue({ messageId: 900, ticketId: 42, departmentId: 1, internal: false });
    await expect(service.reply(casey, 42, { message: 'Thanks' }, 'mail-ingress:1')).resolves.toMatchObject({
      outcome: EmailReplyOutcome.Replied,
      messageId: 900,
      duplicate: true,
    });
    expect(tickets.reply).not.toHaveBeenCalled();
  });

  it('answers the winner when a concurrent call with the same key took the unique index first', async () => {
    tickets.reply.mockRejectedValue(
      Object.assign(new Error('duplicate key'), {
        driverError: { code: '23505', constraint: 'messages_external_id_key' },
      }),
    );
    messages.findByExternalId
      .mockResolvedValueOnce(null)
      .mockResolvedValueOnce({ messageId: 900, ticketId: 42, departmentId: 1, internal: false });
    await expect(service.reply(casey, 42, { message: 'Thanks' }, 'mail-ingress:1')).resolves.toMatchObject({
      duplicate: true,
      messageId: 900,
    });
  });

  it('refuses a reply to a closed ticket when its department says so, checked on the locked ticket', async () => {
    tickets.findVisible.mockResolvedValue(makeTicket({ status: TicketStatus.Closed, closedAt: now }));
    access.send.mockResolvedValue({ replyToClosedPolicy: ReplyToClosedPolicy.Refuse, reopenWithinDays: null });
    await service.reply(casey, 42, { message: 'Again' }, 'mail-ingress:2');
    expect(() => lockedCheck()(makeTicket({ status: TicketStatus.Closed, closedAt: now }))).toThrow(
      expect.objectContaining({ code: ErrorCode.TicketClosed }),
    );
    expect(() => lockedCheck()(makeTicket())).not.toThrow();
  });

  it('opens a linked ticket for a reply too long after the close', async () => {
    const closed = makeTicket({ status: TicketStatus.Closed, closedAt: new Date(now.getTime() - 10 * 86_400_000) });
    tickets.findVisible.mockResolvedValue(closed);
    access.send.mockResolvedValue({ replyToClosedPolicy: ReplyToClosedPolicy.NewTicketAfterDays, reopenWithinDays: 3 });
    tickets.reply.mockImplementation(async (_p, _id, _body, _via, options: MessageOptions) => {
      options.beforeWrite?.(closed);
      return { id: 900 };
    });
    await expect(service.reply(casey, 42, { message: 'Months later' }, 'mail-ingress:3')).resolves.toMatchObject({
      outcome: EmailReplyOutcome.NewTicket,
      ticketId: 43,
      previousTicketId: 42,
      messageId: 902,
    });
    expect(tickets.create).toHaveBeenCalledWith(
      casey,
      expect.objectContaining({ departmentId: 1, subject: 'Invoice', message: 'Months later', clientId: undefined }),
      { via: MessageVia.Email, externalId: 'mail-ingress:3' },
    );
    expect(
      tickets.addNote.mock.calls.map(([, ticketId, , , options]) => [ticketId, options.externalId]).sort(),
    ).toEqual([
      [42, 'mail-ingress:3:follow-up-of'],
      [43, 'mail-ingress:3:follow-up'],
    ]);
  });

  it('passes other errors on', async () => {
    tickets.reply.mockRejectedValue(new DomainError(ErrorCode.ServiceTimeout, 'slow'));
    await expect(service.reply(casey, 42, { message: 'x' }, 'mail-ingress:4')).rejects.toMatchObject({
      code: ErrorCode.ServiceTimeout,
    });
  });
});
