import { AccessEvents, TicketEvents, TicketMessageEventPayload } from '@helpdesk/contracts';

import { parseEvent, UnprocessableEventError } from './event-parsing';

const replied = {
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
    message: { id: 4, body: 'hi', internal: false, via: 'web', attachments: [] },
  },
};
const ticketEvents = new Set(Object.values(TicketEvents));

const withPayload = (changes: object) => ({ ...replied, payload: { ...replied.payload, ...changes } });

describe(parseEvent.name, () => {
  it('returns an event that fits the contract, its payload an instance of its class', () => {
    const event = parseEvent(replied, ticketEvents);

    expect(event).toEqual(replied);
    expect(event.payload).toBeInstanceOf(TicketMessageEventPayload);
  });

  it('accepts a system actor and an auto-close window', () => {
    const closed = {
      ...replied,
      name: TicketEvents.Closed,
      payload: {
        ticket: replied.payload.ticket,
        actor: { kind: 'system', id: null, name: 'Auto-close' },
        reason: 'auto',
        autoClose: { windowMs: 86_400_000, windowDays: 1, closesAt: '2026-01-02T00:00:00.000Z', daysLeft: 0 },
      },
    };

    expect(parseEvent(closed, ticketEvents)).toEqual(closed);
  });

  it('drops payload fields the contract does not know, so producers may add fields first', () => {
    const event = parseEvent(withPayload({ mood: 'cheerful' }), ticketEvents);

    expect(event.payload).not.toHaveProperty('mood');
  });

  it.each([
    ['not an object', null],
    ['no payload', { ...replied, payload: null }],
    ['a payload of the wrong shape', { ...replied, payload: { garbage: true } }],
    ['an event id that is not a uuid', { ...replied, eventId: 'x' }],
    ['no occurredAt', { ...replied, occurredAt: undefined }],
    ['a name that is not a ticket event', { ...replied, name: 'ticket.exploded' }],
    ['an event the consumer did not bind', { ...replied, name: AccessEvents.StaffUpdated }],
    ['a reply without its message', withPayload({ message: undefined })],
    ['a message without the internal flag', withPayload({ message: { id: 4, body: 'hi', via: 'web' } })],
    ['an unknown actor kind', withPayload({ actor: { kind: 'robot', id: 1, name: 'R' } })],
    ['an unknown status', withPayload({ ticket: { ...replied.payload.ticket, status: 'sleeping' } })],
    ['an assignee id that is text', withPayload({ ticket: { ...replied.payload.ticket, assigneeId: '5' } })],
    [
      'an attachment without its size',
      withPayload({ message: { ...replied.payload.message, attachments: [{ id: 1, filename: 'a.txt' }] } }),
    ],
  ])('refuses %s as unprocessable', (_, value) => {
    expect(() => parseEvent(value, ticketEvents)).toThrow(UnprocessableEventError);
  });

  it('names the fields that do not fit', () => {
    expect(() => parseEvent(withPayload({ actor: { kind: 'staff', id: 5 } }), ticketEvents)).toThrow(
      /does not fit the contract: actor\.name/,
    );
  });
});
