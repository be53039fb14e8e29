import {
  MessageVia,
  PresenceEvents,
  PresenceState,
  TicketEvents,
  TicketPriority,
  TicketStatus,
} from '@helpdesk/contracts';
import { adminPrincipal, clientPrincipal, staffPrincipal } from '@helpdesk/testing/builders';

import { mayReceive, sseFrame, StreamedEvent, toStreamEvent } from './stream-events';

const envelope = { eventId: 'e-1', occurredAt: '2026-12-04T10:00:00.000Z' };

const presenceEvent: StreamedEvent = {
  ...envelope,
  name: PresenceEvents.Changed,
  payload: { ticketId: 40, departmentId: 2, staff: { id: 7, name: 'Alice' }, state: PresenceState.Replying },
};

const noteEvent: StreamedEvent = {
  ...envelope,
  name: TicketEvents.NoteAdded,
  payload: {
    ticket: {
      id: 41,
      subject: 'Invoice',
      status: TicketStatus.Open,
      priority: TicketPriority.Medium,
      departmentId: 3,
      departmentName: 'Billing',
      clientId: 42,
      clientName: 'Casey Client',
      assigneeId: null,
      assigneeName: null,
    },
    actor: { kind: 'staff', id: 7, name: 'Bob' },
    message: { id: 900, body: 'secret', internal: true, via: MessageVia.Web },
  },
} as StreamedEvent;

describe('the staff event stream', () => {
  it('passes presence on with its ticket, staff and state', () => {
    expect(toStreamEvent(presenceEvent)).toEqual({
      type: 'presence',
      departmentId: 2,
      data: { ticketId: 40, staff: { id: 7, name: 'Alice' }, state: 'replying' },
    });
  });

  it('passes a message on without its body', () => {
    const event = toStreamEvent(noteEvent);
    expect(event).toEqual({
      type: 'message',
      departmentId: 3,
      data: { ticketId: 41, messageId: 900, author: 'Bob', internal: true },
    });
    expect(sseFrame(event)).toBe(
      'event: message\ndata: {"ticketId":41,"messageId":900,"author":"Bob","internal":true}\n\n',
    );
  });

  it("gives staff their departments' events, admins all, clients none", () => {
    const event = toStreamEvent(noteEvent);
    expect(mayReceive(staffPrincipal({ departmentIds: [3] }), event)).toBe(true);
    expect(mayReceive(staffPrincipal({ departmentIds: [2] }), event)).toBe(false);
    expect(mayReceive(adminPrincipal(), event)).toBe(true);
    expect(mayReceive(clientPrincipal({ id: 42 }), event)).toBe(false);
  });
});
