import {
  EmailKind,
  EventActor,
  EventEnvelope,
  EventPayload,
  MessageVia,
  PrincipalKind,
  TicketEventName,
  TicketEventPayload,
  TicketEvents,
  TicketPriority,
  TicketStatus,
} from '@helpdesk/contracts';

import { Audience, noticesFor, Person, selectRecipients } from './notification-rules';

const alice: EventActor = { kind: PrincipalKind.Staff, id: 5, name: 'Alice' };
const olivia: EventActor = { kind: PrincipalKind.Client, id: 17, name: 'Olivia' };
const system: EventActor = { kind: 'system', id: null, name: 'System' };

function makeEvent<N extends TicketEventName>(name: N, payload: EventPayload<N>): EventEnvelope<N> {
  return { eventId: '00000000-0000-4000-8000-000000000001', name, occurredAt: '2026-01-01T00:00:00.000Z', payload };
}

/** A ticket event's payload about ticket #1042 of Olivia's, by Olivia unless `overrides` say otherwise. */
function about<O extends Partial<TicketEventPayload>>(overrides: O) {
  const ticket = {
    id: 1042,
    subject: 'Help',
    status: TicketStatus.Open,
    priority: TicketPriority.Medium,
    departmentId: 3,
    departmentName: 'Billing',
    clientId: 17,
    clientName: 'Olivia',
    assigneeId: null,
    assigneeName: null,
  };
  return { ticket, actor: olivia, ...overrides };
}

/** `about`, on a ticket opened from an unverified mail whose requester staff have not verified. */
function unverified<O extends Partial<TicketEventPayload>>(overrides: O) {
  const payload = about(overrides);
  return { ...payload, ticket: { ...payload.ticket, requesterVerified: false } };
}

const message = (internal = false) => ({ id: 1, body: 'text', internal, via: MessageVia.Web });
const notes = { noteEmails: true };

describe(noticesFor.name, () => {
  it.each([
    [
      'new ticket',
      makeEvent(TicketEvents.Opened, about({ message: message() })),
      [
        [EmailKind.Acknowledgement, Audience.Client],
        [EmailKind.CcMessage, Audience.Ccs],
        [EmailKind.NewTicket, Audience.TicketStaff],
        [EmailKind.NewTicket, Audience.Followers],
      ],
    ],
    [
      'new ticket from a mailbox backlog (no acknowledgement to its client or CCs)',
      makeEvent(TicketEvents.Opened, about({ message: { ...message(), backlog: true } })),
      [
        [EmailKind.NewTicket, Audience.TicketStaff],
        [EmailKind.NewTicket, Audience.Followers],
      ],
    ],
    [
      'staff reply',
      makeEvent(TicketEvents.Replied, about({ actor: alice, message: message() })),
      [
        [EmailKind.StaffReply, Audience.Client],
        [EmailKind.CcMessage, Audience.Ccs],
      ],
    ],
    [
      'client reply',
      makeEvent(TicketEvents.Replied, about({ actor: olivia, message: message() })),
      [
        [EmailKind.ClientReply, Audience.TicketStaff],
        [EmailKind.ClientReply, Audience.Followers],
        [EmailKind.CcMessage, Audience.Client],
        [EmailKind.CcMessage, Audience.Ccs],
      ],
    ],
    [
      'internal note',
      makeEvent(TicketEvents.NoteAdded, about({ actor: alice, message: message(true) })),
      [
        [EmailKind.Mention, Audience.Mentioned],
        [EmailKind.InternalNote, Audience.TicketStaff],
        [EmailKind.InternalNote, Audience.Followers],
      ],
    ],
    [
      'an internal message however it is named',
      makeEvent(TicketEvents.Replied, about({ actor: alice, message: message(true) })),
      [
        [EmailKind.Mention, Audience.Mentioned],
        [EmailKind.InternalNote, Audience.TicketStaff],
        [EmailKind.InternalNote, Audience.Followers],
      ],
    ],
    [
      'assignment',
      makeEvent(TicketEvents.Assigned, about({ actor: alice, changes: { assignee: { from: null, to: 8 } } })),
      [
        [EmailKind.Assigned, Audience.NewAssignee],
        [EmailKind.FollowedChange, Audience.Followers],
      ],
    ],
    [
      'unassignment',
      makeEvent(TicketEvents.Assigned, about({ actor: alice, changes: { assignee: { from: 8, to: null } } })),
      [[EmailKind.FollowedChange, Audience.Followers]],
    ],
    [
      'closed by staff',
      makeEvent(TicketEvents.Closed, about({ actor: alice, reason: 'manual' })),
      [
        [EmailKind.Closed, Audience.Client],
        [EmailKind.Closed, Audience.Ccs],
        [EmailKind.FollowedChange, Audience.Followers],
      ],
    ],
    [
      'closed automatically',
      makeEvent(TicketEvents.Closed, about({ actor: system, reason: 'auto' })),
      [
        [EmailKind.Closed, Audience.Client],
        [EmailKind.Closed, Audience.Ccs],
        [EmailKind.FollowedChange, Audience.Followers],
      ],
    ],
    [
      'auto-close reminder',
      makeEvent(TicketEvents.AutoCloseReminder, about({ actor: system, reason: 'auto' })),
      [[EmailKind.AutoCloseReminder, Audience.Client]],
    ],
    [
      'status change',
      makeEvent(TicketEvents.StatusChanged, about({ actor: alice })),
      [[EmailKind.FollowedChange, Audience.Followers]],
    ],
    ['priority change', makeEvent(TicketEvents.PriorityChanged, about({ actor: alice })), []],
    ['department change', makeEvent(TicketEvents.DepartmentChanged, about({ actor: alice })), []],
  ])('%s', (_, event, expected) => {
    expect(noticesFor(event, notes).map((notice) => [notice.kind, notice.audience])).toEqual(expected);
  });

  it.each([
    [
      'new ticket',
      makeEvent(TicketEvents.Opened, unverified({ message: message() })),
      [EmailKind.NewTicket, EmailKind.NewTicket],
    ],
    ['staff reply', makeEvent(TicketEvents.Replied, unverified({ actor: alice, message: message() })), []],
    [
      'closed',
      makeEvent(TicketEvents.Closed, unverified({ actor: alice, reason: 'manual' })),
      [EmailKind.FollowedChange],
    ],
    [
      'auto-close reminder',
      makeEvent(TicketEvents.AutoCloseReminder, unverified({ actor: system, reason: 'auto' })),
      [],
    ],
  ])('mails nothing to an unverified requester or their CCs (staff as usual): %s', (_, event, expected) => {
    expect(noticesFor(event, notes).map((notice) => notice.kind)).toEqual(expected);
  });

  it('mails a verified requester as usual', () => {
    const payload = about({ actor: alice, message: message() });
    const event = makeEvent(TicketEvents.Replied, {
      ...payload,
      ticket: { ...payload.ticket, requesterVerified: true },
    });
    expect(noticesFor(event, notes).map((notice) => notice.audience)).toEqual([Audience.Client, Audience.Ccs]);
  });

  it('mails internal notes only to the mentioned when ENABLE_NOTE_EMAILS is off', () => {
    const mentionOnly = [{ kind: EmailKind.Mention, audience: Audience.Mentioned }];
    expect(
      noticesFor(makeEvent(TicketEvents.NoteAdded, about({ actor: alice, message: message(true) })), {
        noteEmails: false,
      }),
    ).toEqual(mentionOnly);
    expect(
      noticesFor(makeEvent(TicketEvents.Replied, about({ actor: alice, message: message(true) })), {
        noteEmails: false,
      }),
    ).toEqual(mentionOnly);
  });
});

describe(selectRecipients.name, () => {
  const client: Person = { kind: PrincipalKind.Client, id: 17, name: 'Olivia', email: 'o@x.test' };
  const staff = (id: number): Person => ({ kind: PrincipalKind.Staff, id, name: `S${id}`, email: `s${id}@x.test` });

  it('leaves out the staff member who caused the event', () => {
    const event = makeEvent(TicketEvents.NoteAdded, about({ actor: alice, message: message(true) }));
    const notice = { kind: EmailKind.InternalNote, audience: Audience.TicketStaff };
    expect(selectRecipients(notice, [staff(5), staff(6)], event)).toEqual([staff(6)]);
  });

  it('still acknowledges a ticket to the client who opened it', () => {
    const event = makeEvent(TicketEvents.Opened, about({ actor: olivia, message: message() }));
    expect(selectRecipients({ kind: EmailKind.Acknowledgement, audience: Audience.Client }, [client], event)).toEqual([
      client,
    ]);
  });

  it('never gives a client anything internal, nor a staff notice', () => {
    const note = makeEvent(TicketEvents.NoteAdded, about({ actor: alice, message: message(true) }));
    expect(
      selectRecipients({ kind: EmailKind.InternalNote, audience: Audience.TicketStaff }, [client, staff(6)], note),
    ).toEqual([staff(6)]);
    const internalReply = makeEvent(TicketEvents.Replied, about({ actor: alice, message: message(true) }));
    expect(
      selectRecipients({ kind: EmailKind.StaffReply, audience: Audience.Client }, [client], internalReply),
    ).toEqual([]);
    const opened = makeEvent(TicketEvents.Opened, about({ actor: olivia, message: message() }));
    expect(
      selectRecipients({ kind: EmailKind.NewTicket, audience: Audience.TicketStaff }, [client, staff(6)], opened),
    ).toEqual([staff(6)]);
  });

  it('never mails a public message back to the client or CC who wrote it', () => {
    const colleague: Person = { kind: PrincipalKind.Client, id: 18, name: 'Colin', email: 'c@x.test' };
    const byColleague = makeEvent(
      TicketEvents.Replied,
      about({ actor: { kind: PrincipalKind.Client, id: 18, name: 'Colin' }, message: message() }),
    );
    const notice = { kind: EmailKind.CcMessage, audience: Audience.Ccs };
    expect(selectRecipients(notice, [client, colleague], byColleague)).toEqual([client]);
  });

  it('never gives a CC a note', () => {
    const colleague: Person = { kind: PrincipalKind.Client, id: 18, name: 'Colin', email: 'c@x.test' };
    const note = makeEvent(TicketEvents.NoteAdded, about({ actor: alice, message: message(true) }));
    expect(selectRecipients({ kind: EmailKind.CcMessage, audience: Audience.Ccs }, [colleague], note)).toEqual([]);
  });

  it('mails nobody twice for one event', () => {
    const event = makeEvent(TicketEvents.Opened, about({ actor: olivia, message: message() }));
    const notice = { kind: EmailKind.NewTicket, audience: Audience.TicketStaff };
    expect(selectRecipients(notice, [staff(6), staff(6), staff(7)], event, [staff(7)])).toEqual([staff(6)]);
  });

  it('mails an assignee who assigned the ticket to themselves nothing', () => {
    const event = makeEvent(
      TicketEvents.Assigned,
      about({ actor: alice, changes: { assignee: { from: null, to: 5 } } }),
    );
    expect(selectRecipients({ kind: EmailKind.Assigned, audience: Audience.NewAssignee }, [staff(5)], event)).toEqual(
      [],
    );
  });
});
