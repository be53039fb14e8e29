import { DomainError, ErrorCode, PrincipalKind, TicketStatus } from '@helpdesk/contracts';

/**
 * A reply always moves the ticket to whose turn it is: staff answered, the client replied
 * (which also reopens a closed ticket).
 */
export function statusAfterReply(author: PrincipalKind): TicketStatus {
  return author === PrincipalKind.Staff ? TicketStatus.Answered : TicketStatus.CustomerReply;
}

/** `answered` means "a staff member replied": only a reply may set it. */
export function assertSettableByHand(status: TicketStatus): void {
  if (status === TicketStatus.Answered) {
    throw new DomainError(
      ErrorCode.StatusNotSettable,
      'status: "answered" is set automatically when staff reply; choose open, customer_reply, in_progress, on_hold or closed.',
      { status },
    );
  }
}

/** When the ticket was closed, given a status change at `now`. */
export function closedAtAfter(status: TicketStatus, previous: Date | null, now: Date): Date | null {
  if (status !== TicketStatus.Closed) {
    return null;
  }
  return previous ?? now;
}
