import { DepartmentView, InboundMailReason, InboundMailRoute, PrincipalKind } from '@helpdesk/contracts';

import { ReplyTokenSubject } from '@helpdesk/mail';

import { SmtpReply } from './smtp-replies';

/** What a RCPT TO address is to us. */
export type RecipientClass =
  /** `<local>+<token>@<domain>` whose token verifies. */
  | { kind: 'token'; address: string; token: string; subject: ReplyTokenSubject }
  /** Our reply address with a token that does not verify (altered, forged, another secret's). */
  | { kind: 'forged'; address: string }
  /** Ours, without a token: `<local>@<domain>` or our From address (a reply to From, a reply-all). */
  | { kind: 'untagged'; address: string }
  /** Anything else: maybe a department's address (the caller asks), else not ours. */
  | { kind: 'other'; address: string; ourDomain: boolean };

export interface Envelope {
  /** MAIL FROM, '' for the null reverse-path. */
  from: string;
  to: string[];
  remoteAddress: string | null;
  /** The name the client gave in EHLO/HELO. */
  helo: string | null;
}

/** A RCPT TO the listener accepted: a verified token, one of our untagged addresses, or a department's. */
export type AcceptedRecipient =
  | Extract<RecipientClass, { kind: 'token' | 'untagged' }>
  | { kind: 'department'; address: string; department: DepartmentView };

export type RecipientCheck =
  { accepted: true; recipient: AcceptedRecipient } | { accepted: false; reply: SmtpReply; reason: InboundMailReason };

export interface Author {
  kind: PrincipalKind;
  id: number;
}

/** Why a message is kept as an internal note rather than a reply. */
export enum NoteReason {
  /** It came through a token from someone else than the token's recipient (`noteFrom`). */
  SenderMismatch = 'sender_mismatch',
  /** Its sender could not be verified (`noteFrom`): UNVERIFIED_SENDER_POLICY=hold, or new_ticket from staff. */
  Unverified = 'unverified',
  /** Through a staff member's note-only token: a note by them. */
  NoteToken = 'note_token',
}

/** What becomes of a message for one of its targets (a ticket, a department, or nothing). */
export interface Target {
  /** `hold`: kept for staff to release (an unverified sender, and no ticket to note it on). */
  action: 'accept' | 'hold' | 'ignore' | 'refuse';
  route: InboundMailRoute;
  /** Who and where, for duplicate detection and the rate limit: `ticket:42:c7`, `department:3:casey@x`. */
  routeKey: string | null;
  ticketId: number | null;
  departmentId: number | null;
  /** Who the message is written as; null for a client still to be created (ALLOW_NEW_CLIENTS_BY_EMAIL). */
  author: Author | null;
  /** Kept as an internal note, for this reason; null for a reply. */
  noteReason: NoteReason | null;
  /** Who really sent a note kept for another reason than a note token. */
  noteFrom: string | null;
  /**
   * UNVERIFIED_SENDER_POLICY=new_ticket: opens a new ticket in `departmentId` as `author` (or a
   * client still to be created), whose requester is unverified; never a message on `ticketId`.
   */
  unverifiedRequester?: boolean;
  reason: InboundMailReason | null;
  detail: string | null;
  /** The refusal's SMTP answer. */
  reply?: SmtpReply;
}
