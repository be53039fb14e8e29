import {
  CreateTicketBody,
  MessageVia,
  MessageView,
  Principal,
  SenderVerdict,
  UpdateTicketBody,
} from '@helpdesk/contracts';

import type { MentionCandidate } from '../participants/mention-parser';
import type { ResolvedCc } from '../participants/participants.service';
import { Ticket } from '../tickets/ticket.entity';
import { ClosedTicketDecision, ClosedTicketPolicy } from './closed-ticket-policy';
import type { SplitTicket } from './ticket-split';
import type { UnmergeTickets } from './ticket-unmerge';

/*
 * Every write to a ticket is one of these commands, run by TicketWrites.execute in one
 * transaction that writes the ticket, its history and its outbox events together.
 */

interface TicketCommandBase {
  principal: Principal;
  via: MessageVia;
  /** Idempotency key of a message that came by email; unique, so a repeat fails instead of adding it twice. */
  externalId?: string;
  /** What sender authentication said of the mail a message came from; kept with the message. */
  senderVerdict?: SenderVerdict;
}

export interface OpenTicket extends TicketCommandBase {
  kind: 'open';
  body: CreateTicketBody;
  /** CCs checked beforehand (ParticipantsService.ccsFor), written with the ticket. */
  ccs?: ResolvedCc[];
  /** False for a ticket opened from a mail whose sender could not be verified; default true. */
  requesterVerified?: boolean;
  /** The support address the mail that opens it was written to (OpenByEmailPayload.writtenTo). */
  writtenTo?: string;
  /** Mail from a mailbox's backlog (OpenByEmailPayload.backlog): no acknowledgement to the client. */
  backlog?: boolean;
}

/** A reply (moves the status to whose turn it is, reopens a closed ticket) or an internal note. */
export interface AddMessage extends TicketCommandBase {
  kind: 'add-message';
  ticketId: number;
  text: string;
  internal: boolean;
  attachmentIds?: number[];
  /**
   * The department's rule for replies to a closed ticket, decided on the locked ticket. Absent
   * (web replies) or null: a closed ticket reopens. `unknown`: the write stops with
   * `policy-needed` if the ticket is closed, for the caller to ask the department and try again
   * (so replies to open tickets, nearly all, never wait for the department).
   */
  closedTicketPolicy?: ClosedTicketPolicy | null | typeof POLICY_UNKNOWN;
  /** CCs checked beforehand (ParticipantsService.ccsFor), written with the reply. */
  ccs?: ResolvedCc[];
  /** Staff a note @mentions (ParticipantsService.mentionedIn): recorded, made followers, mailed. */
  mentions?: MentionCandidate[];
  /**
   * Mail follows a merge: on a ticket merged into another the write stops with `merged`, for the
   * caller to write on the target. Without it (web, API) such a write is refused, 409 TICKET_MERGED.
   */
  followMerge?: boolean;
  /** The latest message the writer had seen: newer ones by others refuse the write (409 STALE_REPLY)... */
  basedOnMessageId?: number;
  /** ...unless forced, which the history records. */
  force?: boolean;
}

export const POLICY_UNKNOWN = 'unknown' as const;

/** Staff changes to status, priority, assignee and department. */
export interface ChangeTicket {
  kind: 'change';
  principal: Principal;
  ticketId: number;
  changes: UpdateTicketBody;
  /** The If-Match header: the version the change was based on. */
  ifMatch?: string;
}

/** Staff vouch for the requester of a ticket opened from an unverified mail. */
export interface VerifyRequester {
  kind: 'verify-requester';
  principal: Principal;
  ticketId: number;
}

/** Staff merge `sourceIds` into `targetId` (ticket-merge.ts). */
export interface MergeTickets {
  kind: 'merge';
  principal: Principal;
  targetId: number;
  sourceIds: number[];
  /** An internal note on the target, saying why. */
  note?: string;
}

export type TicketCommand =
  OpenTicket | AddMessage | ChangeTicket | VerifyRequester | MergeTickets | UnmergeTickets | SplitTicket;

export interface MessageAdded {
  kind: 'added';
  /** The ticket as written. */
  ticket: Ticket;
  message: MessageView;
}

/** The ticket is closed and the command did not know its department's policy; nothing was written. */
export interface PolicyNeeded {
  kind: 'policy-needed';
  /** The closed ticket, as locked. */
  ticket: Ticket;
}

/** The closed-ticket policy kept the reply off the ticket; nothing was written. */
export interface ReplyDeclined {
  kind: 'declined';
  decision: ClosedTicketDecision.Refuse | ClosedTicketDecision.NewTicket;
  /** The closed ticket, as locked. */
  ticket: Ticket;
}

/** The ticket was merged into `targetId`; nothing was written (AddMessage.followMerge). */
export interface MergedAway {
  kind: 'merged';
  targetId: number;
}
