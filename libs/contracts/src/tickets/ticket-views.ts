import type { SenderVerdict } from '../mail-ingress/inbound-mails';
import { AttachmentView } from '../attachments/attachment-views';
import { PrincipalKind } from '../principal';
import { TicketPresenceSummary } from './presence';
import { MessageVia, TicketPriority, TicketStatus } from './ticket-enums';

export interface NamedRef {
  id: number;
  name: string;
}

/** A row of the admin list / My Tickets. */
export interface TicketSummary {
  id: number;
  subject: string;
  client: NamedRef;
  department: NamedRef;
  status: TicketStatus;
  priority: TicketPriority;
  lastActivityAt: string;
  assignee: NamedRef | null;
  createdAt: string;
  /** Clients: true when they are on the ticket as a CC, not as its client. */
  asCc?: boolean;
  /**
   * Staff only (never in a client's view): false for a ticket opened from a mail whose sender could
   * not be verified (UNVERIFIED_SENDER_POLICY=new_ticket); its requester gets no mail until staff
   * verify it (POST /api/tickets/:id/verify-requester).
   */
  requesterVerified?: boolean;
  /** The ticket this one was merged into (it takes its replies and changes); null when not merged. */
  mergedInto: number | null;
  /** Staff only: who has the ticket open now (GET /api/tickets/:id/presence has the details). */
  presence?: TicketPresenceSummary[];
}

/** One of the messages a 409 STALE_REPLY lists: written after the one the write was based on. */
export interface NewerMessageView {
  id: number;
  author: { kind: PrincipalKind; id: number; name: string };
  internal: boolean;
  createdAt: string;
  /** The first 200 characters. */
  excerpt: string;
}

export interface MessageView {
  id: number;
  author: { kind: PrincipalKind; id: number; name: string };
  body: string;
  /** Internal notes are only ever returned to staff. */
  internal: boolean;
  via: MessageVia;
  createdAt: string;
  /** Files attached to this message; download each at GET /api/attachments/:id. */
  attachments: AttachmentView[];
  /**
   * Staff only (never in a client's view): for a message that came by email, what sender
   * authentication said of its mail (DKIM, SPF, DMARC, the From domain, which evidence); else null.
   */
  senderVerdict?: SenderVerdict | null;
  /** Set on a message that came with a merged ticket: the ticket it was written on. */
  mergedFrom?: number;
}

export interface TicketView extends TicketSummary {
  messages: MessageView[];
  /** The support address the ticket was written to by email; replies go out from it; null: MAIL_FROM. */
  writtenTo: string | null;
}

/**
 * A ticket as the tickets service answers GET and PATCH: with its version, which changes whenever
 * the ticket does (status, priority, assignee, department, activity). The gateway gives it as the
 * ETag header, for If-Match, and leaves it out of the body.
 */
export interface VersionedTicketView extends TicketView {
  version: string;
}

export enum HistoryAction {
  Opened = 'opened',
  Replied = 'replied',
  NoteAdded = 'note_added',
  StatusChanged = 'status_changed',
  PriorityChanged = 'priority_changed',
  Assigned = 'assigned',
  DepartmentChanged = 'department_changed',
  RequesterVerified = 'requester_verified',
  /** On the target: `{ sourceIds }`, whose messages it now holds. */
  Merged = 'merged',
  /** On a source: `{ targetId, status: { from, to: 'closed' } }`. */
  MergedInto = 'merged_into',
  /** An unmerge: on the target `{ sourceIds }`, on each source `{ targetId, status: { from, to } }`. */
  Unmerged = 'unmerged',
  /** On the ticket split: `{ messageIds, ticketId }` (the new one). */
  Split = 'split',
  /** On the ticket a split made: `{ messageIds, fromTicketId }`. */
  SplitFrom = 'split_from',
}

export interface HistoryEntryView {
  id: number;
  action: HistoryAction;
  actor: { kind: PrincipalKind | 'system'; id: number | null; name: string };
  /** For changes: `{ field: { from, to } }`; for messages: `{ messageId }`. */
  details: Record<string, unknown>;
  createdAt: string;
}

export interface CannedResponseView {
  id: number;
  title: string;
  body: string;
  /** null: available in every department. */
  departmentId: number | null;
  createdAt: string;
  updatedAt: string;
}
