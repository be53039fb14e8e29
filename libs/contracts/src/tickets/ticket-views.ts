import type { SenderVerdict } from '../mail-ingress/inbound-mails';
import { AttachmentView } from '../attachments/attachment-views';
import { PrincipalKind } from '../principal';
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
}

export interface TicketView extends TicketSummary {
  messages: MessageView[];
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
