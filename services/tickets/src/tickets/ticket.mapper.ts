import {
  AttachmentView,
  HistoryEntryView,
  isStaff,
  MessageView,
  Principal,
  TicketFacts,
  TicketSummary,
  TicketView,
} from '@helpdesk/contracts';

import { HistoryEntry } from './history-entry.entity';
import { Message } from './message.entity';
import { Ticket } from './ticket.entity';
import { TicketListRow } from './ticket-list.query';

/** Whether a ticket's requester is verified is for staff only: a client never sees the field. */
function requesterVerifiedFor(viewer: Principal | undefined, requesterVerified: boolean) {
  return viewer && isStaff(viewer) ? { requesterVerified } : {};
}

export function toTicketSummary(ticket: Ticket, departmentName: string, viewer?: Principal): TicketSummary {
  return {
    id: Number(ticket.id),
    subject: ticket.subject,
    client: { id: ticket.clientId, name: ticket.clientName },
    department: { id: ticket.departmentId, name: departmentName },
    status: ticket.status,
    priority: ticket.priority,
    lastActivityAt: ticket.lastActivityAt.toISOString(),
    assignee: ticket.assigneeId === null ? null : { id: ticket.assigneeId, name: ticket.assigneeName },
    createdAt: ticket.createdAt.toISOString(),
    ...requesterVerifiedFor(viewer, ticket.requesterVerified),
    mergedInto: ticket.mergedIntoId === null || ticket.mergedIntoId === undefined ? null : Number(ticket.mergedIntoId),
  };
}

export function rowToTicketSummary(row: TicketListRow, viewer?: Principal): TicketSummary {
  return {
    id: Number(row.id),
    subject: row.subject,
    client: { id: row.client_id, name: row.client_name },
    department: { id: row.department_id, name: row.department_name },
    status: row.status,
    priority: row.priority,
    lastActivityAt: row.last_activity_at.toISOString(),
    assignee: row.assignee_id === null ? null : { id: row.assignee_id, name: row.assignee_name },
    createdAt: row.created_at.toISOString(),
    ...(row.as_cc ? { asCc: true } : {}),
    ...requesterVerifiedFor(viewer, row.requester_verified),
    mergedInto: row.merged_into_id === null ? null : Number(row.merged_into_id),
  };
}

/** A message as `viewer` sees it: the sender verdict of an email is for staff only. */
export function toMessageView(message: Message, attachments: AttachmentView[] = [], viewer?: Principal): MessageView {
  const view: MessageView = {
    id: Number(message.id),
    author: { kind: message.authorKind, id: message.authorId, name: message.authorName },
    body: message.body,
    internal: message.internal,
    via: message.via,
    createdAt: message.createdAt.toISOString(),
    attachments,
    ...(message.mergedFromTicketId ? { mergedFrom: Number(message.mergedFromTicketId) } : {}),
  };
  return viewer && isStaff(viewer) ? { ...view, senderVerdict: message.senderVerdict ?? null } : view;
}

export function toTicketView(
  ticket: Ticket,
  departmentName: string,
  messages: Message[],
  attachmentsByMessage: Map<number, AttachmentView[]> = new Map(),
  viewer?: Principal,
): TicketView {
  return {
    ...toTicketSummary(ticket, departmentName, viewer),
    messages: messages.map((message) => toMessageView(message, attachmentsByMessage.get(Number(message.id)), viewer)),
    writtenTo: ticket.writtenTo,
  };
}

export function toHistoryEntryView(entry: HistoryEntry): HistoryEntryView {
  return {
    id: Number(entry.id),
    action: entry.action,
    actor: { kind: entry.actorKind, id: entry.actorId, name: entry.actorName },
    details: entry.details,
    createdAt: entry.createdAt.toISOString(),
  };
}

/** The columns of a ticket its events name. */
export type TicketFactsSource = Pick<
  Ticket,
  | 'id'
  | 'subject'
  | 'status'
  | 'priority'
  | 'departmentId'
  | 'clientId'
  | 'clientName'
  | 'assigneeId'
  | 'assigneeName'
  | 'requesterVerified'
  | 'createdAt'
  | 'lastActivityAt'
  | 'writtenTo'
> &
  // Absent where only unmerged tickets are written (the auto-close sweep): not merged.
  Partial<Pick<Ticket, 'mergedIntoId'>>;

export function toTicketFacts(ticket: TicketFactsSource, departmentName: string): TicketFacts {
  return {
    id: Number(ticket.id),
    subject: ticket.subject,
    status: ticket.status,
    priority: ticket.priority,
    departmentId: ticket.departmentId,
    departmentName,
    clientId: ticket.clientId,
    clientName: ticket.clientName,
    assigneeId: ticket.assigneeId,
    assigneeName: ticket.assigneeId === null ? null : ticket.assigneeName,
    createdAt: ticket.createdAt.toISOString(),
    lastActivityAt: ticket.lastActivityAt.toISOString(),
    requesterVerified: ticket.requesterVerified,
    mergedInto: ticket.mergedIntoId === null || ticket.mergedIntoId === undefined ? null : Number(ticket.mergedIntoId),
    writtenTo: ticket.writtenTo,
  };
}
