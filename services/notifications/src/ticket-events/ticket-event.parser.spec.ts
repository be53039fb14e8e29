import { EventEnvelope, TicketEvents } from '@helpdesk/contracts';
import { UnprocessableEventError } from '@helpdesk/messaging';

import { parseTicketEvent } from './ticket-event.parser';

const valid: EventEnvelope = {
  eventId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  name: TicketEvents.Replied,
  occurredAt: '2026-01-01T00:00:00.000Z',
  payload: {
    ticket: {
      id: 1,
      subject: 'Help',
      status: 'open',
      priority: 'medium',
      departmentId: 2,
      departmentName: 'Billing',
      clientId: 3,
      clientName: 'Olivia',
      assigneeId: null,
      assigneeName: null,
    },
    actor: { kind: 'client', id: 3, name: 'Olivia' },
    message: { id: 4, body: 'hi', internal: false, via: 'web' },
  },
};

describe(parseTicketEvent.name, () => {
  it('accepts an event that fits the contract', () => {
    expect(parseTicketEvent(valid)).toEqual(valid);
  });

  it.each([
    ['no payload', { ...valid, payload: null }],
    ['a payload of the wrong shape', { ...valid, payload: { garbage: true } }],
    ['an event id that is not a uuid', { ...valid, eventId: 'x' }],
    ['a name that is not a ticket event', { ...valid, name: 'ticket.exploded' }],
    ['a reply without its message', { ...valid, payload: { ...(valid.payload as object), message: undefined } }],
    [
      'a message without the internal flag',
      { ...valid, payload: { ...(valid.payload as object), message: { id: 4, body: 'hi' } } },
    ],
    [
      'an unknown actor kind',
      { ...valid, payload: { ...(valid.payload as object), actor: { kind: 'robot', id: 1, name: 'R' } } },
    ],
  ])('refuses %s as unprocessable', (_, envelope) => {
    expect(() => parseTicketEvent(envelope as EventEnvelope)).toThrow(UnprocessableEventError);
  });
});
