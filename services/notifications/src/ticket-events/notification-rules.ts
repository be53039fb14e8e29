import { EmailKind, PrincipalKind, TicketEvent, TicketEvents } from '@helpdesk/contracts';

/**
 * Who an event concerns: the ticket's client; the ticket's staff (its assignee, or the
 * department's staff while nobody is assigned); or the staff member it was just assigned to.
 */
export enum Audience {
  Client = 'client',
  TicketStaff = 'ticket-staff',
  NewAssignee = 'new-assignee',
  /** The ticket's CCs (clients), as the event lists them. */
  Ccs = 'ccs',
  /** Staff following the ticket, as the event lists them. */
  Followers = 'followers',
  /** Staff a note @mentions. */
  Mentioned = 'mentioned',
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
 * The "who gets what" table of the notifications issue. Events not listed mail nobody. Every
 * public message goes to the client and every CC except its author; followers get what the
 * ticket's staff get, plus status and assignment changes; a mention is mailed before the note,
 * so that the mentioned get one mail. The requester of a ticket opened from an unverified mail,
 * and its CCs, get nothing until staff verify the requester: their addresses came from a mail
 * anyone could have sent.
 */
export function noticesFor(event: TicketEvent, options: NotificationOptions): Notice[] {
  const notices = noticesByEvent(event, options);
  return event.payload.ticket.requesterVerified === false
    ? notices.filter((notice) => notice.audience !== Audience.Client && notice.audience !== Audience.Ccs)
    : notices;
}

function noticesByEvent(event: TicketEvent, options: NotificationOptions): Notice[] {
  const { payload } = event;
  const notes: Notice[] = options.noteEmails
    ? [
        { kind: EmailKind.InternalNote, audience: Audience.TicketStaff },
        { kind: EmailKind.InternalNote, audience: Audience.Followers },
      ]
    : [];
  switch (event.name) {
    case TicketEvents.Opened:
      // Mail imported from a mailbox's backlog was written long ago: its client is not answered now.
      return [
        ...(payload.message?.backlog
          ? []
          : [
              { kind: EmailKind.Acknowledgement, audience: Audience.Client },
              { kind: EmailKind.CcMessage, audience: Audience.Ccs },
            ]),
        { kind: EmailKind.NewTicket, audience: Audience.TicketStaff },
        { kind: EmailKind.NewTicket, audience: Audience.Followers },
      ];
    case TicketEvents.Replied:
      if (payload.message?.internal) {
        return [{ kind: EmailKind.Mention, audience: Audience.Mentioned }, ...notes];
      }
      return payload.actor.kind === PrincipalKind.Client
        ? [
            { kind: EmailKind.ClientReply, audience: Audience.TicketStaff },
            { kind: EmailKind.ClientReply, audience: Audience.Followers },
            { kind: EmailKind.CcMessage, audience: Audience.Client },
            { kind: EmailKind.CcMessage, audience: Audience.Ccs },
          ]
        : [
            { kind: EmailKind.StaffReply, audience: Audience.Client },
            { kind: EmailKind.CcMessage, audience: Audience.Ccs },
          ];
    case TicketEvents.NoteAdded:
      return [{ kind: EmailKind.Mention, audience: Audience.Mentioned }, ...notes];
    case TicketEvents.Assigned:
      return [
        ...(newAssigneeId(event) === null ? [] : [{ kind: EmailKind.Assigned, audience: Audience.NewAssignee }]),
        { kind: EmailKind.FollowedChange, audience: Audience.Followers },
      ];
    case TicketEvents.StatusChanged:
      return [{ kind: EmailKind.FollowedChange, audience: Audience.Followers }];
    case TicketEvents.Closed:
      return [
        { kind: EmailKind.Closed, audience: Audience.Client },
        { kind: EmailKind.Closed, audience: Audience.Ccs },
        { kind: EmailKind.FollowedChange, audience: Audience.Followers },
      ];
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
  const toClients = notice.audience === Audience.Client || notice.audience === Audience.Ccs;
  return candidates.filter((person) => {
    if (person.kind === PrincipalKind.Client && (internal || !toClients)) {
      return false;
    }
    const acknowledgement = notice.kind === EmailKind.Acknowledgement;
    if (
      person.kind === PrincipalKind.Client &&
      actor.kind === PrincipalKind.Client &&
      actor.id === person.id &&
      !acknowledgement
    ) {
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
