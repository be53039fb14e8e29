// The API's bodies and answers, typed from libs/contracts (types only: nothing of the contracts
// reaches the bundle). JSON carries enums as their string values, so `Wire<T>` turns every enum
// in a contract type into the union of its values: `Wire<TicketStatus>` is 'open' | 'answered' | ….
import type * as C from '@helpdesk/contracts';

export type Wire<T> = T extends string
  ? `${T}`
  : T extends number | boolean | null | undefined
    ? T
    : T extends readonly (infer U)[]
      ? Wire<U>[]
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;

export type TicketStatus = Wire<C.TicketStatus>;
export type TicketPriority = Wire<C.TicketPriority>;
export type TicketSortKey = Wire<C.TicketSortKey>;
export type TicketSort = TicketSortKey | `-${TicketSortKey}`;
export type MessageVia = Wire<C.MessageVia>;
export type HistoryAction = Wire<C.HistoryAction>;
export type StaffRole = Wire<C.StaffRole>;
export type PrincipalKind = Wire<C.PrincipalKind>;
export type ErrorCode = Wire<C.ErrorCode>;

export type Principal = Wire<C.Principal>;
export type Page<T> = { items: T[]; nextCursor: string | null };
export type NamedRef = Wire<C.NamedRef>;
export type TicketSummary = Wire<C.TicketSummary>;
export type PresenceState = Wire<C.PresenceState>;
export type PresenceView = Wire<C.PresenceView>;
export type TicketPresenceSummary = Wire<C.TicketPresenceSummary>;
export type TicketView = Wire<C.TicketView>;
export type MessageView = Wire<C.MessageView>;
export type HistoryEntryView = Wire<C.HistoryEntryView>;
export type CannedResponseView = Wire<C.CannedResponseView>;
export type AttachmentView = Wire<C.AttachmentView>;
export type DepartmentView = Wire<C.DepartmentView>;
export type StaffView = Wire<C.StaffView>;
export type ClientView = Wire<C.ClientView>;
export type TicketEmailView = Wire<C.TicketEmailView>;
export type ParticipantsView = Wire<C.ParticipantsView>;
export type CcView = Wire<C.CcView>;
export type MentionView = Wire<C.MentionView>;
export type FollowerView = Wire<C.FollowerView>;
export type EmailState = Wire<C.EmailState>;
export type EmailKind = Wire<C.EmailKind>;
export type JobView = Wire<C.JobView>;
export type JobName = Wire<C.JobName>;
export type JobOutcome = Wire<C.JobOutcome>;
export type ReplyToClosedPolicy = Wire<C.ReplyToClosedPolicy>;
export type InboundMailView = Wire<C.InboundMailView>;
export type SenderVerdict = Wire<C.SenderVerdict>;
export type InboundMailState = Wire<C.InboundMailState>;
export type InboundMailRoute = Wire<C.InboundMailRoute>;
export type InboundMailReason = Wire<C.InboundMailReason>;
export type ListInboundMailsQuery = Wire<C.ListInboundMailsQuery>;
export type WebhookView = Wire<C.WebhookView>;
export type WebhookSecret = Wire<C.WebhookSecret>;
export type WebhookEventName = Wire<C.WebhookEventName>;
export type WebhookDeliveryView = Wire<C.WebhookDeliveryView>;
export type WebhookDeliveryDetail = Wire<C.WebhookDeliveryDetail>;
export type DeliveryStatus = Wire<C.DeliveryStatus>;
export type CreateWebhookBody = Wire<C.CreateWebhookBody>;
export type UpdateWebhookBody = Wire<C.UpdateWebhookBody>;
export type MailboxView = Wire<C.MailboxView>;
export type MailboxState = Wire<C.MailboxState>;
export type MailboxStatusView = Wire<C.MailboxStatusView>;
export type MailboxTestResult = Wire<C.MailboxTestResult>;
export type CreateMailboxBody = Wire<C.CreateMailboxBody>;
export type UpdateMailboxBody = Wire<C.UpdateMailboxBody>;

export type LoginBody = Wire<C.LoginBody>;
export type RegisterBody = Wire<C.RegisterBody>;
export type CreateTicketBody = Wire<C.CreateTicketBody>;
export type MessageBody = Wire<C.MessageBody>;
export type UpdateTicketBody = Wire<C.UpdateTicketBody>;
export type ListTicketsQuery = Wire<C.ListTicketsQuery>;
export type ListClientsQuery = Wire<C.ListClientsQuery>;
export type CreateDepartmentBody = Wire<C.CreateDepartmentBody>;
export type UpdateDepartmentBody = Wire<C.UpdateDepartmentBody>;
export type CreateStaffBody = Wire<C.CreateStaffBody>;
export type UpdateStaffBody = Wire<C.UpdateStaffBody>;
export type CreateClientBody = Wire<C.CreateClientBody>;
export type CreateCannedResponseBody = Wire<C.CreateCannedResponseBody>;
export type UpdateCannedResponseBody = Wire<C.UpdateCannedResponseBody>;

export type RegisteredView = Wire<C.RegisteredView>;
export type NewerMessageView = Wire<C.NewerMessageView>;
export type TicketLinkView = Wire<C.TicketLinkView>;
export type ResetPasswordBody = Wire<C.ResetPasswordBody>;

/** POST /api/auth/login, /verify-email and /password-reset/confirm: a bearer token and who it belongs to. */
export interface SessionView {
  accessToken: string;
  user: Pick<Principal, 'id' | 'kind' | 'role' | 'name' | 'email'>;
}

/** Every error answer of the gateway: the contracts' RPC error envelope plus the HTTP status. */
export type ErrorBody = Wire<C.RpcErrorEnvelope> & { statusCode: number };

export type CannedResponsePlaceholder = (typeof C.CANNED_RESPONSE_PLACEHOLDERS)[number];
export type SubjectMaxLength = typeof C.SUBJECT_MAX_LENGTH;
export type MessageMaxLength = typeof C.MESSAGE_MAX_LENGTH;
export type PasswordMinLength = typeof C.PASSWORD_MIN_LENGTH;
export type MaxAttachmentsPerMessage = typeof C.MAX_ATTACHMENTS_PER_MESSAGE;
export type MergeMaxSources = typeof C.MERGE_MAX_SOURCES;
export type MergeTicketsBody = Wire<C.MergeTicketsBody>;
export type SplitTicketBody = Wire<C.SplitTicketBody>;
export type AutoCloseDaysMax = typeof C.AUTO_CLOSE_DAYS_MAX;
export type ReopenWithinDaysMax = typeof C.REOPEN_WITHIN_DAYS_MAX;

export type ApiScope = Wire<C.ApiScope>;
export type ApiTokenView = Wire<C.ApiTokenView>;
export type ApiTokenAdminView = Wire<C.ApiTokenAdminView>;
export type ApiTokenSecret = Wire<C.ApiTokenSecret>;
export type CreateApiTokenBody = Omit<Wire<C.CreateApiTokenBody>, 'expiresAt'> & { expiresAt?: string };
