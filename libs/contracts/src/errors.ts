/** Error codes that cross service boundaries. The gateway maps each to an HTTP status. */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  Unauthenticated = 'UNAUTHENTICATED',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  TooManyAttempts = 'TOO_MANY_ATTEMPTS',
  /** An account's hourly quota of tickets, replies or uploads, or its storage, is used up. */
  QuotaExceeded = 'QUOTA_EXCEEDED',
  AccessDenied = 'ACCESS_DENIED',
  /** An API token that was revoked (by its owner or an administrator). */
  TokenRevoked = 'TOKEN_REVOKED',
  /** An API token past its expiresAt. */
  TokenExpired = 'TOKEN_EXPIRED',
  /** An API token without the scope the route needs; details.requiredScope names it. */
  InsufficientScope = 'INSUFFICIENT_SCOPE',
  ApiTokenNotFound = 'API_TOKEN_NOT_FOUND',
  RegistrationDisabled = 'REGISTRATION_DISABLED',
  /** A self-registered account whose address was not confirmed yet: it cannot sign in. */
  EmailNotVerified = 'EMAIL_NOT_VERIFIED',
  /** An address-confirmation or password-reset link that is unknown, expired or already used. */
  LinkInvalid = 'LINK_INVALID',
  /** Too many confirmation or reset mails for one address or from one remote address; details.retryAfterSeconds. */
  TooManyAccountMails = 'TOO_MANY_ACCOUNT_MAILS',
  NotFound = 'NOT_FOUND',
  TicketNotFound = 'TICKET_NOT_FOUND',
  DepartmentNotFound = 'DEPARTMENT_NOT_FOUND',
  StaffNotFound = 'STAFF_NOT_FOUND',
  ClientNotFound = 'CLIENT_NOT_FOUND',
  CannedResponseNotFound = 'CANNED_RESPONSE_NOT_FOUND',
  EmailTaken = 'EMAIL_TAKEN',
  LastAdmin = 'LAST_ADMIN',
  NameTaken = 'NAME_TAKEN',
  DepartmentInactive = 'DEPARTMENT_INACTIVE',
  StatusNotSettable = 'STATUS_NOT_SETTABLE',
  AssigneeNotEligible = 'ASSIGNEE_NOT_ELIGIBLE',
  InvalidCursor = 'INVALID_CURSOR',
  TicketChanged = 'TICKET_CHANGED',
  /** Someone else wrote on the ticket after the message the write was based on (details.newer). */
  StaleReply = 'STALE_REPLY',
  /** If-Match named a version of the ticket that is no longer current. */
  PreconditionFailed = 'PRECONDITION_FAILED',
  /** The ticket was merged into another (details.targetId), which takes its replies and changes. */
  TicketMerged = 'TICKET_MERGED',
  /** A merge names a ticket that is already merged into another. */
  AlreadyMerged = 'ALREADY_MERGED',
  /** An unmerge of a ticket that is not merged, and has no merged tickets. */
  NotMerged = 'NOT_MERGED',
  TicketLinkNotFound = 'TICKET_LINK_NOT_FOUND',
  /** A split that names a note, a staff message, another ticket's message, or every message of the ticket. */
  SplitNotAllowed = 'SPLIT_NOT_ALLOWED',
  /** An unmerge more than 24 hours after the merge. */
  UnmergeExpired = 'UNMERGE_EXPIRED',
  /** An email reply to a closed ticket whose department refuses them (ReplyToClosedPolicy). */
  TicketClosed = 'TICKET_CLOSED',
  /** A CC that is one of the system's own addresses (reply domain, MAIL_FROM, a department's). */
  CcIsSystemAddress = 'CC_IS_SYSTEM_ADDRESS',
  /** A ticket would have more than TICKET_MAX_CCS CCs. */
  CcLimit = 'CC_LIMIT',
  /** A note @mentions staff who cannot see the ticket's department. */
  MentionNoAccess = 'MENTION_NO_ACCESS',
  /** A follower must be staff who may see the ticket's department. */
  FollowerNotEligible = 'FOLLOWER_NOT_ELIGIBLE',
  InboundMailNotFound = 'INBOUND_MAIL_NOT_FOUND',
  InboundMailNotHeld = 'INBOUND_MAIL_NOT_HELD',
  MailboxNotFound = 'MAILBOX_NOT_FOUND',
  /** The IMAP server refused the username and password (details.serverResponse). */
  MailboxAuthFailed = 'MAILBOX_AUTH_FAILED',
  /** No IMAP answer from host:port within 10 s (details.cause). */
  MailboxUnreachable = 'MAILBOX_UNREACHABLE',
  /** The folder (or the move:<folder> target) does not exist on the server (details.folders lists those that do). */
  MailboxFolderNotFound = 'MAILBOX_FOLDER_NOT_FOUND',
  /** The address or an alias is already another mailbox's or a department's. */
  MailboxAddressTaken = 'MAILBOX_ADDRESS_TAKEN',
  AttachmentNotFound = 'ATTACHMENT_NOT_FOUND',
  AttachmentTooLarge = 'ATTACHMENT_TOO_LARGE',
  AttachmentKindNotAllowed = 'ATTACHMENT_KIND_NOT_ALLOWED',
  AttachmentAlreadyLinked = 'ATTACHMENT_ALREADY_LINKED',
  StorageUnavailable = 'STORAGE_UNAVAILABLE',
  WebhookNotFound = 'WEBHOOK_NOT_FOUND',
  WebhookDeliveryNotFound = 'WEBHOOK_DELIVERY_NOT_FOUND',
  /** The webhook URL is, or resolves to, a loopback, private or link-local address. */
  WebhookUrlForbidden = 'WEBHOOK_URL_FORBIDDEN',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  ServiceTimeout = 'SERVICE_TIMEOUT',
  BadUpstreamReply = 'BAD_UPSTREAM_REPLY',
  Internal = 'INTERNAL',
}

/** What an RPC error looks like on the wire. */
export interface RpcErrorEnvelope {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
  correlationId?: string;
}

/** A failure a service expects and names: thrown by domain code, serialised by the RPC filter. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function isRpcErrorEnvelope(value: unknown): value is RpcErrorEnvelope {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(ErrorCode).includes((value as RpcErrorEnvelope).code) &&
    typeof (value as RpcErrorEnvelope).message === 'string'
  );
}
