import { DeliveryStatus, WebhookEventName } from './webhook-events';

export interface WebhookView {
  id: number;
  url: string;
  events: WebhookEventName[];
  /** Empty: tickets of every department. */
  departmentIds: number[];
  includeNotes: boolean;
  active: boolean;
  /** Why the service turned it off (e.g. 50 dead deliveries in a row); null when an admin did, or it is on. */
  disabledReason: string | null;
  /** Dead deliveries since the last success. */
  consecutiveDead: number;
  /** Until when the secret replaced by the last rotation still signs requests; null if none. */
  previousSecretExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The answer to create and rotate: the secret, shown this once. */
export interface WebhookSecret {
  id: number;
  secret: string;
}

export interface WebhookDeliveryView {
  /** As in `X-Helpdesk-Delivery`: the same on every attempt. */
  id: string;
  webhookId: number;
  event: string;
  ticketId: number | null;
  status: DeliveryStatus;
  attempts: number;
  /** The HTTP status of the last attempt; null before one, or when it got no answer. */
  responseCode: number | null;
  /** How long the last attempt took. */
  durationMs: number | null;
  /** Why the last attempt failed, when it got no answer (timeout, refused, forbidden address). */
  error: string | null;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  createdAt: string;
}

export interface WebhookDeliveryDetail extends WebhookDeliveryView {
  /** The last attempt's request (or the one the next attempt sends). */
  request: { url: string; headers: Record<string, string>; body: string };
  /** The first 4 KB of the last answer's body. */
  responseBody: string | null;
}
