import { IsInt, Min } from 'class-validator';

import { WithPrincipal } from '../common/with-principal';
import { PrincipalKind } from '../principal';

/** Commands the notifications service answers (queue `notifications`). */
export const NotificationPatterns = {
  /**
   * The mails sent, or still to be sent, about one ticket, oldest first. Staff only, and only for
   * a ticket the principal may see: the notifications service asks the tickets service
   * (`tickets.get` with the same principal) rather than keep a copy of ticket scoping, so a
   * ticket out of scope is answered TICKET_NOT_FOUND. Sent by the gateway. Idempotent.
   */
  ListTicketEmails: 'notifications.list-ticket-emails',
} as const;

export enum EmailState {
  /** Recorded, not yet accepted by the SMTP server (maybe retrying: see attempts/lastError). */
  Pending = 'pending',
  Sent = 'sent',
  /** Refused for good (a 5xx answer) or given up on after MAIL_GIVE_UP_AFTER. */
  Failed = 'failed',
  /**
   * Not sent, and never will be: checked right before sending, its staff recipient no longer
   * works in the ticket's department (or was deactivated, or demoted). See skipReason.
   */
  Skipped = 'skipped',
}

/** What a notification was about; decides the template. */
export enum EmailKind {
  Acknowledgement = 'acknowledgement',
  NewTicket = 'new_ticket',
  StaffReply = 'staff_reply',
  ClientReply = 'client_reply',
  InternalNote = 'internal_note',
  Assigned = 'assigned',
  Closed = 'closed',
  AutoCloseReminder = 'auto_close_reminder',
  /** A public message to a CC, or to the client when a CC wrote it. */
  CcMessage = 'cc_message',
  /** A staff member was @mentioned in a note. */
  Mention = 'mention',
  /** A status or assignment change of a ticket the staff member follows. */
  FollowedChange = 'followed_change',
}

export interface TicketEmailView {
  id: number;
  ticketId: number;
  kind: EmailKind;
  /** The ticket event that caused it. */
  event: string;
  recipient: { kind: PrincipalKind; id: number; name: string; email: string };
  subject: string;
  messageId: string;
  state: EmailState;
  attempts: number;
  /** The last SMTP error, while retrying or once failed. */
  lastError: string | null;
  /** Why a skipped mail was not sent; null otherwise. */
  skipReason: string | null;
  createdAt: string;
  sentAt: string | null;
}

export class ListTicketEmailsPayload extends WithPrincipal(class {}) {
  @IsInt()
  @Min(1)
  ticketId: number;
}

export interface NotificationRpc {
  [NotificationPatterns.ListTicketEmails]: { payload: ListTicketEmailsPayload; result: TicketEmailView[] };
}
