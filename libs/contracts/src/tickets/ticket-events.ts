import { PrincipalKind } from '../principal';
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
}

export interface TicketEventPayload {
  ticket: TicketFacts;
  actor: EventActor;
  message?: MessageFacts;
  changes?: Record<string, { from: unknown; to: unknown }>;
  /** ticket.closed: why (`manual`, `auto`). */
  reason?: string;
}

/** Every event on the wire: a unique id (consumers dedupe on it), its name and when it happened. */
export interface EventEnvelope<P = unknown> {
  eventId: string;
  name: string;
  occurredAt: string;
  payload: P;
}

export type TicketEventMap = { [K in TicketEventName]: TicketEventPayload };
