import {
  EventEnvelope,
  isAdmin,
  isStaff,
  PresenceChange,
  PresenceEvents,
  Principal,
  TicketEvents,
} from '@helpdesk/contracts';

/** The broker events the stream passes on. */
export const STREAMED_EVENTS = [
  PresenceEvents.Changed,
  TicketEvents.Opened,
  TicketEvents.Replied,
  TicketEvents.NoteAdded,
] as const;
export type StreamedEvent = EventEnvelope<(typeof STREAMED_EVENTS)[number]>;

export interface PresenceStreamData {
  ticketId: number;
  staff: { id: number; name: string };
  state: PresenceChange;
}

/** A new public message or note; the console fetches the ticket for the body. */
export interface MessageStreamData {
  ticketId: number;
  messageId: number;
  author: string;
  internal: boolean;
}

export type StreamEvent = { departmentId: number } & (
  { type: 'presence'; data: PresenceStreamData } | { type: 'message'; data: MessageStreamData }
);

export function toStreamEvent(event: StreamedEvent): StreamEvent {
  if (event.name === PresenceEvents.Changed) {
    const { ticketId, departmentId, staff, state } = event.payload;
    return { type: 'presence', departmentId, data: { ticketId, staff, state } };
  }
  const { ticket, message, actor } = event.payload;
  return {
    type: 'message',
    departmentId: ticket.departmentId,
    data: { ticketId: ticket.id, messageId: message.id, author: actor.name, internal: message.internal },
  };
}

/** Staff hear of the tickets of their departments, admins of all; clients of none. */
export function mayReceive(principal: Principal, event: StreamEvent): boolean {
  return isAdmin(principal) || (isStaff(principal) && principal.departmentIds.includes(event.departmentId));
}

/** One server-sent event: its type names the EventSource listener, its data is JSON. */
export function sseFrame({ type, data }: StreamEvent): string {
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A comment line: EventSource ignores it, proxies see traffic and keep the connection open. */
export const SSE_HEARTBEAT = ': keep-alive\n\n';

/** How long a browser waits before reconnecting after the stream ends. */
export const SSE_RETRY = 'retry: 3000\n\n';
