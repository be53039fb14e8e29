import { ReplyToClosedPolicy, TicketStatus } from '@helpdesk/contracts';

import { DAY_MS } from '../auto-close/auto-close-policy';

/** A department's rule for email replies to its closed tickets (from the access service). */
export interface ClosedTicketPolicy {
  replyToClosedPolicy: ReplyToClosedPolicy;
  reopenWithinDays: number | null;
}

export enum ClosedTicketDecision {
  /** Add the reply; a closed ticket reopens, as with a web reply. */
  Reply = 'reply',
  /** Open a new ticket linked to the closed one. */
  NewTicket = 'new_ticket',
  Refuse = 'refuse',
}

/**
 * What an email reply does to a ticket in this state. Open tickets always take it; a closed one
 * follows its department's policy (no policy known: reopen, the default). `new_ticket_after_days`
 * counts from `closedAt` (a closed ticket without one counts as just closed).
 */
export function decideReplyToTicket(
  ticket: { status: TicketStatus; closedAt: Date | null },
  policy: ClosedTicketPolicy | null,
  now: Date,
): ClosedTicketDecision {
  if (ticket.status !== TicketStatus.Closed || !policy) {
    return ClosedTicketDecision.Reply;
  }
  switch (policy.replyToClosedPolicy) {
    case ReplyToClosedPolicy.Reopen:
      return ClosedTicketDecision.Reply;
    case ReplyToClosedPolicy.Refuse:
      return ClosedTicketDecision.Refuse;
    case ReplyToClosedPolicy.NewTicketAfterDays: {
      const closedAt = ticket.closedAt ?? now;
      const windowMs = (policy.reopenWithinDays ?? 0) * DAY_MS;
      return now.getTime() - closedAt.getTime() <= windowMs
        ? ClosedTicketDecision.Reply
        : ClosedTicketDecision.NewTicket;
    }
  }
}
