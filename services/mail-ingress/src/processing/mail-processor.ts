import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  DomainError,
  DroppedAttachment,
  EmailReplyOutcome,
  EmailReplyResult,
  ErrorCode,
  InboundMailReason,
  InboundMailRoute,
  InboundMailState,
  isClient,
  Principal,
  SUBJECT_MAX_LENGTH,
  TicketPatterns,
} from '@helpdesk/contracts';
import { TicketsClient, UnprocessableEventError } from '@helpdesk/messaging';

import { People } from '../directory/people';
import { InboundMail } from '../inbound-mails/inbound-mail.entity';
import { InboundMailOutcome, InboundMailsRepository } from '../inbound-mails/inbound-mails.repository';
import { MailboxesRepository } from '../mailboxes/mailboxes.repository';
import { NoteReason } from '../mail/mail-types';
import { RawMailStore } from '../storage/raw-mail-store';
import { AttachmentImporter } from './attachment-importer';
import { ContentWorkerPool, ProcessingBudgetError } from './content-pool';
import { ccsOfNewTicket } from './copied-ccs';
import { MailContent } from './mail-content';
import {
  composeMessage,
  droppedNotice,
  noteAuthor,
  senderMismatchHeading,
  unverifiedHeading,
} from './message-composition';
import { MalformedMailError } from './parse-mail';

export const MAIL_PROCESSOR_OPTIONS = Symbol('MAIL_PROCESSOR_OPTIONS');
export interface MailProcessorOptions {
  leaseMs: number;
  /** TICKET_MAX_CCS: To/Cc addresses beyond it do not become CCs of a ticket opened by mail. */
  maxCcs: number;
  /** MAIL_DOMAIN and MAIL_FROM's address: never CCs. */
  replyDomain: string;
  ownAddresses: string[];
  /** Attempts in all (across retries and re-drives) before a message is marked failed. */
  maxAttempts: number;
}

/** Processing ended for good: recorded with this outcome, the job acked (or, if `deadLetter`, dead-lettered). */
interface Ended {
  ended: InboundMailOutcome;
  deadLetter: boolean;
}

/** Refusals by the tickets or access service that no retry changes, with the outcome they mean. */
const REFUSALS: Partial<Record<ErrorCode, InboundMailReason>> = {
  [ErrorCode.TicketClosed]: InboundMailReason.TicketClosed,
  [ErrorCode.TicketNotFound]: InboundMailReason.TicketGone,
  [ErrorCode.AccessDenied]: InboundMailReason.TicketGone,
  [ErrorCode.DepartmentInactive]: InboundMailReason.NoMatch,
  [ErrorCode.DepartmentNotFound]: InboundMailReason.NoMatch,
  [ErrorCode.ClientNotFound]: InboundMailReason.RecipientGone,
  [ErrorCode.Unauthenticated]: InboundMailReason.RecipientGone,
};

/** The first pause before giving a mail back again; it grows to five times this. */
const RELEASE_RETRY_MS = 1_000;

/**
 * Turns an accepted message into a message on its ticket: parse, strip, import the files, then
 * ask tickets to add it as its author, idempotently (`mail-ingress:<id>`), so that however often
 * a crash or timeout makes this run again, the reply is there exactly once.
 */
@Injectable()
export class MailProcessor {
  private readonly logger = new Logger(MailProcessor.name);

  constructor(
    @Inject(MAIL_PROCESSOR_OPTIONS) private readonly options: MailProcessorOptions,
    private readonly mails: InboundMailsRepository,
    private readonly store: RawMailStore,
    private readonly people: People,
    private readonly importer: AttachmentImporter,
    private readonly tickets: TicketsClient,
    private readonly content: ContentWorkerPool,
    private readonly mailboxes: MailboxesRepository,
  ) {}

  /** The To/Cc addresses of a mail to a department that become CCs of the ticket it opens. */
  private async copiedCcs(copied: string[], sender: string) {
    const departments = await this.people.departmentEmails();
    const mailboxes = await this.mailboxes.allAddresses();
    return ccsOfNewTicket(copied, {
      sender,
      replyDomain: this.options.replyDomain,
      systemAddresses: new Set([...this.options.ownAddresses, ...departments, ...mailboxes]),
      max: this.options.maxCcs,
    });
  }

  /**
   * Gives the mail back so the job's retry can claim it. The failure is often the database
   * itself, so giving back is retried until it lands: a mail left leased would wait out its whole
   * lease (and the next re-drive) after a short outage.
   */
  private async releaseForRetry(id: number, detail: string): Promise<void> {
    const giveUpAt = Date.now() + this.options.leaseMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.mails.release(id, detail);
      } catch (error) {
        if (Date.now() >= giveUpAt) {
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(attempt, 5) * RELEASE_RETRY_MS));
      }
    }
  }

  async process(id: number): Promise<void> {
    const claimed = await this.mails.claim(id, this.options.leaseMs);
    if (!claimed) {
      return;
    }
    const { mail, inlineRaw } = claimed;
    const started = Date.now();
    let result: InboundMailOutcome | Ended;
    try {
      result =
        mail.attempts > this.options.maxAttempts
          ? ended(
              failed(
                InboundMailReason.ProcessingError,
                `Gave up after ${mail.attempts - 1} attempts: ${mail.detail ?? ''}`,
              ),
            )
          : await this.handle(mail, inlineRaw);
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) {
        await this.releaseForRetry(id, `Attempt ${mail.attempts} failed: ${(error as Error).message}`);
        throw error;
      }
      result = refusal;
    }
    if (!('ended' in result)) {
      await this.mails.finish(id, result);
      this.logger.log(
        `Inbound mail '${id}' was ${result.state} (${result.reason})${result.ticketId ? ` on ticket #${result.ticketId}` : ''} in ${((Date.now() - started) / 1000).toFixed(2)} s`,
      );
      return;
    }
    await this.mails.finish(id, result.ended);
    this.logger.warn(
      `Inbound mail '${id}' ended ${result.ended.state} (${result.ended.reason}): ${result.ended.detail}`,
    );
    if (result.deadLetter) {
      throw new UnprocessableEventError(`inbound mail '${id}': ${result.ended.detail}`);
    }
  }

  private async handle(mail: InboundMail, inlineRaw: Buffer | null): Promise<InboundMailOutcome | Ended> {
    const content = await this.read(mail, inlineRaw);
    if ('ended' in content) {
      return content;
    }
    // A note from someone else than its author (a forwarded token, an unverified sender) is written by mail-ingress.
    const fromOther = mail.noteReason === NoteReason.SenderMismatch || mail.noteReason === NoteReason.Unverified;
    const author = fromOther && mail.authorId === null ? null : await this.authorOf(mail);
    if (author !== null && 'ended' in author) {
      return author;
    }
    const writer = fromOther || author === null ? noteAuthor(mail.noteFrom) : author;
    const files = await this.filesOf(mail, content, writer);
    const text = content.replyText;
    if (!text && files.attachmentIds.length === 0) {
      return {
        state: InboundMailState.Ignored,
        reason: InboundMailReason.Empty,
        detail: 'Nothing was left after removing the quoted history and signature, and there were no attachments.',
      };
    }
    const externalId = `mail-ingress:${mail.id}`;
    const message = composeMessage(text, headingOf(mail, author));
    const attachmentIds = files.attachmentIds.length > 0 ? files.attachmentIds : undefined;
    const copied =
      mail.route === InboundMailRoute.Department ? await this.copiedCcs(content.copied, writer.email) : null;
    const result: EmailReplyResult =
      mail.route === InboundMailRoute.Department || mail.unverifiedRequester
        ? await this.tickets.send(TicketPatterns.OpenByEmail, {
            principal: writer,
            departmentId: mail.departmentId as number,
            subject: subjectOf(mail),
            message,
            attachmentIds,
            externalId,
            cc: copied?.ccs.length ? copied.ccs : undefined,
            senderVerdict: mail.senderVerdict ?? undefined,
            requesterVerified: !mail.unverifiedRequester,
            writtenTo: mail.writtenTo ?? undefined,
            backlog: mail.backlog || undefined,
          })
        : await this.tickets.send(TicketPatterns.ReplyByEmail, {
            principal: writer,
            ticketId: mail.ticketId as number,
            message,
            attachmentIds,
            externalId,
            asNote: mail.noteReason !== null,
            senderVerdict: mail.senderVerdict ?? undefined,
          });
    if (files.dropped.length > 0) {
      await this.tickets.send(TicketPatterns.ReplyByEmail, {
        principal: noteAuthor(null),
        ticketId: result.ticketId,
        message: droppedNotice(files.dropped, fromOther ? (mail.noteFrom ?? '') : `${writer.name} <${writer.email}>`),
        externalId: `${externalId}:dropped`,
        asNote: true,
      });
    }
    return {
      state: InboundMailState.Added,
      reason: reasonOf(result, mail),
      detail: detailOf(result, files.dropped, mail.unverifiedRequester) + droppedCcs(copied?.dropped ?? []),
      ticketId: result.ticketId,
      departmentId: result.departmentId,
      addedMessageId: result.messageId,
    };
  }

  /** A message over the processing budget fails at once: every retry would cost as much again. */
  private async read(mail: InboundMail, inlineRaw: Buffer | null): Promise<MailContent | Ended> {
    const raw = inlineRaw ?? (mail.rawKey ? await this.store.read(mail.rawKey) : null);
    if (!raw) {
      return ended(failed(InboundMailReason.ProcessingError, 'The raw message is missing from storage.'), true);
    }
    try {
      return await this.content.read(raw);
    } catch (error) {
      if (error instanceof MalformedMailError) {
        return ended(failed(InboundMailReason.Malformed, `The parser could not read it: ${error.message}`), true);
      }
      if (error instanceof ProcessingBudgetError) {
        return ended(failed(InboundMailReason.ProcessingError, `Over the processing budget: ${error.message}`));
      }
      throw error;
    }
  }

  /** The token's recipient or the identified sender, as they are now; a new client when allowed. */
  private async authorOf(mail: InboundMail): Promise<Principal | Ended> {
    if (mail.authorKind === null || mail.authorId === null) {
      const address = (mail.headerFrom ?? mail.envelopeFrom).toLowerCase();
      const existing = await this.people.findByEmail(address);
      if (existing && !isClient(existing)) {
        // Staff write by email only through their own token: a mail without one (a released held
        // mail whose From: is a staff address) is never posted as them, nor as a client.
        return ended(
          refused(
            InboundMailReason.UnknownSender,
            `${address} is staff: mail without their own reply token is never posted as staff.`,
          ),
        );
      }
      return existing ?? (await this.people.createClient(address, nameFor(mail, address)));
    }
    const author = await this.people.resolveFresh(mail.authorKind, mail.authorId);
    if (!author) {
      return ended(
        refused(
          InboundMailReason.RecipientGone,
          `${mail.authorKind} ${mail.authorId} no longer has an active account.`,
        ),
      );
    }
    return author;
  }

  /** Imported once: a retry reuses the attachments an earlier attempt imported. */
  private async filesOf(
    mail: InboundMail,
    content: MailContent,
    owner: Principal,
  ): Promise<{ attachmentIds: number[]; dropped: DroppedAttachment[] }> {
    if (mail.attachmentIds !== null) {
      return { attachmentIds: mail.attachmentIds.map(Number), dropped: mail.droppedAttachments };
    }
    if (content.attachments.length === 0) {
      // Nothing imported, so nothing a retry must not import again: no need to record it.
      return { attachmentIds: [], dropped: [] };
    }
    const { kept, dropped } = await this.importer.importAll(Number(mail.id), owner, content.attachments);
    const attachmentIds = kept.map((attachment) => attachment.id);
    await this.mails.saveAttachments(Number(mail.id), attachmentIds, dropped);
    return { attachmentIds, dropped };
  }
}

function ended(outcome: InboundMailOutcome, deadLetter = false): Ended {
  return { ended: outcome, deadLetter };
}

/** A refusal by tickets or access that no retry changes, as the outcome it means; null for anything else. */
function refusalOf(error: unknown): Ended | null {
  if (!(error instanceof DomainError)) {
    return null;
  }
  const reason = REFUSALS[error.code];
  if (reason) {
    return ended(refused(reason, error.message));
  }
  return error.code === ErrorCode.ValidationFailed
    ? ended(failed(InboundMailReason.ProcessingError, error.message), true)
    : null;
}

function failed(reason: InboundMailReason, detail: string): InboundMailOutcome {
  return { state: InboundMailState.Failed, reason, detail };
}

function refused(reason: InboundMailReason, detail: string): InboundMailOutcome {
  return { state: InboundMailState.Refused, reason, detail };
}

const NOTED_REASONS: Record<NoteReason, InboundMailReason> = {
  [NoteReason.SenderMismatch]: InboundMailReason.NotedSenderMismatch,
  [NoteReason.Unverified]: InboundMailReason.NotedUnverified,
  [NoteReason.NoteToken]: InboundMailReason.Noted,
};

/** What heads a note from someone else than its author, so staff see at once where it came from. */
function headingOf(mail: InboundMail, author: Principal | null): string | null {
  switch (mail.noteReason) {
    case NoteReason.SenderMismatch:
      return senderMismatchHeading(mail.noteFrom, author);
    case NoteReason.Unverified:
      return unverifiedHeading(mail.noteFrom, mail.senderVerdict);
    default:
      return null;
  }
}

function reasonOf(result: EmailReplyResult, mail: InboundMail): InboundMailReason {
  switch (result.outcome) {
    case EmailReplyOutcome.NewTicket:
      return InboundMailReason.NewTicket;
    case EmailReplyOutcome.Opened:
      return InboundMailReason.Opened;
    case EmailReplyOutcome.Noted:
      return NOTED_REASONS[mail.noteReason ?? NoteReason.NoteToken];
    case EmailReplyOutcome.Replied:
      return InboundMailReason.Replied;
  }
}

function detailOf(result: EmailReplyResult, dropped: DroppedAttachment[], unverifiedRequester: boolean): string {
  const where =
    result.outcome === EmailReplyOutcome.NewTicket
      ? `Added to new ticket #${result.ticketId}: ticket #${result.previousTicketId} was closed too long ago.`
      : result.outcome === EmailReplyOutcome.Opened
        ? unverifiedRequester
          ? `Opened ticket #${result.ticketId} under an unverified requester: nothing is mailed to them until staff verify them.`
          : `Opened ticket #${result.ticketId}.`
        : `Added to ticket #${result.ticketId}.`;
  const files =
    dropped.length > 0 ? ` Not kept: ${dropped.map((file) => `${file.filename} (${file.reason})`).join('; ')}.` : '';
  const redirected =
    result.redirectedFrom === undefined
      ? ''
      : `Ticket #${result.redirectedFrom} was merged into #${result.ticketId}, so it went there. `;
  return redirected + where + files;
}

function droppedCcs(dropped: string[]): string {
  return dropped.length > 0 ? ` Not made CCs (over TICKET_MAX_CCS): ${dropped.join(', ')}.` : '';
}

function subjectOf(mail: InboundMail): string {
  const subject = (mail.subject ?? '').replace(/\s+/g, ' ').trim();
  return (subject || '(no subject)').slice(0, SUBJECT_MAX_LENGTH);
}

function nameFor(mail: InboundMail, address: string): string {
  const name = mail.headerFromName?.replace(/\s+/g, ' ').trim() || address.split('@')[0];
  return name.slice(0, 100);
}
