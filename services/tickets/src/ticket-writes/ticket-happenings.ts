import {
  AttachmentView,
  AutoCloseFacts,
  HistoryAction,
  MessageFacts,
  TicketEventName,
  TicketEventPayload,
  TicketEvents,
  TicketStatus,
} from '@helpdesk/contracts';

import { Message } from '../tickets/message.entity';

/**
 * One thing that happened to a ticket, described once: TicketWriter.record turns it into both
 * the history entry and the event, so the two never disagree.
 */
export interface Happening {
  /** The history entry's action; null for an announcement that changes nothing on the ticket. */
  action: HistoryAction | null;
  event: TicketEventName;
  /** The history entry's details. */
  details: Record<string, unknown>;
  /** What the event carries besides the ticket's facts and the actor. */
  news: Pick<TicketEventPayload, 'message' | 'changes' | 'reason' | 'autoClose' | 'merge'>;
}

export function opened(message: Message, attachments: AttachmentView[], backlog = false): Happening {
  const facts = messageFacts(message, attachments);
  return {
    action: HistoryAction.Opened,
    event: TicketEvents.Opened,
    details: { messageId: Number(message.id) },
    news: { message: backlog ? { ...facts, backlog } : facts },
  };
}

export function messageAdded(
  message: Message,
  attachments: AttachmentView[],
  mentionedStaffIds: number[] = [],
  /** Newer messages by others the writer chose to send over (force). */
  sentOverMessageIds: number[] = [],
): Happening {
  const facts = messageFacts(message, attachments);
  return {
    action: message.internal ? HistoryAction.NoteAdded : HistoryAction.Replied,
    event: message.internal ? TicketEvents.NoteAdded : TicketEvents.Replied,
    details: {
      messageId: Number(message.id),
      ...(sentOverMessageIds.length > 0 ? { sentDespiteNewer: sentOverMessageIds } : {}),
    },
    news: { message: mentionedStaffIds.length > 0 ? { ...facts, mentionedStaffIds } : facts },
  };
}

/** Staff verified the requester of a ticket opened from an unverified mail: from now on they get its mail. */
export function requesterVerified(): Happening {
  return fieldChanged({
    action: HistoryAction.RequesterVerified,
    event: TicketEvents.RequesterVerified,
    field: 'requesterVerified',
    from: false,
    to: true,
  });
}

/** A status change; a close made by hand is announced as `ticket.closed`. */
export function statusChanged(from: TicketStatus, to: TicketStatus, byHand: boolean): Happening {
  const closedByHand = byHand && to === TicketStatus.Closed;
  return fieldChanged({
    action: HistoryAction.StatusChanged,
    event: closedByHand ? TicketEvents.Closed : TicketEvents.StatusChanged,
    field: 'status',
    from,
    to,
    reason: closedByHand ? 'manual' : undefined,
  });
}

/** The auto-close sweep closed a ticket that waited on its client longer than `autoClose`'s window. */
export function autoClosed(from: TicketStatus, autoClose: AutoCloseFacts): Happening {
  const changes = { status: { from, to: TicketStatus.Closed } };
  return {
    action: HistoryAction.StatusChanged,
    event: TicketEvents.Closed,
    details: { ...changes, reason: 'auto', windowMs: autoClose.windowMs, windowDays: autoClose.windowDays },
    news: { changes, reason: 'auto', autoClose },
  };
}

/** The client is told the ticket closes at `autoClose.closesAt`; nothing on the ticket changes, so no history. */
export function autoCloseReminded(autoClose: AutoCloseFacts): Happening {
  return { action: null, event: TicketEvents.AutoCloseReminder, details: {}, news: { reason: 'auto', autoClose } };
}

export interface FieldChange {
  action: HistoryAction;
  event: TicketEventName;
  field: string;
  from: unknown;
  to: unknown;
  reason?: string;
}

export function fieldChanged({ action, event, field, from, to, reason }: FieldChange): Happening {
  const changes = { [field]: { from, to } };
  return { action, event, details: changes, news: reason === undefined ? { changes } : { changes, reason } };
}

function messageFacts(message: Message, attachments: AttachmentView[]): MessageFacts {
  return { id: Number(message.id), body: message.body, internal: message.internal, via: message.via, attachments };
}

/** On the target of a merge: it now holds the sources' messages. */
export function merged(targetId: number, sourceIds: number[]): Happening {
  return {
    action: HistoryAction.Merged,
    event: TicketEvents.Merged,
    details: { sourceIds },
    news: { merge: { targetId, sourceIds } },
  };
}

/** On a source of a merge: closed, read-only, its conversation moved to the target. */
export function mergedInto(targetId: number, sourceId: number, from: TicketStatus): Happening {
  const status = { from, to: TicketStatus.Closed };
  return {
    action: HistoryAction.MergedInto,
    event: TicketEvents.Merged,
    details: { targetId, status },
    news: { merge: { targetId, sourceIds: [sourceId] }, changes: { status } },
  };
}

/** An unmerge, on the target: the sources took their messages back. */
export function unmergedFrom(targetId: number, sourceIds: number[]): Happening {
  return {
    action: HistoryAction.Unmerged,
    event: TicketEvents.Unmerged,
    details: { sourceIds },
    news: { merge: { targetId, sourceIds } },
  };
}

/** An unmerge, on a source: its messages and the status it had are back. */
export function unmergedSource(targetId: number, sourceId: number, from: TicketStatus, to: TicketStatus): Happening {
  const status = { from, to };
  return {
    action: HistoryAction.Unmerged,
    event: TicketEvents.Unmerged,
    details: { targetId, status },
    news: { merge: { targetId, sourceIds: [sourceId] }, changes: { status } },
  };
}

/** On a ticket messages were split out of. */
export function splitOut(newTicketId: number, messageIds: number[]): Happening {
  return {
    action: HistoryAction.Split,
    event: TicketEvents.Split,
    details: { ticketId: newTicketId, messageIds },
    news: {},
  };
}

/** On the ticket a split made (announced as opened, with its first message). */
export function splitFrom(fromTicketId: number, messageIds: number[]): Happening {
  return {
    action: HistoryAction.SplitFrom,
    event: TicketEvents.Split,
    details: { fromTicketId, messageIds },
    news: {},
  };
}
