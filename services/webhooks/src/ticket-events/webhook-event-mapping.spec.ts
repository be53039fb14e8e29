import {
  EventActor,
  MessageVia,
  PrincipalKind,
  TicketEvent,
  TicketEvents,
  TicketPriority,
  TicketStatus,
  WebhookEvents,
} from '@helpdesk/contracts';

import { SubscribedTicketEventName, toWebhookEvent, wants, WebhookSubscription } from './webhook-event-mapping';

const alice: EventActor = { kind: PrincipalKind.Staff, id: 5, name: 'Alice' };
const ticket = {
  id: 1042,
  subject: 'Help',
  status: TicketStatus.Open,
  priority: TicketPriority.Medium,
  departmentId: 3,
  departmentName: 'Billing',
  clientId: 17,
  clientName: 'Olivia',
  assigneeId: 5,
  assigneeName: 'Alice',
  createdAt: '2025-12-31T09:00:00.000Z',
  lastActivityAt: '2026-01-01T00:00:00.000Z',
};
const note = { id: 9, body: 'Internal', internal: true, via: MessageVia.Web };

function event(name: SubscribedTicketEventName, extra: object = {}) {
  return {
    eventId: '00000000-0000-4000-8000-000000000001',
    name,
    occurredAt: '2026-01-01T00:00:00.000Z',
    payload: { ticket, actor: alice, ...extra },
  } as TicketEvent & { name: SubscribedTicketEventName };
}

const everything: WebhookSubscription = {
  events: Object.values(WebhookEvents),
  departmentIds: [],
  includeNotes: true,
};

describe('toWebhookEvent', () => {
  it.each([
    [TicketEvents.Opened, WebhookEvents.TicketCreated],
    [TicketEvents.Replied, WebhookEvents.TicketMessageAdded],
    [TicketEvents.NoteAdded, WebhookEvents.TicketNoteAdded],
    [TicketEvents.StatusChanged, WebhookEvents.TicketUpdated],
    [TicketEvents.PriorityChanged, WebhookEvents.TicketUpdated],
    [TicketEvents.Assigned, WebhookEvents.TicketUpdated],
    [TicketEvents.DepartmentChanged, WebhookEvents.TicketUpdated],
    [TicketEvents.Closed, WebhookEvents.TicketClosed],
  ] as const)('sends %s as %s', (internal, published) => {
    expect(toWebhookEvent(event(internal)).event).toBe(published);
  });

  it('shows the ticket as the admin API does, with the change and its old value', () => {
    const draft = toWebhookEvent(
      event(TicketEvents.PriorityChanged, { changes: { priority: { from: 'medium', to: 'high' } } }),
    );
    expect(draft.body).toEqual({
      event: 'ticket.updated',
      occurredAt: '2026-01-01T00:00:00.000Z',
      ticket: {
        id: 1042,
        subject: 'Help',
        status: 'open',
        priority: 'medium',
        client: { id: 17, name: 'Olivia' },
        department: { id: 3, name: 'Billing' },
        assignee: { id: 5, name: 'Alice' },
        createdAt: '2025-12-31T09:00:00.000Z',
        lastActivityAt: '2026-01-01T00:00:00.000Z',
        requesterVerified: true,
        mergedInto: null,
        writtenTo: null,
      },
      actor: { kind: 'staff', id: 5, name: 'Alice' },
      changes: { priority: { from: 'medium', to: 'high' } },
    });
  });

  it('leaves the times null for events published before the ticket facts carried them', () => {
    const { createdAt: _created, lastActivityAt: _activity, ...older } = ticket;
    const draft = toWebhookEvent({ ...event(TicketEvents.Opened), payload: { ticket: older, actor: alice } } as never);
    expect(draft.body.ticket).toMatchObject({ id: 1042, createdAt: null, lastActivityAt: null });
  });

  it('reaches the department a ticket left as well as the one it joined', () => {
    const draft = toWebhookEvent(
      event(TicketEvents.DepartmentChanged, { changes: { departmentId: { from: 7, to: 3 } } }),
    );
    expect(draft.departmentIds).toEqual([3, 7]);
  });
});

describe('wants', () => {
  const created = toWebhookEvent(event(TicketEvents.Opened, { message: { ...note, internal: false } }));
  const noted = toWebhookEvent(event(TicketEvents.NoteAdded, { message: note }));

  it('takes only the subscribed events', () => {
    expect(wants({ ...everything, events: [WebhookEvents.TicketClosed] }, created)).toBe(false);
    expect(wants({ ...everything, events: [WebhookEvents.TicketCreated] }, created)).toBe(true);
  });

  it('sends internal notes only with includeNotes', () => {
    expect(wants({ ...everything, includeNotes: false }, noted)).toBe(false);
    expect(wants(everything, noted)).toBe(true);
  });

  it('filters by department when the webhook names some', () => {
    expect(wants({ ...everything, departmentIds: [4] }, created)).toBe(false);
    expect(wants({ ...everything, departmentIds: [4, 3] }, created)).toBe(true);
  });
});
