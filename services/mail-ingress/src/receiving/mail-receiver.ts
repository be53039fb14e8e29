import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  DepartmentView,
  InboundMailReason,
  InboundMailRoute,
  InboundMailState,
  SenderVerdict,
} from '@helpdesk/contracts';
import { Readable } from 'node:stream';

import { MAIL_INGRESS_CONFIG, MailIngressConfig } from '../config/mail-ingress-config';
import { InboundMail } from '../inbound-mails/inbound-mail.entity';
import { InboundMailsRepository } from '../inbound-mails/inbound-mails.repository';
import { InboundJobs } from '../mail-received/mail-received-jobs';
import { loopVerdict } from '../routing/loop-rules';
import { MailRouter, ticketRouteKey } from '../routing/mail-router';
import { AcceptedRecipient, Envelope, RecipientCheck, Target } from '../mail/mail-types';
import { SmtpReplies, SmtpReply } from '../mail/smtp-replies';
import { SenderAuthenticator } from '../sender-auth/sender-authenticator';
import { RawMailStore } from '../storage/raw-mail-store';
import { HeaderSummary, summarizeHeaderBlock } from '../mail/header-summary';
import { MessageTooBigError, StoredMessage, storeIncoming } from './message-intake';

export type DataOutcome = { accepted: true; text: string } | { accepted: false; reply: SmtpReply };

/** A message taken from a mailbox over IMAP, and the mailbox's department and addresses. */
export interface FetchedMessage {
  source: Buffer;
  mailboxId: number;
  department: DepartmentView;
  /** The mailbox's address first, then its aliases, lower case. */
  addresses: string[];
  /** On the server from before the mailbox was added (importSince reached back): opens no acknowledgement. */
  backlog: boolean;
}

/** What became of a fetched message: recorded (its log entry), and whether the server may now flag, move or delete it. */
export interface FetchedOutcome {
  inboundMailId: number;
  actOnServer: boolean;
}

/** Where a message came from, when not over SMTP. */
interface MailSource {
  mailboxId: number;
  writtenTo: string;
  backlog: boolean;
}

/**
 * What happens while the sending server waits: recipients judged at RCPT; at the end of DATA the
 * raw message stored in S3, matched, recorded, and its processing job confirmed by the broker,
 * and only then 250. Anything that cannot be made durable answers 451, so the sender retries.
 */
@Injectable()
export class MailReceiver {
  private readonly logger = new Logger(MailReceiver.name);

  constructor(
    @Inject(MAIL_INGRESS_CONFIG) private readonly config: MailIngressConfig,
    private readonly router: MailRouter,
    private readonly store: RawMailStore,
    private readonly mails: InboundMailsRepository,
    private readonly jobs: InboundJobs,
    private readonly senderAuth: SenderAuthenticator,
  ) {}

  async checkRecipient(address: string, envelope: Omit<Envelope, 'to'>): Promise<RecipientCheck> {
    const check = await this.router.checkRecipient(address);
    if (!check.accepted) {
      // Recorded for "my reply didn't work", without waiting: the refusal stands either way.
      this.mails
        .record({
          ...this.envelopeColumns({ ...envelope, to: [address] }, null),
          dedupeKey: null,
          route: InboundMailRoute.None,
          routeKey: null,
          ticketId: null,
          departmentId: null,
          author: null,
          noteReason: null,
          noteFrom: null,
          senderVerdict: null,
          rawKey: null,
          size: 0,
          sha256: null,
          state: InboundMailState.Refused,
          reason: check.reason,
          detail: `Refused at RCPT: ${check.reply.code} ${check.reply.text}`,
        })
        .catch((error: Error) => this.logger.warn(`Could not record a refused recipient: ${error.message}`));
    }
    return check;
  }

  async receive(stream: Readable, envelope: Envelope, recipients: AcceptedRecipient[]): Promise<DataOutcome> {
    let stored: StoredMessage;
    try {
      stored = await storeIncoming(stream, this.store, this.config.maxBytes);
    } catch (error) {
      if (error instanceof MessageTooBigError) {
        return { accepted: false, reply: SmtpReplies.tooBig(this.config.maxBytes) };
      }
      this.logger.warn(`A message from '${envelope.from}' could not be stored: ${(error as Error).message}`);
      return { accepted: false, reply: SmtpReplies.tryLater() };
    }
    const headers = await summarizeHeaderBlock(stored.head);
    let verdict: SenderVerdict;
    let targets: Target[];
    try {
      verdict = await this.senderAuth.verdictOf(stored, envelope, headers);
      targets = await this.targetsOf(envelope, headers, verdict, recipients);
    } catch (error) {
      this.logger.warn(`A message from '${envelope.from}' could not be matched now: ${(error as Error).message}`);
      await this.store.remove([stored.key]);
      return { accepted: false, reply: SmtpReplies.tryLater() };
    }
    try {
      return await this.recordAll(envelope, headers, verdict, stored, targets);
    } catch (error) {
      this.logger.warn(
        `A message from '${envelope.from}' could not be recorded or queued: ${(error as Error).message}`,
      );
      return { accepted: false, reply: SmtpReplies.tryLater() };
    }
  }

  /**
   * The SMTP promise for a message fetched from a mailbox: stored, matched, recorded and its job
   * confirmed before this returns; anything that cannot be made durable throws, and the message
   * stays untouched on the server. A message over the size limit is logged and left there.
   */
  async receiveFetched(message: FetchedMessage): Promise<FetchedOutcome> {
    let stored: StoredMessage;
    try {
      stored = await storeIncoming(Readable.from([message.source]), this.store, this.config.maxBytes);
    } catch (error) {
      if (error instanceof MessageTooBigError) {
        return { inboundMailId: await this.logTooBig(message, message.source.length), actOnServer: false };
      }
      throw error;
    }
    const headers = await summarizeHeaderBlock(stored.head);
    const writtenTo = headers.writtenTo.find((address) => message.addresses.includes(address)) ?? message.addresses[0];
    const envelope: Envelope = { from: headers.from ?? '', to: [writtenTo], remoteAddress: null, helo: null };
    let verdict: SenderVerdict;
    let targets: Target[];
    try {
      verdict = await this.senderAuth.verdictOf(stored, envelope, headers);
      const recipient: AcceptedRecipient = { kind: 'department', address: writtenTo, department: message.department };
      targets = await this.targetsOf(envelope, headers, verdict, [recipient]);
    } catch (error) {
      await this.store.remove([stored.key]);
      throw error;
    }
    const { mailIds } = await this.recordAll(envelope, headers, verdict, stored, targets, {
      mailboxId: message.mailboxId,
      writtenTo,
      backlog: message.backlog,
    });
    return { inboundMailId: mailIds[0], actOnServer: true };
  }

  /** A fetched message over SMTP_INGRESS_MAX_BYTES: in the log, and left on the mail server. */
  async logTooBig(message: Omit<FetchedMessage, 'source'>, size: number): Promise<number> {
    const { mail } = await this.mails.record({
      ...this.envelopeColumns({ from: '', to: [message.addresses[0]], remoteAddress: null, helo: null }, null),
      mailboxId: message.mailboxId,
      writtenTo: message.addresses[0],
      dedupeKey: null,
      route: InboundMailRoute.None,
      routeKey: null,
      ticketId: null,
      departmentId: message.department.id,
      author: null,
      noteReason: null,
      noteFrom: null,
      senderVerdict: null,
      rawKey: null,
      size,
      sha256: null,
      state: InboundMailState.Refused,
      reason: InboundMailReason.Malformed,
      detail: `Larger than ${this.config.maxBytes} bytes: left on the mail server, not flagged, moved or deleted.`,
    });
    return Number(mail.id);
  }

  private async targetsOf(
    envelope: Envelope,
    headers: HeaderSummary,
    verdict: SenderVerdict,
    recipients: AcceptedRecipient[],
  ): Promise<Target[]> {
    const loop = loopVerdict(headers, envelope.from, this.config.ownAddresses);
    if (!loop) {
      const targets = await this.router.route(envelope, headers, verdict, recipients);
      return Promise.all(targets.map((target) => this.router.closedRefusal(target)));
    }
    const ignored = (ticketId: number | null, routeKey: string | null): Target => ({
      action: 'ignore',
      route: ticketId === null ? InboundMailRoute.None : InboundMailRoute.Token,
      routeKey,
      ticketId,
      departmentId: null,
      author: null,
      noteReason: null,
      noteFrom: null,
      reason: loop.reason,
      detail: loop.detail,
    });
    const tokens = recipients.flatMap((recipient) => (recipient.kind === 'token' ? [recipient.subject] : []));
    return tokens.length > 0
      ? tokens.map((subject) => ({
          ...ignored(subject.ticketId, ticketRouteKey(subject.ticketId, subject.recipient)),
          author: subject.recipient,
        }))
      : [ignored(null, 'none')];
  }

  private async recordAll(
    envelope: Envelope,
    headers: HeaderSummary,
    verdict: SenderVerdict,
    stored: StoredMessage,
    targets: Target[],
    source?: MailSource,
  ): Promise<DataOutcome & { mailIds: number[] }> {
    const dedupeKey = headers.messageId ? `mid:${headers.messageId}` : `sha256:${stored.sha256}`;
    const record = (target: Target, raw?: { key: string; body: Buffer }) =>
      this.mails.record(
        {
          ...this.envelopeColumns(envelope, headers),
          ...source,
          // A refusal over SMTP is the sender's to retry; a mailbox's message is taken once, whatever its outcome.
          dedupeKey: target.action === 'refuse' && !source ? null : dedupeKey,
          route: target.route,
          routeKey: target.routeKey,
          ticketId: target.ticketId,
          departmentId: target.departmentId,
          author: target.author,
          noteReason: target.noteReason,
          noteFrom: target.noteFrom,
          unverifiedRequester: target.unverifiedRequester ?? false,
          senderVerdict: verdict,
          rawKey: stored.key,
          size: stored.size,
          sha256: stored.sha256,
          state: stateOf(target),
          reason: target.reason,
          detail:
            target.action === 'refuse' && target.reply ? `${target.reply.code} ${target.reply.text}` : target.detail,
        },
        raw,
      );
    // The first record saves a small message's bytes with it; the others, if any, only refer to them.
    const [first, ...others] = targets;
    const recorded = [
      await record(first, stored.inline ? { key: stored.key, body: stored.inline } : undefined),
      ...(await Promise.all(others.map((target) => record(target)))),
    ];
    // A job is due for every new accepted mail, and again for a duplicate still waiting for its own.
    const due = recorded.filter(({ mail }) => mail.state === InboundMailState.Received).map(({ mail }) => mail);
    await Promise.all(due.map((mail) => this.jobs.publish(Number(mail.id))));
    if (recorded.every(({ duplicate }) => duplicate)) {
      await this.store.remove([stored.key]);
    }
    this.logOutcome(
      envelope,
      recorded.map(({ mail, duplicate }) => ({ mail, duplicate })),
    );
    const mailIds = recorded.map(({ mail }) => Number(mail.id));
    const refused = targets.find((target) => target.action === 'refuse');
    if (targets.some((target) => target.action !== 'refuse') || !refused?.reply) {
      return { accepted: true, text: SmtpReplies.accepted(), mailIds };
    }
    return { accepted: false, reply: refused.reply, mailIds };
  }

  private envelopeColumns(envelope: Envelope, headers: HeaderSummary | null) {
    return {
      remoteAddress: envelope.remoteAddress,
      envelopeFrom: envelope.from,
      envelopeTo: envelope.to,
      headerFrom: headers?.from ?? null,
      headerFromName: headers?.fromName?.slice(0, 200) ?? null,
      subject: headers?.subject?.slice(0, 1000) ?? null,
      messageId: headers?.messageId?.slice(0, 1000) ?? null,
    };
  }

  private logOutcome(envelope: Envelope, recorded: { mail: InboundMail; duplicate: boolean }[]): void {
    for (const { mail, duplicate } of recorded) {
      const where = mail.ticketId !== null ? ` for ticket #${mail.ticketId}` : '';
      this.logger.log(
        `Inbound mail '${mail.id}' from '${envelope.from}'${where}: ${duplicate ? 'a duplicate of it, ' : ''}${mail.state}${mail.reason ? ` (${mail.reason})` : ''}`,
      );
    }
  }
}

function stateOf(target: Target): InboundMailState {
  switch (target.action) {
    case 'accept':
      return InboundMailState.Received;
    case 'hold':
      return InboundMailState.Held;
    case 'ignore':
      return InboundMailState.Ignored;
    case 'refuse':
      return InboundMailState.Refused;
  }
}
