import {
  EventEnvelope,
  MessageFacts,
  PrincipalKind,
  TicketEventName,
  TicketEventPayload,
  TicketEvents,
  TicketFacts,
} from '@helpdesk/contracts';
import { UnprocessableEventError } from '@helpdesk/messaging';

export interface TicketEvent {
  eventId: string;
  name: TicketEventName;
  occurredAt: string;
  payload: TicketEventPayload;
}

const NAMES = new Set<string>(Object.values(TicketEvents));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isTicketEventName = (name: string): name is TicketEventName => NAMES.has(name);

/**
 * Checks what the queue delivered against the contract before anything is mailed: an event
 * that does not fit can never be processed, so it goes to the dead-letter queue at once.
 */
export function parseTicketEvent(envelope: EventEnvelope): TicketEvent {
  const problems: string[] = [];
  const { eventId, name, occurredAt } = envelope;
  const payload = envelope.payload as Partial<TicketEventPayload> | null;
  if (typeof eventId !== 'string' || !UUID.test(eventId)) {
    problems.push('eventId: not a uuid');
  }
  if (!isTicketEventName(name)) {
    problems.push(`name: "${name}" is not a ticket event`);
  }
  if (typeof payload !== 'object' || payload === null) {
    throw new UnprocessableEventError(`Event '${eventId}' (${name}) has no payload`);
  }
  checkTicket(payload.ticket, problems);
  checkActor(payload.actor, problems);
  if (payload.message !== undefined) {
    checkMessage(payload.message, problems);
  }
  if ((name === TicketEvents.Replied || name === TicketEvents.NoteAdded) && payload.message === undefined) {
    problems.push('message: missing');
  }
  if (payload.changes !== undefined && (typeof payload.changes !== 'object' || payload.changes === null)) {
    problems.push('changes: not an object');
  }
  if (problems.length > 0) {
    throw new UnprocessableEventError(`Event '${eventId}' (${name}) does not fit the contract: ${problems.join('; ')}`);
  }
  return { eventId, name: name as TicketEventName, occurredAt, payload: payload as TicketEventPayload };
}

function checkTicket(ticket: Partial<TicketFacts> | undefined, problems: string[]): void {
  if (typeof ticket !== 'object' || ticket === null) {
    problems.push('ticket: missing');
    return;
  }
  for (const key of ['id', 'departmentId', 'clientId'] as const) {
    if (!isId(ticket[key])) {
      problems.push(`ticket.${key}: not a positive whole number`);
    }
  }
  for (const key of ['subject', 'departmentName', 'clientName', 'status', 'priority'] as const) {
    if (typeof ticket[key] !== 'string') {
      problems.push(`ticket.${key}: not a string`);
    }
  }
  if (ticket.assigneeId !== null && !isId(ticket.assigneeId)) {
    problems.push('ticket.assigneeId: neither null nor a positive whole number');
  }
}

function checkActor(actor: TicketEventPayload['actor'] | undefined, problems: string[]): void {
  const kinds: string[] = [PrincipalKind.Staff, PrincipalKind.Client, 'system'];
  if (typeof actor !== 'object' || actor === null || !kinds.includes(actor.kind) || typeof actor.name !== 'string') {
    problems.push('actor: not a staff member, client or the system with a name');
  } else if (actor.id !== null && !Number.isInteger(actor.id)) {
    problems.push('actor.id: neither null nor a whole number');
  }
}

function checkMessage(message: Partial<MessageFacts> | null, problems: string[]): void {
  if (typeof message !== 'object' || message === null) {
    problems.push('message: not an object');
    return;
  }
  if (typeof message.body !== 'string' || typeof message.internal !== 'boolean' || !isId(message.id)) {
    problems.push('message: needs an id, a body and the internal flag');
  }
}

function isId(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0;
}
