import { DomainError, ErrorCode, TicketPriority, TicketStatus } from '@helpdesk/contracts';

import { assertVersionMatches, ticketVersion } from './ticket-version';

describe('ticket version', () => {
  const ticket = {
    status: TicketStatus.Open,
    priority: TicketPriority.Medium,
    departmentId: 3,
    assigneeId: null,
    lastActivityAt: new Date('2026-12-04T10:00:00.123Z'),
    requesterVerified: true,
    mergedIntoId: null,
  };

  it('moves on with any change a write can make, and only then', () => {
    const version = ticketVersion(ticket);
    expect(ticketVersion({ ...ticket })).toBe(version);
    expect(ticketVersion({ ...ticket, status: TicketStatus.Closed })).not.toBe(version);
    expect(ticketVersion({ ...ticket, assigneeId: 5 })).not.toBe(version);
    expect(ticketVersion({ ...ticket, lastActivityAt: new Date('2026-12-04T10:00:00.124Z') })).not.toBe(version);
    expect(ticketVersion({ ...ticket, mergedIntoId: 9 })).not.toBe(version);
  });

  it('takes If-Match as HTTP writes it: quoted, weak, several, or *', () => {
    const version = ticketVersion(ticket);
    for (const header of [`"${version}"`, `W/"${version}"`, `"other", "${version}"`, '*', undefined]) {
      expect(() => assertVersionMatches(1, ticket, header)).not.toThrow();
    }
    try {
      assertVersionMatches(1, ticket, '"stale"');
      throw new Error('a stale If-Match passed');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: ErrorCode.PreconditionFailed, details: { version } });
    }
  });
});
