export enum TicketStatus {
  Open = 'open',
  Answered = 'answered',
  CustomerReply = 'customer_reply',
  InProgress = 'in_progress',
  OnHold = 'on_hold',
  Closed = 'closed',
}

/** Declared lowest first: sorting by priority follows this order. */
export enum TicketPriority {
  Low = 'low',
  Medium = 'medium',
  High = 'high',
  Urgent = 'urgent',
}

export enum MessageVia {
  Web = 'web',
  Email = 'email',
}

/** The list's sort keys; `-key` sorts descending. */
export enum TicketSortKey {
  Id = 'id',
  Subject = 'subject',
  Client = 'client',
  Department = 'department',
  Status = 'status',
  Priority = 'priority',
  LastActivityAt = 'lastActivityAt',
  Assignee = 'assignee',
}

export const TICKET_SORTS = Object.values(TicketSortKey).flatMap((key) => [key, `-${key}`]);
export const DEFAULT_TICKET_SORT = `-${TicketSortKey.LastActivityAt}`;
