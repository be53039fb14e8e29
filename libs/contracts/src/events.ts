import {
  AccessEventName,
  AccessEvents,
  AccountMailRequestedPayload,
  ClientUpdatedPayload,
  DepartmentUpdatedPayload,
  StaffUpdatedPayload,
} from './access/access-events';
import { MailReceivedPayload } from './mail-ingress/inbound-mails';
import { MailboxAlertPayload } from './mail-ingress/mailboxes';
import { MailIngressEventName, MailIngressEvents } from './mail-ingress/patterns';
import { PresenceChangedPayload, PresenceEventName, PresenceEvents } from './tickets/presence';
import { TicketEventName, TicketEventPayload, TicketEvents, TicketMessageEventPayload } from './tickets/ticket-events';
import { WebhookServiceEventName, WebhookServiceEvents } from './webhooks/webhook-events';
import { WebhookDisabledPayload } from './webhooks/webhook-service-events';

/**
 * Every event any service publishes, by name: the class its payload is. Producers are typed
 * from it (the outbox, EventPublisher) and EventConsumer validates each delivered payload
 * against its class before a handler sees it. A new event: its name beside its publisher's
 * others (`TicketEvents`, `AccessEvents`, …), its payload class here.
 */
export const EVENT_PAYLOADS = {
  [TicketEvents.Opened]: TicketMessageEventPayload,
  [TicketEvents.Replied]: TicketMessageEventPayload,
  [TicketEvents.NoteAdded]: TicketMessageEventPayload,
  [TicketEvents.StatusChanged]: TicketEventPayload,
  [TicketEvents.PriorityChanged]: TicketEventPayload,
  [TicketEvents.Assigned]: TicketEventPayload,
  [TicketEvents.DepartmentChanged]: TicketEventPayload,
  [TicketEvents.Closed]: TicketEventPayload,
  [TicketEvents.AutoCloseReminder]: TicketEventPayload,
  [TicketEvents.RequesterVerified]: TicketEventPayload,
  [TicketEvents.Merged]: TicketEventPayload,
  [TicketEvents.Unmerged]: TicketEventPayload,
  [TicketEvents.Split]: TicketEventPayload,
  [PresenceEvents.Changed]: PresenceChangedPayload,
  [AccessEvents.DepartmentUpdated]: DepartmentUpdatedPayload,
  [AccessEvents.StaffUpdated]: StaffUpdatedPayload,
  [AccessEvents.ClientUpdated]: ClientUpdatedPayload,
  [AccessEvents.AccountMailRequested]: AccountMailRequestedPayload,
  [MailIngressEvents.Received]: MailReceivedPayload,
  [MailIngressEvents.MailboxAlert]: MailboxAlertPayload,
  [WebhookServiceEvents.Disabled]: WebhookDisabledPayload,
} as const satisfies Record<
  TicketEventName | PresenceEventName | AccessEventName | MailIngressEventName | WebhookServiceEventName,
  new () => object
>;

export type EventMap = { [N in keyof typeof EVENT_PAYLOADS]: InstanceType<(typeof EVENT_PAYLOADS)[N]> };
export type EventName = keyof EventMap;
export type EventPayload<N extends EventName> = EventMap[N];

/** An event as a producer writes it: a name and the payload the map gives that name. */
export interface DomainEvent<N extends EventName = EventName> {
  name: N;
  payload: EventPayload<N>;
}

/** One of the events `N`: a union with one member per name, so that a `switch` on `name` narrows the payload. */
export type AnyEvent<N extends EventName = EventName> = { [K in N]: DomainEvent<K> }[N];

/** Every event on the wire: a unique id (consumers dedupe on it), its name and when it happened. */
export type EventEnvelope<N extends EventName = EventName> = AnyEvent<N> & { eventId: string; occurredAt: string };

/** Any `ticket.*` event, as a consumer receives it. */
export type TicketEvent = EventEnvelope<TicketEventName>;
