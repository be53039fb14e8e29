import { DomainError, ErrorCode, PrincipalKind, TicketStatus } from '@helpdesk/contracts';

import { assertSettableByHand, closedAtAfter, statusAfterReply } from './ticket-lifecycle';

describe('ticket lifecycle', () => {
  describe(statusAfterReply.name, () => {
    it.each([
      [PrincipalKind.Staff, TicketStatus.Answered],
      [PrincipalKind.Client, TicketStatus.CustomerReply],
    ])('a reply by %s sets %s', (author, status) => {
      expect(statusAfterReply(author)).toBe(status);
    });
  });

  describe(assertSettableByHand.name, () => {
    it('refuses answered with a message that names the allowed statuses', () => {
      expect(() => assertSettableByHand(TicketStatus.Answered)).toThrow(DomainError);
      try {
        assertSettableByHand(TicketStatus.Answered);
      } catch (error) {
        expect((error as DomainError).code).toBe(ErrorCode.StatusNotSettable);
        expect((error as DomainError).message).toContain('in_progress');
      }
    });

    it.each(Object.values(TicketStatus).filter((status) => status !== TicketStatus.Answered))(
      'accepts %s',
      (status) => {
        expect(() => assertSettableByHand(status)).not.toThrow();
      },
    );
  });

  describe(closedAtAfter.name, () => {
    const now = new Date('2026-11-27T10:00:00Z');
    const earlier = new Date('2026-11-20T10:00:00Z');

    it('stamps the moment of closing', () => {
      expect(closedAtAfter(TicketStatus.Closed, null, now)).toEqual(now);
    });

    it('keeps the first closing time when closed again', () => {
      expect(closedAtAfter(TicketStatus.Closed, earlier, now)).toEqual(earlier);
    });

    it('clears it when the ticket is reopened', () => {
      expect(closedAtAfter(TicketStatus.CustomerReply, earlier, now)).toBeNull();
    });
  });
});
