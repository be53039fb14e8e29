import { AttachmentView } from '../attachments/attachment-views';
import { PrincipalKind } from '../principal';
import { AutoCloseFacts } from './auto-close';
import { MessageVia, TicketPriority, TicketStatus } from './ticket-enums';

/*
 * WIRE-LEVEL NAMES: events the tickets service publishes to the `helpdesk.events` exchange
 * (routing key = name) through its outbox. Consumers bind their own queues by these names.
 */
export const TicketEvents = {
  Opened: 'ticket.opened',
  Replied: 'ticket.replied',
  NoteAdded: 'ticket.note-added',
  StatusChanged: 'ticket.status-changed',
  PriorityChanged: 'ticket.priority-changed',
  Assigned: 'ticket.assigned',
  DepartmentChanged: 'ticket.department-changed',
  Closed: 'ticket.closed',
  /**
   * The auto-close sweep will close the ticket at `autoClose.closesAt` unless someone replies:
   * at most one per ticket per stretch without activity. Payload: TicketEventPayload with
   * `reason: 'auto'` and `autoClose`. Notifications mails it to the client.
   */
  AutoCloseReminder: 'ticket.auto-close-reminder',
} as const;
export type TicketEventName = (typeof TicketEvents)[keyof typeof TicketEvents];

/** The ticket as it is after the change: what a consumer needs without calling back. */
export interface TicketFacts {
  id: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  departmentId: number;
  departmentName: string;
  clientId: number;
  clientName: string;
  assigneeId: number | null;
  assigneeName: string | null;
}

export interface EventActor {
  kind: PrincipalKind | 'system';
  id: number | null;
  name: string;
}

export interface MessageFacts {
  id: number;
  body: string;
  /** true for internal notes: never to be shown or mailed to a client. */
  internal: boolean;
  via: MessageVia;
  /** Files linked to the message in the same transaction (absent on events older than attachments). */
  attachments?: AttachmentView[];
}

export interface TicketEventPayload {
  ticket: TicketFacts;
  actor: EventActor;
  message?: MessageFacts;
  changes?: Record<string, { from: unknown; to: unknown }>;
  /** ticket.closed: why (`manual`, `auto`). */
  reason?: string;
  /** ticket.closed with reason `auto`, and ticket.auto-close-reminder: the window that applied. */
  autoClose?: AutoCloseFacts;
}

/** Every event on the wire: a unique id (consumers dedupe on it), its name and when it happened. */
export interface EventEnvelope<P = unknown> {
  eventId: string;
  name: string;
  occurredAt: string;
  payload: P;
}

export type TicketEventMap = { [K in TicketEventName]: TicketEventPayload };
