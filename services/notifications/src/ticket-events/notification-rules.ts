import { EmailKind, PrincipalKind, TicketEvent, TicketEvents } from '@helpdesk/contracts';

/**
 * Who an event concerns: the ticket's client; the ticket's staff (its assignee, or the
 * department's staff while nobody is assigned); or the staff member it was just assigned to.
 */
export enum Audience {
  Client = 'client',
  TicketStaff = 'ticket-staff',
  NewAssignee = 'new-assignee',
}

export interface Notice {
  kind: EmailKind;
  audience: Audience;
}

export interface NotificationOptions {
  /** ENABLE_NOTE_EMAILS: mail internal notes to the ticket's staff. */
  noteEmails: boolean;
}

export interface Person {
  kind: PrincipalKind;
  id: number;
  name: string;
  email: string;
}

/**
 * The "who gets what" table of the notifications issue. Events not listed mail nobody. The
 * requester of a ticket opened from an unverified mail gets nothing until staff verify them:
 * their address came from a mail anyone could have sent.
 */
export function noticesFor(event: TicketEvent, options: NotificationOptions): Notice[] {
  const notices = noticesByEvent(event, options);
  return event.payload.ticket.requesterVerified === false
    ? notices.filter((notice) => notice.audience !== Audience.Client)
    : notices;
}

function noticesByEvent(event: TicketEvent, options: NotificationOptions): Notice[] {
  const { payload } = event;
  switch (event.name) {
    case TicketEvents.Opened:
      return [
        { kind: EmailKind.Acknowledgement, audience: Audience.Client },
        { kind: EmailKind.NewTicket, audience: Audience.TicketStaff },
      ];
    case TicketEvents.Replied:
      if (payload.message?.internal) {
        return options.noteEmails ? [{ kind: EmailKind.InternalNote, audience: Audience.TicketStaff }] : [];
      }
      return payload.actor.kind === PrincipalKind.Client
        ? [{ kind: EmailKind.ClientReply, audience: Audience.TicketStaff }]
        : [{ kind: EmailKind.StaffReply, audience: Audience.Client }];
    case TicketEvents.NoteAdded:
      return options.noteEmails ? [{ kind: EmailKind.InternalNote, audience: Audience.TicketStaff }] : [];
    case TicketEvents.Assigned:
      return newAssigneeId(event) === null ? [] : [{ kind: EmailKind.Assigned, audience: Audience.NewAssignee }];
    case TicketEvents.Closed:
      return [{ kind: EmailKind.Closed, audience: Audience.Client }];
    case TicketEvents.AutoCloseReminder:
      return [{ kind: EmailKind.AutoCloseReminder, audience: Audience.Client }];
    default:
      return [];
  }
}

/** `ticket.assigned`: whom the ticket was assigned to, or null when it was unassigned. */
export function newAssigneeId(event: TicketEvent): number | null {
  const to = event.payload.changes?.assignee?.to;
  return Number.isSafeInteger(to) && (to as number) > 0 ? (to as number) : null;
}

/**
 * The people who get a notice, from those its audience names: never the staff member who
 * caused the event, never a client for anything internal, and nobody twice in one event.
 */
export function selectRecipients(
  notice: Notice,
  candidates: Person[],
  event: TicketEvent,
  alreadyChosen: Person[] = [],
): Person[] {
  const { actor, message } = event.payload;
  const internal = notice.kind === EmailKind.InternalNote || message?.internal === true;
  const chosen = new Set(alreadyChosen.map(key));
  return candidates.filter((person) => {
    if (person.kind === PrincipalKind.Client && (internal || notice.audience !== Audience.Client)) {
      return false;
    }
    if (person.kind === PrincipalKind.Staff && actor.kind === PrincipalKind.Staff && actor.id === person.id) {
      return false;
    }
    if (chosen.has(key(person))) {
      return false;
    }
    chosen.add(key(person));
    return true;
  });
}

const key = (person: Person) => `${person.kind}:${person.id}`;
