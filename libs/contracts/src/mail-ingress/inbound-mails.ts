import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, Length, Min, ValidateIf } from 'class-validator';

import { ApiFieldOptional } from '../common/api-docs';
import { PageQuery } from '../common/page';
import { WithPrincipal } from '../common/with-principal';
import { PrincipalKind } from '../principal';

/** Where an inbound mail is in its life; added, ignored, refused and failed are final. */
export enum InboundMailState {
  /** Stored (raw in S3) and queued, answered 250; not picked up yet. */
  Received = 'received',
  /** A worker holds it (leased); a crash gives it back when the lease ends. */
  Processing = 'processing',
  /** On its ticket: `ticketId` and `addedMessageId` say where. */
  Added = 'added',
  /** Accepted and dropped on purpose (auto-reply, bounce, list mail, empty reply, rate limit). */
  Ignored = 'ignored',
  /** Refused: at RCPT/DATA with a 5xx, or afterwards by a rule (no bounce is ever sent). */
  Refused = 'refused',
  /** Could not be processed (e.g. the parser's error); the job went to the dead-letter queue. */
  Failed = 'failed',
  /** Accepted from a sender it could not verify; waits for staff to release it (`mail-ingress.release`). */
  Held = 'held',
}

/** How the mail was matched to a ticket (or a department). */
export enum InboundMailRoute {
  /** A verified reply token in the recipient address. */
  Token = 'token',
  /** One of our notification Message-IDs in In-Reply-To/References. */
  Thread = 'thread',
  /** A `[#id]` tag in the subject. */
  SubjectTag = 'subject_tag',
  /** Sent to a department's own address: opens a ticket. */
  Department = 'department',
  /** Matched nothing. */
  None = 'none',
}

/** Why a mail ended as it did: one code per outcome, with a sentence in `detail`. */
export enum InboundMailReason {
  Replied = 'replied',
  /** Kept as an internal note: it came from someone else than the notification's recipient. */
  NotedSenderMismatch = 'noted_sender_mismatch',
  /** Kept as an internal note: its sender could not be verified (UNVERIFIED_SENDER_POLICY=hold). */
  NotedUnverified = 'noted_unverified',
  /** An internal note through a staff member's note-only reply token. */
  Noted = 'noted',
  /** Its sender could not be verified: held for staff, or refused (UNVERIFIED_SENDER_POLICY). */
  Unverified = 'unverified',
  /** A reply to a ticket closed longer than the department allows: a new, linked ticket. */
  NewTicket = 'new_ticket',
  /** Mail to a department address opened a ticket. */
  Opened = 'opened',
  Bounce = 'bounce',
  AutoReply = 'auto_reply',
  Bulk = 'bulk',
  MailingList = 'mailing_list',
  OwnMail = 'own_mail',
  RateLimited = 'rate_limited',
  /** Nothing left after stripping quoted history and signatures, and no attachments. */
  Empty = 'empty',
  InvalidToken = 'invalid_token',
  UnknownRecipient = 'unknown_recipient',
  SenderMismatch = 'sender_mismatch',
  NoMatch = 'no_match',
  UnknownSender = 'unknown_sender',
  TicketClosed = 'ticket_closed',
  /** The token's recipient no longer has an active account. */
  RecipientGone = 'recipient_gone',
  /** The ticket no longer exists or the author may no longer see it. */
  TicketGone = 'ticket_gone',
  Malformed = 'malformed',
  ProcessingError = 'processing_error',
}

/** Which evidence decided who a mail is from (SENDER_AUTH). */
export enum SenderEvidence {
  /** mail-ingress checked DKIM, SPF and DMARC on the raw message itself. */
  Verified = 'verified',
  /** An `Authentication-Results` header of a trusted authserv-id (TRUSTED_AUTHSERV_IDS). */
  TrustedHeaders = 'trusted_headers',
  /** Behind an MTA, but no header of a trusted authserv-id: nothing is known. */
  None = 'none',
}

/**
 * What sender authentication said of a mail; results as in Authentication-Results (`pass`,
 * `fail`, `none`, …). A class: it travels with an email's message to tickets, which re-validates it.
 */
export class SenderVerdict {
  @IsEnum(SenderEvidence)
  evidence: SenderEvidence;

  /** `pass` when a signature verified, else `fail` when one failed, else what the first said. */
  @IsString()
  @Length(1, 40)
  dkim: string;

  @IsString()
  @Length(1, 40)
  spf: string;

  @IsString()
  @Length(1, 40)
  dmarc: string;

  /** The From address's domain. */
  @ValidateIf((verdict: SenderVerdict) => verdict.domain !== null)
  @IsString()
  @Length(1, 255)
  domain: string | null;

  /** Passed, and aligned with the From domain (DMARC pass, or an aligned DKIM or SPF pass). */
  @IsBoolean()
  aligned: boolean;

  /** The authserv-id whose header was used (`trusted_headers`). */
  @ValidateIf((verdict: SenderVerdict) => verdict.authservId !== null)
  @IsString()
  @Length(1, 255)
  authservId: string | null;
}

export interface DroppedAttachment {
  filename: string;
  reason: string;
}

/** One inbound message as staff see it in the log: what came, how it was matched, what became of it. */
export interface InboundMailView {
  id: number;
  receivedAt: string;
  state: InboundMailState;
  reason: InboundMailReason | null;
  /** A sentence for support: e.g. the SMTP answer given, or the parser's error. */
  detail: string | null;
  /** MAIL FROM (empty for the null reverse-path of bounces). */
  envelopeFrom: string;
  /** RCPT TO, reply tokens redacted. */
  envelopeTo: string[];
  /** The From header's address. */
  from: string | null;
  subject: string | null;
  /** The Message-ID header. */
  messageId: string | null;
  route: InboundMailRoute;
  ticketId: number | null;
  /** The token's recipient (route token/thread), or the sender once identified. */
  author: { kind: PrincipalKind; id: number } | null;
  /** The message it became on the ticket. */
  addedMessageId: number | null;
  attachmentIds: number[];
  droppedAttachments: DroppedAttachment[];
  /** Bytes of the raw message; 0 when it was refused before DATA. */
  size: number;
  /** Whether GET /api/inbound-mails/:id/raw has the source (reply tokens in it redacted). */
  hasRaw: boolean;
  /** Sender authentication; null when refused before the message was sent. */
  senderVerdict: SenderVerdict | null;
  /** How it came: to our SMTP listener, or fetched from a mailbox over IMAP (`mailboxId`). */
  source: 'smtp' | 'mailbox';
  mailboxId: number | null;
  /** The mailbox address or alias it was written to (mailbox mail); a ticket it opens answers from it. */
  writtenTo: string | null;
  attempts: number;
  updatedAt: string;
}

export class ListInboundMailsQuery extends PageQuery {
  @ApiFieldOptional({ description: 'only the inbound mails of this ticket' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  ticketId?: number;

  @ApiFieldOptional({ enum: InboundMailState, description: 'only mails with this outcome' })
  @IsOptional()
  @IsEnum(InboundMailState)
  outcome?: InboundMailState;
}

export class ListInboundMailsPayload extends WithPrincipal(ListInboundMailsQuery) {}

/** A short-lived permission to read one raw message from mail-ingress's internal HTTP port. */
export interface RawMailGrant {
  token: string;
  expiresAt: string;
  size: number;
}

export interface MailRedriveResult {
  /** Stalled messages whose processing job was published again. */
  requeued: number;
}

export interface MailRawPurgeResult {
  /** Raw sources removed from storage. */
  removed: number;
}

/** `mail.received`: an accepted inbound message waits for processing (mail-ingress's own work queue). */
export class MailReceivedPayload {
  @IsInt()
  @Min(1)
  inboundMailId: number;
}
