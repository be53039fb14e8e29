// Values the browser needs at run time. Each is checked against the contracts' types: a full
// Record fails to compile when the contracts add a status or a priority, a literal type when a
// limit changes.
import type {
  AutoCloseDaysMax,
  CannedResponsePlaceholder,
  EmailKind,
  EmailState,
  HistoryAction,
  InboundMailReason,
  InboundMailRoute,
  InboundMailState,
  JobOutcome,
  MailboxState,
  MaxAttachmentsPerMessage,
  MergeMaxSources,
  MessageMaxLength,
  PasswordMinLength,
  ReopenWithinDaysMax,
  ReplyToClosedPolicy,
  StaffRole,
  SubjectMaxLength,
  TicketPriority,
  TicketSort,
  TicketSortKey,
  TicketStatus,
} from './types';

/** In the spec's order, which is also the order of the filters. */
export const STATUS_LABELS: Record<TicketStatus, string> = {
  open: 'Open',
  answered: 'Answered',
  customer_reply: 'Customer Reply',
  in_progress: 'In Progress',
  on_hold: 'On Hold',
  closed: 'Closed',
};

/** Lowest first, as the contracts declare (and sort) them. */
export const PRIORITY_LABELS: Record<TicketPriority, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  urgent: 'Urgent',
};

export const ROLE_LABELS: Record<StaffRole, string> = { admin: 'Administrator', staff: 'Staff' };

export const STATUSES = Object.keys(STATUS_LABELS) as TicketStatus[];
export const PRIORITIES = Object.keys(PRIORITY_LABELS) as TicketPriority[];
export const ROLES = Object.keys(ROLE_LABELS) as StaffRole[];

/** `answered` is set by a staff reply only, never by hand. */
export const SETTABLE_STATUSES = STATUSES.filter((status) => status !== 'answered');

export const SORT_KEYS: Record<TicketSortKey, true> = {
  id: true,
  subject: true,
  client: true,
  department: true,
  status: true,
  priority: true,
  lastActivityAt: true,
  assignee: true,
};
export const DEFAULT_SORT: TicketSort = '-lastActivityAt';

export const HISTORY_VERBS: Record<HistoryAction, string> = {
  opened: 'opened the ticket',
  replied: 'replied',
  note_added: 'added an internal note',
  status_changed: 'changed the status',
  priority_changed: 'changed the priority',
  assigned: 'changed the assignee',
  department_changed: 'moved the ticket',
  requester_verified: 'verified the requester',
  merged: 'merged other tickets into this one',
  merged_into: 'merged this ticket into another',
  unmerged: 'undid a merge',
  split: 'split messages out into a new ticket',
  split_from: 'split this ticket out of another',
};

export const EMAIL_STATE_LABELS: Record<EmailState, string> = {
  pending: 'Pending',
  sent: 'Sent',
  failed: 'Failed',
  skipped: 'Not sent',
};

export const EMAIL_KIND_LABELS: Record<EmailKind, string> = {
  acknowledgement: 'Acknowledgement',
  new_ticket: 'New ticket',
  staff_reply: 'Staff reply',
  client_reply: 'Client reply',
  internal_note: 'Internal note',
  assigned: 'Assigned',
  closed: 'Closed',
  auto_close_reminder: 'Auto-close reminder',
  cc_message: 'Message to people on Cc',
  mention: 'Mention',
  followed_change: 'Change (following)',
};

export const CANNED_RESPONSE_PLACEHOLDERS = [
  '{{client.name}}',
  '{{client.firstName}}',
  '{{ticket.id}}',
  '{{ticket.subject}}',
  '{{department.name}}',
  '{{staff.name}}',
] as const satisfies readonly CannedResponsePlaceholder[];
// Every placeholder the contracts know is listed above.
const placeholdersComplete: Exclude<
  CannedResponsePlaceholder,
  (typeof CANNED_RESPONSE_PLACEHOLDERS)[number]
> extends never
  ? true
  : false = true;
void placeholdersComplete;

export const SUBJECT_MAX_LENGTH: SubjectMaxLength = 200;
export const MESSAGE_MAX_LENGTH: MessageMaxLength = 100_000;
export const PASSWORD_MIN_LENGTH: PasswordMinLength = 8;
export const MAX_ATTACHMENTS_PER_MESSAGE: MaxAttachmentsPerMessage = 20;
export const MERGE_MAX_SOURCES: MergeMaxSources = 10;
export const AUTO_CLOSE_DAYS_MAX: AutoCloseDaysMax = 3650;

export const JOB_OUTCOME_LABELS: Record<JobOutcome, string> = { running: 'Running', ok: 'OK', failed: 'Failed' };
export const REOPEN_WITHIN_DAYS_MAX: ReopenWithinDaysMax = 3650;

export const REPLY_TO_CLOSED_LABELS: Record<ReplyToClosedPolicy, string> = {
  reopen: 'Reopens the ticket',
  new_ticket_after_days: 'Reopens it for some days, then opens a new ticket',
  refuse: 'Is refused (asks to open a new ticket)',
};
export const REPLY_TO_CLOSED_POLICIES = Object.keys(REPLY_TO_CLOSED_LABELS) as ReplyToClosedPolicy[];

export const INBOUND_STATE_LABELS: Record<InboundMailState, string> = {
  received: 'Received',
  processing: 'Processing',
  added: 'Added',
  ignored: 'Ignored',
  refused: 'Refused',
  failed: 'Failed',
  held: 'Held',
};
export const INBOUND_STATES = Object.keys(INBOUND_STATE_LABELS) as InboundMailState[];

export const INBOUND_ROUTE_LABELS: Record<InboundMailRoute, string> = {
  token: 'reply address',
  thread: 'mail thread',
  subject_tag: 'ticket # in subject',
  department: 'department address',
  none: 'no match',
};

export const INBOUND_REASON_LABELS: Record<InboundMailReason, string> = {
  replied: 'added as a reply',
  noted_sender_mismatch: 'kept as an internal note (another sender)',
  noted_unverified: 'kept as an internal note (unverified sender)',
  noted: 'added as an internal note',
  unverified: 'the sender could not be verified',
  new_ticket: 'opened a new, linked ticket',
  opened: 'opened a ticket',
  bounce: 'a bounce',
  auto_reply: 'an auto-reply',
  bulk: 'bulk mail',
  mailing_list: 'mailing-list mail',
  own_mail: 'our own mail',
  rate_limited: 'too many mails from this sender',
  empty: 'nothing left after removing quotes',
  invalid_token: 'invalid reply address',
  unknown_recipient: 'unknown recipient',
  sender_mismatch: 'sender does not match',
  no_match: 'matched no ticket',
  unknown_sender: 'unknown sender',
  ticket_closed: 'the ticket is closed',
  recipient_gone: 'the recipient no longer has an account',
  ticket_gone: 'the ticket is gone',
  malformed: 'malformed message',
  processing_error: 'processing error',
};

export const MAILBOX_STATE_LABELS: Record<MailboxState, string> = {
  connected: 'Connected',
  idle: 'Idle',
  failing: 'Failing',
  paused: 'Paused',
};
