import { Injectable } from '@nestjs/common';
import { AccessPatterns, ErrorCode, PrincipalKind, systemPrincipal, TicketPatterns } from '@helpdesk/contracts';
import { AccessClient, TicketsClient, UpstreamError } from '@helpdesk/messaging';

import { whyNoStaffMail } from '../ticket-events/staff-mail-rule';
import { OutgoingMail } from './outgoing-mail.entity';

const principal = systemPrincipal('notifications');

/**
 * Right before mails go out, asks access once per batch who their staff recipients are now: a
 * mail recorded for someone who has since been deactivated, demoted or taken out of the ticket's
 * department is not sent. Client mail needs no such check.
 */
@Injectable()
export class RecipientCheck {
  constructor(
    private readonly access: AccessClient,
    private readonly tickets: TicketsClient,
  ) {}

  static concerns(mail: OutgoingMail): boolean {
    return mail.recipientKind === PrincipalKind.Staff;
  }

  /** The mails of the batch not to send, each with the reason; throws when access cannot say. */
  async reasonsToSkip(mails: OutgoingMail[]): Promise<Map<OutgoingMail, string>> {
    const staffMails = mails.filter(RecipientCheck.concerns);
    const reasons = new Map<OutgoingMail, string>();
    if (staffMails.length === 0) {
      return reasons;
    }
    const ids = [...new Set(staffMails.map((mail) => mail.recipientId))];
    const staff = new Map(
      (await this.access.send(AccessPatterns.GetStaffByIds, { principal, ids })).map((member) => [member.id, member]),
    );
    for (const mail of staffMails) {
      const departmentId = mail.departmentId ?? (await this.currentDepartment(Number(mail.ticketId)));
      const reason =
        departmentId === null
          ? 'the ticket no longer exists'
          : whyNoStaffMail(staff.get(mail.recipientId) ?? null, departmentId);
      if (reason) {
        reasons.set(mail, reason);
      }
    }
    return reasons;
  }

  /** For mails recorded before they kept their ticket's department. */
  private async currentDepartment(ticketId: number): Promise<number | null> {
    try {
      return (await this.tickets.send(TicketPatterns.Get, { principal, id: ticketId })).department.id;
    } catch (error) {
      if (error instanceof UpstreamError && error.code === ErrorCode.TicketNotFound) {
        return null;
      }
      throw error;
    }
  }
}
