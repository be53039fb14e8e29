import { ReplyToClosedPolicy, TicketStatus } from '@helpdesk/contracts';

import { ClosedTicketDecision, decideReplyToTicket } from './closed-ticket-policy';

const DAY = 86_400_000;
const now = new Date('2026-03-10T12:00:00Z');
const closedDaysAgo = (days: number) => ({
  status: TicketStatus.Closed,
  closedAt: new Date(now.getTime() - days * DAY),
});
const policy = (replyToClosedPolicy: ReplyToClosedPolicy, reopenWithinDays: number | null = null) => ({
  replyToClosedPolicy,
  reopenWithinDays,
});

describe(decideReplyToTicket.name, () => {
  it.each(Object.values(TicketStatus).filter((status) => status !== TicketStatus.Closed))(
    'a %s ticket always takes the reply',
    (status) => {
      expect(decideReplyToTicket({ status, closedAt: null }, policy(ReplyToClosedPolicy.Refuse), now)).toBe(
        ClosedTicketDecision.Reply,
      );
    },
  );

  it.each([
    [ReplyToClosedPolicy.Reopen, null, 400, ClosedTicketDecision.Reply],
    [ReplyToClosedPolicy.Refuse, null, 0, ClosedTicketDecision.Refuse],
    [ReplyToClosedPolicy.NewTicketAfterDays, 7, 6.9, ClosedTicketDecision.Reply],
    [ReplyToClosedPolicy.NewTicketAfterDays, 7, 7, ClosedTicketDecision.Reply],
    [ReplyToClosedPolicy.NewTicketAfterDays, 7, 7.01, ClosedTicketDecision.NewTicket],
    [ReplyToClosedPolicy.NewTicketAfterDays, 1, 30, ClosedTicketDecision.NewTicket],
  ])('a ticket closed under %s (%p days) %p days ago: %s', (rule, days, ago, expected) => {
    expect(decideReplyToTicket(closedDaysAgo(ago), policy(rule, days), now)).toBe(expected);
  });

  it('reopens when the policy is unknown, and counts a closed ticket without closedAt as just closed', () => {
    expect(decideReplyToTicket(closedDaysAgo(100), null, now)).toBe(ClosedTicketDecision.Reply);
    expect(
      decideReplyToTicket(
        { status: TicketStatus.Closed, closedAt: null },
        policy(ReplyToClosedPolicy.NewTicketAfterDays, 1),
        now,
      ),
    ).toBe(ClosedTicketDecision.Reply);
  });
});
