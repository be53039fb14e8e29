/*
 * WIRE-LEVEL NAMES: the events a webhook subscribes to and receives in `X-Helpdesk-Event`.
 * Receivers match on them: renaming one breaks every integration listening for it.
 */
export const WebhookEvents = {
  TicketCreated: 'ticket.created',
  /** Status, priority, assignee or department changed: `changes` has the old and new values. */
  TicketUpdated: 'ticket.updated',
  /** A public message (client or staff reply). */
  TicketMessageAdded: 'ticket.message_added',
  /** An internal note: only to webhooks with `includeNotes`. */
  TicketNoteAdded: 'ticket.note_added',
  TicketClosed: 'ticket.closed',
} as const;
export type WebhookEventName = (typeof WebhookEvents)[keyof typeof WebhookEvents];
export const WEBHOOK_EVENT_NAMES: readonly WebhookEventName[] = Object.values(WebhookEvents);

/** Sent by `POST /api/admin/webhooks/:id/test` only; no subscription needed. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

export enum DeliveryStatus {
  /** Not attempted yet. */
  Pending = 'pending',
  Succeeded = 'succeeded',
  /** The last attempt failed; another is scheduled at `nextAttemptAt`. */
  Failed = 'failed',
  /** Given up on: the receiver answered 410 Gone, or every attempt failed for the retry window. */
  Dead = 'dead',
}

/**
 * The ticket in a webhook body: the ticket as the admin API lists it (`GET /api/tickets`), as it
 * was right after the change, so that each delivery describes its own change even when they are
 * sent late. Not the conversation: the message of the change is in `message`, and the whole
 * conversation is `GET /api/tickets/:id` (an API token with tickets:read).
 */
export interface WebhookTicket {
  id: number;
  subject: string;
  status: string;
  priority: string;
  client: { id: number; name: string };
  department: { id: number; name: string };
  assignee: { id: number; name: string } | null;
  /** null only for changes made before the webhook body carried it. */
  createdAt: string | null;
  /** After the change; null only for changes made before the webhook body carried it. */
  lastActivityAt: string | null;
  /** False while the requester of a ticket opened from an unverified mail is not verified. */
  requesterVerified: boolean;
  /** The ticket this one was merged into, as the API shows it; null when not merged. */
  mergedInto: number | null;
  /** The support address the ticket was written to by email (its mails go out from it); null: MAIL_FROM. */
  writtenTo: string | null;
}

/** The JSON body of every webhook request (the test event has `ticket: null`). */
export interface WebhookBody {
  /** The delivery id, as in `X-Helpdesk-Delivery`. */
  id: string;
  event: WebhookEventName | typeof WEBHOOK_TEST_EVENT;
  occurredAt: string;
  ticket: WebhookTicket | null;
  actor: { kind: string; id: number | null; name: string } | null;
  /** ticket.updated and ticket.closed: each changed field, `{ status: { from: 'open', to: 'closed' } }`. */
  changes?: Record<string, { from: unknown; to: unknown }>;
  /** ticket.created, ticket.message_added, ticket.note_added. */
  message?: { id: number; body: string; internal: boolean; via: string };
}

/*
 * WIRE-LEVEL NAMES: events the webhooks service publishes to `helpdesk.events` through its
 * outbox. Notifications mails the active administrators about `webhook.disabled`.
 */
export const WebhookServiceEvents = {
  /** A webhook was turned off by the service (its dead deliveries in a row reached the limit). */
  Disabled: 'webhook.disabled',
} as const;
export type WebhookServiceEventName = (typeof WebhookServiceEvents)[keyof typeof WebhookServiceEvents];
