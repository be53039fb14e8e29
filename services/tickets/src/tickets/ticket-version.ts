import { DomainError, ErrorCode } from '@helpdesk/contracts';
import { createHash } from 'node:crypto';

import { Ticket } from './ticket.entity';

type VersionedFields = Pick<
  Ticket,
  'status' | 'priority' | 'departmentId' | 'assigneeId' | 'lastActivityAt' | 'requesterVerified' | 'mergedIntoId'
>;

/**
 * The ticket's version for If-Match: a digest of everything a write can change (a new message
 * moves lastActivityAt), so it needs no column that every writer, the auto-close sweep
 * included, would have to remember to move on.
 */
export function ticketVersion(ticket: VersionedFields): string {
  const fields = [
    ticket.status,
    ticket.priority,
    ticket.departmentId,
    ticket.assigneeId,
    ticket.lastActivityAt.getTime(),
    ticket.requesterVerified,
    ticket.mergedIntoId === null || ticket.mergedIntoId === undefined ? null : Number(ticket.mergedIntoId),
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('base64url').slice(0, 16);
}

/** An If-Match header (`"v1"`, `W/"v1", "v2"` or `*`) that does not name `ticket`'s version: 412. */
export function assertVersionMatches(ticketId: number, ticket: VersionedFields, ifMatch: string | undefined): void {
  if (ifMatch === undefined || ifMatch.trim() === '*') {
    return;
  }
  const current = ticketVersion(ticket);
  const named = ifMatch.split(',').map((tag) => tag.trim().replace(/^W\//, '').replace(/^"|"$/g, ''));
  if (!named.includes(current)) {
    throw new DomainError(
      ErrorCode.PreconditionFailed,
      `Ticket #${ticketId} changed since the version you sent in If-Match; reload it (its ETag is the current version) and try again.`,
      { version: current },
    );
  }
}
