import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsInt,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

import { WithPrincipal } from '../common/with-principal';
import { SenderVerdict } from '../mail-ingress/inbound-mails';
import { CreateTicketBody, MessageBody } from './ticket-bodies';

/**
 * `tickets.reply-by-email` (mail-ingress): a reply by the principal (the token's recipient),
 * with the department's policy for closed tickets applied; or, `asNote`, an internal note.
 */
export class ReplyByEmailPayload extends WithPrincipal(MessageBody) {
  @IsInt()
  @Min(1)
  ticketId: number;

  /** Idempotency key, e.g. `mail-ingress:1042`: a second call with it answers the first message. */
  @IsString()
  @Length(1, 200)
  externalId: string;

  /** An internal note instead of a reply (mail from someone else than the recipient; a notice to staff). */
  @IsOptional()
  @IsBoolean()
  asNote?: boolean;

  /** What sender authentication said of the mail: kept with the message, shown to staff only. */
  @IsOptional()
  @ValidateNested()
  @Type(() => SenderVerdict)
  senderVerdict?: SenderVerdict;
}

/** The longest address a ticket's `writtenTo` may be (as a mailbox address may). */
export const WRITTEN_TO_MAX_LENGTH = 320;

/** `tickets.open-by-email` (mail-ingress): a client's mail to a department's own address. */
export class OpenByEmailPayload extends WithPrincipal(CreateTicketBody) {
  @IsString()
  @Length(1, 200)
  externalId: string;

  /**
   * False: the mail's sender could not be verified (UNVERIFIED_SENDER_POLICY=new_ticket), so the
   * ticket's requester is marked unverified and gets no mail until staff verify them. Default true.
   */
  @IsOptional()
  @IsBoolean()
  requesterVerified?: boolean;

  /** What sender authentication said of the mail: kept with the message, shown to staff only. */
  @IsOptional()
  @ValidateNested()
  @Type(() => SenderVerdict)
  senderVerdict?: SenderVerdict;

  /**
   * The support address (a mailbox address or alias) the mail was written to: the ticket's mails
   * go out From it. Absent for mail received over SMTP.
   */
  @IsOptional()
  @IsEmail()
  @MaxLength(WRITTEN_TO_MAX_LENGTH)
  writtenTo?: string;

  /**
   * True for mail that was on a mailbox's server before the mailbox was added (imported because
   * `importSince` reached back): the ticket opens without an acknowledgement to its client.
   */
  @IsOptional()
  @IsBoolean()
  backlog?: boolean;
}

export enum EmailReplyOutcome {
  /** Added to the ticket as a reply (a closed ticket reopened). */
  Replied = 'replied',
  /** Added as an internal note. */
  Noted = 'noted',
  /** The ticket was closed too long ago (new_ticket_after_days): a new, linked ticket was opened. */
  NewTicket = 'new_ticket',
  /** A ticket opened from a mail to a department address. */
  Opened = 'opened',
}

export interface EmailReplyResult {
  outcome: EmailReplyOutcome;
  /** The ticket the message is on (the new one for `new_ticket`). */
  ticketId: number;
  messageId: number;
  departmentId: number;
  /** `new_ticket`: the closed ticket the mail answered. */
  previousTicketId?: number;
  /** The ticket the mail was for, when that one had been merged into `ticketId`. */
  redirectedFrom?: number;
  /** True when this externalId had already been added: nothing was written this time. */
  duplicate: boolean;
}
