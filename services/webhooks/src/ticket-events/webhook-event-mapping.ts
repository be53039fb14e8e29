import {
  TicketEvent,
  TicketEvents,
  TicketFacts,
  WebhookBody,
  WebhookEventName,
  WebhookEvents,
  WebhookTicket,
} from '@helpdesk/contracts';

/** An internal ticket event as webhooks see it; the delivery id is added per webhook. */
export interface WebhookEventDraft {
  event: WebhookEventName;
  ticketId: number;
  /** The ticket's department, and the one it left (a department change reaches both). */
  departmentIds: number[];
  body: Omit<WebhookBody, 'id'>;
}

/** The internal events webhooks listen to (the auto-close reminder is not one). */
export const SUBSCRIBED_TICKET_EVENTS = [
  TicketEvents.Opened,
  TicketEvents.Replied,
  TicketEvents.NoteAdded,
  TicketEvents.StatusChanged,
  TicketEvents.PriorityChanged,
  TicketEvents.Assigned,
  TicketEvents.DepartmentChanged,
  TicketEvents.Closed,
] as const;
export type SubscribedTicketEventName = (typeof SUBSCRIBED_TICKET_EVENTS)[number];

const PUBLIC_NAME: Record<SubscribedTicketEventName, WebhookEventName> = {
  [TicketEvents.Opened]: WebhookEvents.TicketCreated,
  [TicketEvents.Replied]: WebhookEvents.TicketMessageAdded,
  [TicketEvents.NoteAdded]: WebhookEvents.TicketNoteAdded,
  [TicketEvents.StatusChanged]: WebhookEvents.TicketUpdated,
  [TicketEvents.PriorityChanged]: WebhookEvents.TicketUpdated,
  [TicketEvents.Assigned]: WebhookEvents.TicketUpdated,
  [TicketEvents.DepartmentChanged]: WebhookEvents.TicketUpdated,
  [TicketEvents.Closed]: WebhookEvents.TicketClosed,
};

export function toWebhookEvent(event: TicketEvent & { name: SubscribedTicketEventName }): WebhookEventDraft {
  const { ticket, actor, changes, message } = event.payload;
  const name = PUBLIC_NAME[event.name];
  const body: Omit<WebhookBody, 'id'> = {
    event: name,
    occurredAt: event.occurredAt,
    ticket: toWebhookTicket(ticket),
    actor: { kind: actor.kind, id: actor.id, name: actor.name },
    ...(changes ? { changes } : {}),
    ...(message
      ? { message: { id: message.id, body: message.body, internal: message.internal, via: message.via } }
      : {}),
  };
  const departedFrom = changes?.departmentId?.from;
  const departmentIds = typeof departedFrom === 'number' ? [ticket.departmentId, departedFrom] : [ticket.departmentId];
  return { event: name, ticketId: ticket.id, departmentIds, body };
}

function toWebhookTicket(ticket: TicketFacts): WebhookTicket {
  return {
    id: ticket.id,
    subject: ticket.subject,
    status: ticket.status,
    priority: ticket.priority,
    client: { id: ticket.clientId, name: ticket.clientName },
    department: { id: ticket.departmentId, name: ticket.departmentName },
    assignee: ticket.assigneeId === null ? null : { id: ticket.assigneeId, name: ticket.assigneeName ?? '' },
    createdAt: ticket.createdAt ?? null,
    lastActivityAt: ticket.lastActivityAt ?? null,
    requesterVerified: ticket.requesterVerified ?? true,
    mergedInto: ticket.mergedInto ?? null,
    writtenTo: ticket.writtenTo ?? null,
  };
}

export interface WebhookSubscription {
  events: WebhookEventName[];
  departmentIds: number[];
  includeNotes: boolean;
}

export function wants(webhook: WebhookSubscription, draft: WebhookEventDraft): boolean {
  if (!webhook.events.includes(draft.event)) {
    return false;
  }
  if (draft.event === WebhookEvents.TicketNoteAdded && !webhook.includeNotes) {
    return false;
  }
  return webhook.departmentIds.length === 0 || draft.departmentIds.some((id) => webhook.departmentIds.includes(id));
}
